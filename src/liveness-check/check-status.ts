/**
 * What `<oz-liveness-check>` shows and tells: its state (moved only through core/state.ts), its
 * last result, error and container, the analysing phase, the context value a banner follows, the
 * followers that make its own status line step aside, and the kit events. A reactive controller,
 * so the element keeps its attributes, its rendering and its capture flow, and no bookkeeping.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ContextProvider } from '@lit/context';
import { Followers, ozLivenessContext, type OzLivenessSnapshot } from '../context.js';
import { ozEvent, type OzEventDetails, type OzEventName } from '../events.js';
import type { OzErrorDetail } from '../core/errors.js';
import type { OzResultDetail } from '../core/decision.js';
import { isAnalysing, nextState, type OzState, type OzStateEvent } from '../core/state.js';
import { retryFor, type OzRetry } from '../core/retry-policy.js';

type Host = ReactiveControllerHost & HTMLElement;

export class CheckStatus implements ReactiveController {
  state: OzState = 'idle';
  result?: OzResultDetail;
  error?: OzErrorDetail;
  /** The last container, kept through any failure until a new capture or a reset. */
  container?: Blob;
  /** Its `Idempotency-Key`: one per container, on every POST of it (a retry after a removal too). */
  containerKey = '';
  /** Every byte is sent; the backend (and Oz) decide. */
  analysing = false;
  /** The upload's last progress (its bar), while uploading. */
  uploaded?: { loaded: number; total: number };
  /** Banners speaking for this check (context.ts, `followCheck`). */
  readonly followers = new Followers();
  private readonly provider: ContextProvider<typeof ozLivenessContext>;

  /** `pluginLoaded`: where a reset lands (`ready` or `idle`). */
  constructor(
    private readonly host: Host,
    private readonly pluginLoaded: () => boolean,
  ) {
    host.addController(this);
    this.provider = new ContextProvider(host, { context: ozLivenessContext, initialValue: { state: 'idle' } });
  }

  hostConnected(): void {
    this.host.setAttribute('state', this.state);
  }

  /** Adds a follower (`voice`: whether it is the one that speaks, see context.ts); returns its unfollow. */
  follow(follower: Element, voice?: (speaks: boolean) => void): () => void {
    const unfollow = this.followers.add(follower, voice);
    this.host.requestUpdate();
    return () => {
      unfollow();
      this.host.requestUpdate();
    };
  }

  /** Moves by `event` (core/state.ts decides the target); a refused move is reported, never silent. */
  go(event: OzStateEvent): void {
    const previous = this.state;
    let next: OzState;
    try {
      next = nextState(previous, event, this.pluginLoaded());
    } catch (e) {
      // A bug in the element, never the page's doing: report it (a test run fails on it) and stay put.
      // reportError is there wherever the kit runs (it ships with structuredClone, which oz-open needs).
      reportError(e);
      return;
    }
    if (next === previous) return;
    this.state = next;
    if (next === 'loading' || next === 'starting') this.error = undefined;
    if (next !== 'uploading') this.analysing = false;
    this.uploaded = undefined;
    this.host.setAttribute('state', next);
    this.share(
      {
        state: next,
        result: this.result,
        error: this.error,
        progress: next === 'uploading' ? { loaded: 0, total: this.container?.size ?? 0 } : undefined,
      },
      true,
    );
    this.emit('oz-state-change', { state: next, previous });
  }

  /** Keeps a new container and its key, in place of the last. */
  keep(container: Blob, key: string): void {
    this.container = container;
    this.containerKey = key;
  }

  /** An error that stops the flow: state `error`, `oz-error`. */
  fail(detail: OzErrorDetail): void {
    this.error = detail;
    this.go('fail');
    this.report(detail);
  }

  /** `oz-error` without a state change (a bad attribute, found when it is set). */
  report(detail: OzErrorDetail): void {
    this.error = detail;
    // A decision on screen stays until the next start() or reset(): the problem is told, not shown over it.
    if (!(this.state === 'done' && this.result)) this.share({ error: detail });
    this.emit('oz-error', detail);
  }

  progress(loaded: number, total: number): void {
    this.analysing = isAnalysing({ loaded, total });
    this.uploaded = { loaded, total };
    this.share({ progress: { loaded, total }, analysing: this.analysing });
    this.emit('oz-upload-progress', { loaded, total });
  }

  /** An outcome: of this element's upload (`result`), or of a phone's (`remote`, a hand-off). */
  succeed(result: OzResultDetail, event: 'result' | 'remote' = 'result'): void {
    this.result = result;
    this.error = undefined;
    this.go(event);
    this.emit('oz-result', result);
  }

  /** What "Try again" does now (core/retry-policy.ts); `none` before any outcome and after an accept. */
  retry(): OzRetry {
    if (this.state === 'done') return retryFor(this.result?.decision);
    return this.state === 'error' ? retryFor(this.error, !!this.container) : 'none';
  }

  /** The status line's message key: the outcome, the error's own text, or the state. */
  statusKey(): string {
    const { state, result, error } = this;
    if (state === 'uploading' && this.analysing) return 'check.state.analysing';
    if (state === 'done' && result) return `check.outcome.${result.decision}`;
    if (state === 'error' && error) return error.messageKey;
    return `check.state.${state}`;
  }

  /** Updates what a following banner sees: merged into the current value, or (`replace`) a new one. */
  private share(value: Partial<OzLivenessSnapshot>, replace = false): void {
    this.provider.setValue(replace ? (value as OzLivenessSnapshot) : { ...this.provider.value, ...value });
    this.host.requestUpdate();
  }

  /** Dispatches a kit event; returns false when a cancelable one was canceled. Silent once removed. */
  emit<K extends OzEventName>(name: K, detail: OzEventDetails[K]): boolean {
    return this.host.isConnected ? this.host.dispatchEvent(ozEvent(name, detail)) : true;
  }
}
