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
 *   `scenario` option forces these too).
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
] as const;

/** One of {@link SCENARIOS}. */
export type ScenarioName = (typeof SCENARIOS)[number];

/** The default scenario: the capture goes through and the API answers `SUCCESS`. */
export const DEFAULT_SCENARIO: ScenarioName = 'accept';

/** Where a scenario takes effect; see the module comment. */
export type ScenarioSide = 'api' | 'plugin' | 'container';

/** What each scenario does, for pickers, docs and Storybook controls. */
export const SCENARIO_INFO: Readonly<Record<ScenarioName, { side: ScenarioSide; description: string }>> = {
  accept: { side: 'api', description: 'Capture succeeds; the API answers FINISHED / SUCCESS.' },
  declined: { side: 'api', description: 'The API answers FINISHED / DECLINED (liveness rejected).' },
  failed: { side: 'api', description: 'The API answers FAILED / FAILED with a resolution_comment (a system error).' },
  slow: { side: 'api', description: 'The API answers SUCCESS after a delay (latencyMs, default 3 s).' },
  camera_denied: { side: 'plugin', description: 'getUserMedia is refused: on_error sim_camera_denied.' },
  camera_hang: { side: 'plugin', description: 'getUserMedia never settles: the get_user_media_* timeouts apply.' },
  error_wasm_internal_failure_1: { side: 'plugin', description: 'No WebAssembly support: on_error at open.' },
  error_wasm_internal_failure_2: { side: 'plugin', description: 'Not enough memory: on_error once the camera runs.' },
  error_wasm_internal_failure_3: { side: 'plugin', description: 'Container not generated: on_error after capture.' },
  error_wasm_internal_failure_4: { side: 'plugin', description: 'Container not generated: on_error after capture.' },
  error_wasm_internal_failure_5: { side: 'plugin', description: 'Container not generated: on_error after capture.' },
  error_wasm_internal_failure_1000: { side: 'plugin', description: 'Other container failure: on_error after capture.' },
  container_error_3: { side: 'container', description: 'Container without payload: API 400, error_code 3.' },
  container_error_4: { side: 'container', description: 'Container without media: API 400, error_code 4.' },
  container_error_5: { side: 'container', description: 'Container with damaged media: API 400, error_code 5.' },
  container_error_13: { side: 'container', description: 'Empty container Blob: API 400, error_code 13.' },
  container_error_14: { side: 'container', description: 'Container with a broken signature: API 400, error_code 14.' },
};

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
