/**
 * Scenario names shared by the simulated plugin, the simulated Oz API, the demo's `?scenario=`
 * picker, Storybook and the tests. One list, so a name means the same thing everywhere.
 *
 * Where a scenario acts:
 * - in the plugin: the WASM codes (`error_wasm_internal_failure_*`, real Oz code names) and the
 *   camera ones (`camera_denied`, `camera_hang`);
 * - in the container: `container_error_*` make the plugin pack a container that really has that
 *   defect, so the API finds it by inspection;
 * - as a hint carried inside the container to the API: `declined`, `failed`, `slow` (the API's own
 *   `scenario` option forces these too);
 * - in the plugin's hand-over, each way Oz's docs leave room for (`window_closes_first`,
 *   `container_only_argument`, `architecture_normal`, `camera_refused_at_prompt`);
 * - in the API only (its `scenario` option; the demo's dev backend mounts one API per scenario):
 *   `auth_expired_*`, an access token that expires on the session-token call or on the upload.
 */

/** Every scenario name, in the order a picker should list them. `accept` is the default. */
export const SCENARIOS = [
  'accept',
  'declined',
  'failed',
  'slow',
  'camera_denied',
  'camera_hang',
  'error_wasm_internal_failure_1',
  'error_wasm_internal_failure_2',
  'error_wasm_internal_failure_3',
  'error_wasm_internal_failure_4',
  'error_wasm_internal_failure_5',
  'error_wasm_internal_failure_1000',
  'container_error_3',
  'container_error_4',
  'container_error_5',
  'container_error_13',
  'container_error_14',
  'window_closes_first',
  'container_only_argument',
  'architecture_normal',
  'camera_refused_at_prompt',
  'auth_expired_400_session_token',
  'auth_expired_401_session_token',
  'auth_expired_400_upload',
  'auth_expired_401_upload',
] as const;

/** One of {@link SCENARIOS}. */
export type ScenarioName = (typeof SCENARIOS)[number];

/** The default scenario: the capture goes through and the API answers `SUCCESS`. */
export const DEFAULT_SCENARIO: ScenarioName = 'accept';

/** Where a scenario takes effect; see the module comment. */
export type ScenarioSide = 'api' | 'plugin' | 'container';

/** True when `value` is one of {@link SCENARIOS}. */
export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === 'string' && (SCENARIOS as readonly string[]).includes(value);
}

/** The Oz API error code a `container_error_*` scenario produces, or `null` for other scenarios. */
export function containerErrorCode(scenario: ScenarioName): 3 | 4 | 5 | 13 | 14 | null {
  const m = /^container_error_(\d+)$/.exec(scenario);
  return m ? (Number(m[1]) as 3 | 4 | 5 | 13 | 14) : null;
}

/** The outcome hint a scenario carries to the API inside the container, or `null`. */
export function outcomeHint(scenario: ScenarioName): 'declined' | 'failed' | 'slow' | null {
  return scenario === 'declined' || scenario === 'failed' || scenario === 'slow' ? scenario : null;
}

/** An `auth_expired_*` scenario: which Oz call answers error_code 8 once, and under which HTTP status. */
export function authExpiry(
  scenario: ScenarioName | undefined,
): { route: 'session_token' | 'upload'; status: 400 | 401 } | null {
  const m = /^auth_expired_(400|401)_(session_token|upload)$/.exec(scenario ?? '');
  return m ? { status: Number(m[1]) as 400 | 401, route: m[2] as 'session_token' | 'upload' } : null;
}
