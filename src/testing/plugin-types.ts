/**
 * The simulated plugin's public types: what `installSimulator` takes, what `OzLiveness.open()`
 * accepts, and what its callbacks receive. Field names and shapes are Oz's wherever Oz documents
 * them (the launch-options and on_capture_complete pages); the rest is marked simulated.
 */
import type { ScenarioName } from './scenarios.js';
import type { PromiseTimeoutOption } from './user-media.js';

/** The actions Oz documents for `open({ action })`. */
export const OZ_ACTIONS = [
  'photo_id_front',
  'photo_id_back',
  'video_selfie_left',
  'video_selfie_right',
  'video_selfie_down',
  'video_selfie_high',
  'video_selfie_smile',
  'video_selfie_eyes',
  'video_selfie_scan',
  'video_selfie_blank',
  'video_selfie_best',
] as const;

/** Options of `installSimulator`. */
export interface SimulatorOptions {
  /** The scenario for every `open()` until changed through `OzLiveness.scenario`. Default `accept`. */
  scenario?: ScenarioName;
  /** ms each action waits before it captures by itself (the real plugin goes on once a face is in frame). Default 3000. */
  delay?: number;
  /** The container key; must match the simulated API's `key`. Default: the shared simulator key. */
  key?: string;
  /** Language when `open()` gives none. Default `en`. */
  lang?: string;
}

/** A face box in frame pixels, as Oz's on_capture_complete page names its sides. */
export interface SimulatedBoundingBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Face landmarks as `[x, y]` in frame pixels, named as on Oz's on_capture_complete page. */
export interface SimulatedLandmarks {
  left_eye: [number, number];
  right_eye: [number, number];
  nose_base: [number, number];
  mouth_bottom: [number, number];
  left_ear: [number, number];
  right_ear: [number, number];
}

/**
 * The `result` of `on_capture_complete`, in the shape of Oz's on_capture_complete page. The values
 * of the boxes and landmarks are simulated (no face detection runs: a fixed box in the middle).
 */
export interface SimulatedCaptureResult {
  /** The action the best frame comes from. */
  action: string;
  /** `data:image/jpeg;base64,…` */
  best_frame: string;
  /** `data:image/png;base64,…` of the same frame. */
  best_frame_png: string;
  /** Simulated values: a fixed centred box. */
  best_frame_bounding_box: SimulatedBoundingBox;
  /** Simulated values: fixed points inside that box. */
  best_frame_landmarks: SimulatedLandmarks;
  /** JPEG data URLs of every still frame taken. */
  frame_list: string[];
  /** One box per entry of `frame_list`. */
  frame_bounding_box_list: SimulatedBoundingBox[];
  /** One set of landmarks per entry of `frame_list`. */
  frame_landmarks: SimulatedLandmarks[];
  /**
   * "Information about client environment", a string as Oz documents. The simulator's is JSON
   * (`simulator`, `scenario`, `actions`, `media_source`, `event_session_id`, `user_agent`); Oz's
   * content is not documented, so never parse it in production code.
   */
  additional_info: string;
}

/**
 * What `on_result` / `on_complete` receive in the `normal` architecture (the plugin uploads by
 * itself), in the `status` result_mode shape Oz documents: lower-case `state` and `resolution`.
 */
export interface SimulatedAdapterResult {
  state: 'processing' | 'finished';
  event_session_id: string;
  analyses: { quality: { state: 'processing' | 'finished'; resolution: '' | 'success' } };
}

/** The `on_error` argument, shaped as Oz documents: `{ code, event_session_id, message, context }`. */
export interface SimulatedOzError {
  /** `error_wasm_internal_failure_*` (Oz's codes) or a simulated `sim_*` code. */
  code: string;
  event_session_id: string;
  message: string;
  context: Record<string, unknown>;
}

/** `OzLiveness.open(options)`: the documented options the simulator honours, and the callbacks. */
export interface SimulatedOpenOptions {
  session_token?: string | null;
  lang?: string;
  action?: string[];
  meta?: Record<string, string>;
  params?: { extract_best_shot?: boolean; [key: string]: unknown };
  overlay_options?: { show_document_pattern?: boolean; [key: string]: unknown };
  cameraFacingMode?: 'user' | 'environment';
  device_id?: string;
  disable_adaptive_aspect_ratio?: boolean;
  get_user_media_timeout?: number;
  get_user_media_promise_timeout_ms?: PromiseTimeoutOption;
  get_user_media_promise_timeout_throw_error?: boolean;
  enable_3d_mask?: boolean;
  style?: unknown;
  /**
   * Capture architecture. Usually `(result, container)`; in the `container_only_argument` scenario
   * the container alone, as the launch-options page describes ("with one argument").
   */
  on_capture_complete?: (result: SimulatedCaptureResult | Blob, container?: Blob) => void;
  on_error?: (error: SimulatedOzError) => void;
  on_close?: () => void;
  /** Called only in the `architecture_normal` scenario (the plugin uploaded by itself). */
  on_submit?: () => void;
  /** Called only in the `architecture_normal` scenario. */
  on_result?: (result: SimulatedAdapterResult) => void;
  /** Called only in the `architecture_normal` scenario. */
  on_complete?: (result: SimulatedAdapterResult) => void;
  [option: string]: unknown;
}

/** The fake `OzLiveness`: Oz's three methods, plus simulator-only controls. */
export interface SimulatedOzLiveness {
  /** Opens the window and starts a capture. One window per page: a second `open()` gets `sim_already_open`. */
  open(options: SimulatedOpenOptions): void;
  /** Closes the window and aborts the session; of its callbacks only `on_close` still fires. */
  close(): void;
  /** Hides the window; the session goes on and its callbacks still fire. */
  hide(): void;
  /** Simulator only: the scenario for the next `open()`. Throws `TypeError` on an unknown name. */
  scenario: ScenarioName;
  /** Simulator only: ms each action waits before capturing by itself. */
  delay: number;
  /** Simulator only: a session is running (shown or hidden, or closed with its container still to come). */
  readonly isOpen: boolean;
  /** Simulator only: the running session's window is hidden. */
  readonly isHidden: boolean;
  /** Simulator only: capture the current action now instead of waiting (the "Capture now" button). */
  advance(): void;
  /**
   * Simulator only: closes any session, gives the page back its own `navigator.permissions.query`
   * (see `camera_refused_at_prompt`) and removes `window.OzLiveness` if it is still this object.
   */
  uninstall(): void;
  /** Simulator only: always `true`, so a page can tell the simulator from the real plugin. */
  readonly simulated: true;
}
