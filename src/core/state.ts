/**
 * The one state machine of `<oz-liveness-check>`: every move is an event with the states it may
 * come from and the state it leads to. The element names the event (`nextState(state, 'open')`),
 * never the target, so "where does a reset land" is decided here, once. A move from a state the
 * table does not list is a bug in the element: `nextState` throws `RefusedTransition` (the element
 * reports it with `reportError`, so a test run fails on it and a page's error tracking sees it).
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

/** `rest`: `ready` when the plugin is loaded, else `idle` — where a reset or a cancel lands. */
type Target = OzState | 'rest';
const ANY: readonly OzState[] = Object.values(OzState);

/** Each event: the states it may come from → where it leads. */
export const MOVES = {
  /** The plugin script is needed and not here yet (a start, or preload). */
  load: { from: ['idle', 'loading', 'done', 'error'], to: 'loading' },
  /** preload finished with no capture asked for. */
  loaded: { from: ['loading'], to: 'ready' },
  /** The plugin is here; the session token and `open()` follow. */
  start: { from: ['idle', 'loading', 'ready', 'starting', 'done', 'error'], to: 'starting' },
  open: { from: ['starting'], to: 'capturing' },
  /** The container is on its way: after a capture, or `retryUpload()`. */
  upload: { from: ['capturing', 'done', 'error'], to: 'uploading' },
  /** The page took the container itself (`oz-capture-complete` canceled). */
  handOver: { from: ['capturing'], to: 'done' },
  result: { from: ['uploading'], to: 'done' },
  /** The outcome of a check done on a phone arrived (a hand-off). */
  remote: { from: ['idle', 'ready', 'done', 'error'], to: 'done' },
  fail: { from: ANY, to: 'error' },
  /** The window closed before a capture, or `close()` while the token was on its way. */
  cancel: { from: ['loading', 'starting', 'capturing'], to: 'rest' },
  /** `reset()`, or the element removed. */
  reset: { from: ANY, to: 'rest' },
} as const satisfies Record<string, { from: readonly OzState[]; to: Target }>;

export type OzStateEvent = keyof typeof MOVES;

export class RefusedTransition extends Error {
  constructor(
    readonly from: OzState,
    readonly event: OzStateEvent,
  ) {
    super(`oz-liveness-check: the event "${event}" is not allowed in state "${from}".`);
    this.name = 'RefusedTransition';
  }
}

/** Where `event` leads from `from`; throws `RefusedTransition` when the table does not allow it. */
export function nextState(from: OzState, event: OzStateEvent, pluginLoaded = false): OzState {
  const move = MOVES[event];
  if (!(move.from as readonly OzState[]).includes(from)) throw new RefusedTransition(from, event);
  const to: Target = move.to;
  return to === 'rest' ? (pluginLoaded ? 'ready' : 'idle') : to;
}

const BUSY: readonly unknown[] = ['loading', 'starting', 'capturing', 'uploading'];

/**
 * States in which a capture or an upload is under way: the check refuses `start()`, the banner
 * shows `pending`. Takes anything (a banner reads states from events) and says no to what is not one.
 */
export function isBusy(state: unknown): boolean {
  return BUSY.includes(state);
}

/**
 * The analysing phase of an upload: every byte of a container that has bytes is out, and what
 * remains is the backend's (and Oz's) analysis. With nothing to measure (`total` 0) it is not
 * claimed: the bar stays an upload until the answer comes.
 */
export function isAnalysing(progress: { loaded: number; total: number } | undefined): boolean {
  return !!progress && progress.total > 0 && progress.loaded >= progress.total;
}
