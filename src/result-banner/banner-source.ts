/**
 * Where a banner's view comes from, and the lifecycle of following a check: the `for=` id (also a
 * check added or renamed later: a MutationObserver on the root), the check it is placed in (through
 * context), or the page's `result`. It keeps the followed check's events, context subscription and
 * follow handshake (context.ts: the check's own status line steps aside while followed, and one
 * banner of several speaks), and tears them all down when the banner leaves. The banner renders `view`.
 */
import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { followCheck, ozLivenessContext, type OzFollowable } from '../context.js';
import { normalizeResult, type OzFolder, type OzResultDetail } from '../core/decision.js';
import { isRecord } from '../core/is-record.js';
import { isAnalysing, isBusy } from '../core/state.js';
import { SOURCE_EVENTS, asError, asProgress, asState, closestCheck, toView, type View } from './view.js';

type Host = ReactiveControllerHost & HTMLElement & { htmlFor?: string; result?: OzFolder | OzResultDetail | null };

// TypeScript-private, not `#`: the build targets browsers where `#` fields cost a WeakMap each.
export class BannerSource implements ReactiveController {
  private _view: View = {};
  /** The element whose events are heard (`for=`). */
  private _target?: Element;
  private _for?: string;
  private _observer?: MutationObserver;
  /** The check followed (nested or `for=`): its handshake, and where a missing `support-contact` comes from. */
  followed?: Element;
  private _unfollow?: () => void;
  private _consumer: ContextConsumer<typeof ozLivenessContext, Host>;

  /** `voice(speaks)`: whether this banner is the one voice of the check it follows (one that follows none speaks). */
  constructor(
    private readonly host: Host,
    private readonly voice: (speaks: boolean) => void,
  ) {
    host.addController(this);
    this._consumer = new ContextConsumer(host, {
      context: ozLivenessContext,
      subscribe: true,
      callback: (value) => {
        if (this.host.htmlFor) return;
        this.view = toView(value);
        this._follow(closestCheck(this.host));
      },
    });
  }

  /** What the banner shows, from whichever source spoke last. */
  get view(): View {
    return this._view;
  }
  set view(next: View) {
    this._view = next;
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.attach();
  }

  hostDisconnected(): void {
    this._detach();
  }

  /** (Re)attaches to the source the banner's attributes name now; a no-op when nothing changed. */
  attach(): void {
    const { htmlFor } = this.host;
    if (this._observer && this._for === htmlFor) return;
    this._detach();
    if ((this._for = htmlFor)) {
      // Watch the root so a check added (or given this id) later is found, and a replaced one followed.
      (this._observer = new MutationObserver(() => this._find())).observe(this.host.getRootNode(), {
        childList: true,
        subtree: true,
        attributeFilter: ['id'],
      });
      this._find();
    } else {
      const ctx = this._consumer.value;
      this.view = ctx ? toView(ctx) : { result: normalizeResult(this.host.result) };
      if (ctx) this._follow(closestCheck(this.host));
    }
  }

  private _detach(): void {
    this._observer?.disconnect();
    this._observer = this._for = undefined;
    this._listen();
    this._follow();
  }

  /** One voice: the check followed steps its own status line aside (`followCheck` in context.ts). */
  private _follow(check?: Element): void {
    if (check === this.followed) return;
    this._unfollow?.();
    this.followed = check;
    this.voice(true);
    const offer = (check as Partial<OzFollowable> | undefined)?.[followCheck];
    this._unfollow = typeof offer === 'function' ? offer.call(check, this.host, this.voice) : undefined;
  }

  private _find(): void {
    const { htmlFor } = this.host;
    const found = (htmlFor && (this.host.getRootNode() as Document).getElementById?.(htmlFor)) || undefined;
    if (found === this._target) return;
    this._listen(found);
    this._follow(found);
    const f = found as View | undefined;
    this.view = f ? toView({ state: f.state, result: f.result, error: f.error }) : {};
  }

  private _listen(el?: Element): void {
    for (const type of SOURCE_EVENTS) {
      this._target?.removeEventListener(type, this._onSourceEvent);
      el?.addEventListener(type, this._onSourceEvent);
    }
    this._target = el;
  }

  private _onSourceEvent = (e: Event): void => {
    if (e.target !== this._target) return; // not from a check nested inside the one we follow
    const detail: unknown = (e as CustomEvent).detail;
    const v = this._view;
    if (e.type === 'oz-state-change') {
      const next = asState(isRecord(detail) && detail.state);
      // A new attempt (or a reset) forgets the last outcome.
      if (next)
        this.view =
          next === 'idle' || next === 'ready' || (isBusy(next) && !isBusy(v.state))
            ? { state: next }
            : { ...v, state: next };
    } else if (e.type === 'oz-upload-progress') {
      const progress = asProgress(detail);
      this.view = { ...v, progress, analysing: isAnalysing(progress) };
    } else {
      this.view =
        e.type === 'oz-result'
          ? { ...v, result: normalizeResult(detail), error: undefined }
          : { ...v, error: asError(detail), result: undefined }; // oz-error
    }
  };
}
