/**
 * What each simulator scenario does and which Oz behaviour it stands for: the table behind the
 * docs (docs/simulator.md), the demo's picker and Storybook controls. Kept apart from scenarios.ts
 * so the plugin script, which needs only the names, does not carry these texts.
 */
import type { ScenarioName, ScenarioSide } from './scenarios.js';

/** Oz's documentation pages a scenario stands on (as named in the kit's Oz reference). */
const DOCS = {
  launch: 'Web SDK, launching the plugin (open() options and callbacks)',
  capture: 'Web SDK, capturing video and the on_capture_complete callback',
  container: 'Web SDK, the container (OzCapsula) pages',
  adapter: 'Web Adapter, configuration file settings (architecture)',
  errors: 'Oz API, API Error Codes',
  instant: 'Oz API, Instant API: non-persistent mode',
  statuses: 'Oz API, Statuses in API',
  auth: 'Oz API, Authentication',
} as const;

/**
 * What each scenario does (for pickers, docs and Storybook controls), and `oz`: the Oz behaviour it
 * stands for and the page of Oz's documentation that describes it (or says it leaves room).
 */
export const SCENARIO_INFO: Readonly<Record<ScenarioName, { side: ScenarioSide; description: string; oz: string }>> = {
  accept: {
    side: 'api',
    description: 'Capture succeeds; the API answers FINISHED / SUCCESS.',
    oz: `A finished analysis that passed (${DOCS.statuses}).`,
  },
  declined: {
    side: 'api',
    description: 'The API answers FINISHED / DECLINED (liveness rejected).',
    oz: `A finished analysis that found a spoof (${DOCS.statuses}).`,
  },
  failed: {
    side: 'api',
    description: 'The API answers FAILED / FAILED with a resolution_comment (a system error).',
    oz: `An analysis that could not run: neither accept nor reject (${DOCS.statuses}).`,
  },
  slow: {
    side: 'api',
    description: 'The API answers SUCCESS after a delay (latencyMs, default 3 s).',
    oz: `The synchronous Instant answer taking its time (${DOCS.instant}).`,
  },
  camera_denied: {
    side: 'plugin',
    description: 'getUserMedia is refused: on_error sim_camera_denied.',
    oz: `A camera refused while the permission state does not say so; Oz's camera codes are not documented (${DOCS.launch}, on_error).`,
  },
  camera_hang: {
    side: 'plugin',
    description: 'getUserMedia never settles: the get_user_media_* timeouts apply.',
    oz: `get_user_media_timeout and get_user_media_promise_timeout_ms (${DOCS.launch}).`,
  },
  error_wasm_internal_failure_1: {
    side: 'plugin',
    description: 'No WebAssembly support: on_error at open.',
    oz: `Container error code 1 (${DOCS.container}).`,
  },
  error_wasm_internal_failure_2: {
    side: 'plugin',
    description: 'Not enough memory: on_error once the camera runs.',
    oz: `Container error code 2 (${DOCS.container}).`,
  },
  error_wasm_internal_failure_3: {
    side: 'plugin',
    description: 'Container not generated: on_error after capture.',
    oz: `Container error code 3 (${DOCS.container}).`,
  },
  error_wasm_internal_failure_4: {
    side: 'plugin',
    description: 'Container not generated: on_error after capture.',
    oz: `Container error code 4 (${DOCS.container}).`,
  },
  error_wasm_internal_failure_5: {
    side: 'plugin',
    description: 'Container not generated: on_error after capture.',
    oz: `Container error code 5 (${DOCS.container}).`,
  },
  error_wasm_internal_failure_1000: {
    side: 'plugin',
    description: 'Other container failure: on_error after capture.',
    oz: `Container error code 1000 (${DOCS.container}).`,
  },
  container_error_3: {
    side: 'container',
    description: 'Container without payload: API 400, error_code 3.',
    oz: `400 "Invalid request data", error_code 3 (${DOCS.errors}).`,
  },
  container_error_4: {
    side: 'container',
    description: 'Container without media: API 400, error_code 4.',
    oz: `400 "Invalid request data", error_code 4 (${DOCS.errors}).`,
  },
  container_error_5: {
    side: 'container',
    description: 'Container with damaged media: API 400, error_code 5.',
    oz: `400 "Invalid request data", error_code 5 (${DOCS.errors}).`,
  },
  container_error_13: {
    side: 'container',
    description: 'Empty container Blob: API 400, error_code 13.',
    oz: `400 "Invalid request data", error_code 13 (${DOCS.errors}).`,
  },
  container_error_14: {
    side: 'container',
    description: 'Container with a broken signature: API 400, error_code 14.',
    oz: `400 "Invalid request data", error_code 14: decryption, signature, hash or session token (${DOCS.errors}).`,
  },
  window_closes_first: {
    side: 'plugin',
    description:
      'The window closes and on_close comes first; on_capture_complete(result, container) follows 300 ms later (unless close() is called).',
    oz: `on_close runs "after the plugin window is closed", in no fixed order with on_capture_complete (${DOCS.launch}).`,
  },
  container_only_argument: {
    side: 'plugin',
    description: 'on_capture_complete(container): the container Blob is the only argument.',
    oz: `on_capture_complete is called "with one argument" (${DOCS.launch}); the quick start and container pages show (result, container).`,
  },
  architecture_normal: {
    side: 'plugin',
    description:
      'The adapter is in the normal architecture: on_submit, on_result, on_complete, on_close; never on_capture_complete, no container for the page.',
    oz: `architecture defaults to normal; only capture hands the container to the page (${DOCS.adapter}; ${DOCS.capture}).`,
  },
  camera_refused_at_prompt: {
    side: 'plugin',
    description:
      "The person refuses at the plugin's own camera prompt: the camera permission now reads denied (where the page can be told), then on_error sim_camera_denied.",
    oz: `Camera errors have no documented codes (${DOCS.launch}, on_error); the browser's permission state says what happened.`,
  },
  auth_expired_400_session_token: {
    side: 'api',
    description: 'The session-token call answers 400 with error_code 8 once; a fresh login then works.',
    oz: `8 AUTH EXPIRED in the body, no HTTP status promised (${DOCS.errors}; ${DOCS.auth}).`,
  },
  auth_expired_401_session_token: {
    side: 'api',
    description: 'The session-token call answers 401 with error_code 8 once; a fresh login then works.',
    oz: `8 AUTH EXPIRED under 401 (${DOCS.errors}; ${DOCS.auth}).`,
  },
  auth_expired_400_upload: {
    side: 'api',
    description:
      'The upload answers 400 with error_code 8 once (the session token stays unused); a fresh login then works.',
    oz: `8 AUTH EXPIRED in the body, no HTTP status promised (${DOCS.errors}; ${DOCS.auth}).`,
  },
  auth_expired_401_upload: {
    side: 'api',
    description:
      'The upload answers 401 with error_code 8 once (the session token stays unused); a fresh login then works.',
    oz: `8 AUTH EXPIRED under 401 (${DOCS.errors}; ${DOCS.auth}).`,
  },
};
