/**
 * The one state machine of `<oz-liveness-check>`. Every transition the element can make is listed
 * here; the element calls `canTransition()` before it moves, so an impossible move (a `start()`
 * while capturing, an upload after a reset) cannot happen.
 */
export const OzState = {
  idle: 'idle',
  loading: 'loading',
  ready: 'ready',
  starting: 'starting',
  capturing: 'capturing',
  uploading: 'uploading',
  done: 'done',
  error: 'error',
} as const;

export type OzState = (typeof OzState)[keyof typeof OzState];

const transitions: Record<OzState, readonly OzState[]> = {
  // loading: the plugin script; starting: the session token and open()
  idle: ['loading', 'error'],
  loading: ['ready', 'starting', 'error', 'idle'],
  ready: ['starting', 'error', 'idle'],
  starting: ['capturing', 'error', 'ready', 'idle'],
  // capturing → ready: the person closed the window before the capture
  capturing: ['uploading', 'done', 'error', 'ready', 'idle'],
  // uploading → ready/idle: reset() or removal aborted the upload
  uploading: ['done', 'error', 'ready', 'idle'],
  // done with the container kept: the page skipped the built-in upload, or retries it
  done: ['loading', 'starting', 'uploading', 'ready', 'idle', 'error'],
  error: ['loading', 'starting', 'uploading', 'ready', 'idle'],
};

export function canTransition(from: OzState, to: OzState): boolean {
  return transitions[from].includes(to);
}

/** States in which a capture or an upload is under way: `start()` is refused. */
export function isBusy(state: OzState): boolean {
  return state === 'loading' || state === 'starting' || state === 'capturing' || state === 'uploading';
}
