/**
 * The desktop's side of a hand-off to a phone, the entry of the lazy hand-off chunk (loaded at the
 * first `handoff()`, or as the page comes back to a hand-off this tab follows; the QR encoder comes
 * later still, with the first code). A reactive controller that owns one hand-off at a time: it asks
 * the backend for a code (code.ts), shows it as a QR code and as a link to type, the time left and
 * the phone's progress, follows the event stream (stream.ts) and, on `done`, gives the phone's folder
 * to the element exactly as a local upload would (`oz-result`, the fail-closed decision). `run` is
 * the one staleness check, as in CaptureFlow.
 */
import { nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { toResult } from '../../core/decision.js';
import { kitError, type OzErrorDetail } from '../../core/errors.js';
import type { ValidConfig } from '../../core/options.js';
import { configError, readConfig } from '../check-config.js';
import type { CheckStatus } from '../check-status.js';
import { createHandoff, recall, remember } from './code.js';
import { adoptStyles } from './handoff.styles.js';
import { type Followed, LIVE, type Phase, renderPanel, type Translate } from './panel-view.js';
import { encodeQr } from './qr.js';
import { handoffRoute, requestInit } from './request.js';
import { followHandoff, type HandoffUpdate } from './stream.js';

type Host = ReactiveControllerHost & HTMLElement;

export class HandoffPanel implements ReactiveController {
  /** What the panel shows; `undefined` while it is closed. */
  phase?: Phase;
  private code?: Followed;
  private config?: ValidConfig;
  private problem?: OzErrorDetail;
  /** The current hand-off's id: bumped by each new one and by whatever ends one. */
  private run = 0;
  private abort?: AbortController;
  private ticker?: ReturnType<typeof setInterval>;

  constructor(
    private readonly host: Host,
    private readonly status: CheckStatus,
    private readonly t: Translate,
  ) {
    host.addController(this);
    adoptStyles(host);
  }

  hostDisconnected(): void {
    this.end(); // nothing outlives a removed element; the link expires on the server by itself
    this.phase = undefined;
  }

  /** Opens the panel with a new code; while a hand-off is under way, does nothing. */
  async start(focus = true): Promise<void> {
    if (this.phase && !['expired', 'cancelled', 'failed'].includes(this.phase)) return;
    const read = readConfig(this.host, false);
    if (!read.ok) return this.status.fail(configError(read.problem));
    const config = read.config;
    if (!config.handoffUrl)
      return this.status.fail(
        configError({ field: 'handoff-url', message: 'handoff() needs handoff-url, the backend’s hand-off route.' }),
      );
    const opening = !this.phase;
    const { run, signal } = this.begin(config);
    // Into the panel as it opens (its status is read out), and when the pressed "new code" is gone.
    void this.host.updateComplete.then(() => {
      if (focus && run === this.run && (opening || focusLost(this.host))) this.panel()?.focus();
    });
    await this.guard(run, signal, async () => {
      const created = await createHandoff(config, signal);
      const qr = await encodeQr(created.phoneUrl);
      if (run !== this.run) return;
      remember(config.handoffUrl!, created);
      this.code = { ...created, qr };
      await this.follow(run, signal);
    });
  }

  /**
   * Follows the hand-off this tab remembers (the page was reloaded, or the element put back) to its
   * outcome; one no phone has opened yet gets a new code, as its link is not kept. Moves no focus.
   */
  async resume(): Promise<void> {
    const read = readConfig(this.host, false);
    const url = read.ok ? read.config.handoffUrl : undefined;
    const remembered = url && recall(url);
    if (this.phase || !read.ok || !remembered) return;
    const { run, signal } = this.begin(read.config);
    this.code = remembered;
    await this.guard(run, signal, () => this.follow(run, signal), true);
  }

  /** The person's Cancel (or `reset()`, a local `start()`): calls the hand-off off and closes the panel. */
  async cancel(): Promise<void> {
    const { phase, code, config, run } = this;
    if (!phase) return;
    if (code && config && LIVE.includes(phase)) {
      // Too late: the phone is uploading, and its outcome comes on the stream.
      if ((await callOff(config, code.watchToken)) === 409) return;
      if (run !== this.run) return; // the stream said `cancelled` (or `done`) meanwhile
    }
    if (phase === 'starting' || LIVE.includes(phase)) this.change({ state: 'cancelled' });
    else this.close();
  }

  /** The panel, or `nothing` while it is closed. `lang` marks words in a fallback language. */
  view(lang: string | typeof nothing): TemplateResult | typeof nothing {
    const { phase, code, problem, t } = this;
    if (!phase) return nothing;
    return renderPanel({ phase, code, problem, t, lang, onNew: () => this.start(), onCancel: () => this.cancel() });
  }

  /** One state from the stream (or this page): shown, told as `oz-handoff`, and acted on. */
  private change({ state, folder }: HandoffUpdate): void {
    // A remembered hand-off no phone has opened: its link was not kept, so a new code takes its place.
    if (state === 'waiting' && !this.code?.qr) {
      this.renew();
      return;
    }
    if (state === this.phase) return;
    this.show(state);
    this.status.emit('oz-handoff', { state });
    if (state === 'done' || state === 'expired' || state === 'cancelled') remember(this.config!.handoffUrl!, undefined);
    if (state === 'done') {
      this.close();
      // The phone's folder, decided here as after a local upload: the page is not the authority.
      this.status.succeed(toResult(folder), 'remote');
    } else if (state === 'expired') {
      this.stop();
      this.status.report(kitError('handoff-expired', 'the phone did not finish before the link expired'));
    } else if (state === 'cancelled') this.close();
  }

  private renew(): void {
    const { config, code } = this;
    this.end();
    this.phase = undefined;
    if (config && code) void callOff(config, code.watchToken);
    void this.start(false);
  }

  /** A new hand-off's first step: the old one is stale, the panel shows `starting`. */
  private begin(config: ValidConfig): { run: number; signal: AbortSignal } {
    this.end();
    const abort = (this.abort = new AbortController());
    this.config = config;
    this.show('starting');
    return { run: this.run, signal: abort.signal };
  }

  /** Follows the stream of the hand-off in `code`, with the clock running, until it is over. */
  private async follow(run: number, signal: AbortSignal): Promise<void> {
    const { config, code } = this;
    this.ticker = setInterval(() => this.host.requestUpdate(), 1000);
    if (code?.qr) this.change({ state: 'waiting' });
    const watch = requestInit(config!, { 'Oz-Handoff-Watch': code!.watchToken }, signal);
    await followHandoff(handoffRoute(config!.handoffUrl!, 'events'), watch, (u) => run === this.run && this.change(u));
  }

  /**
   * Runs one hand-off's steps; a failure shows `failed` and is reported, unless it is stale. A
   * hand-off the backend refuses is forgotten; when this page only came back to it, quietly.
   */
  private async guard(run: number, signal: AbortSignal, steps: () => Promise<void>, resumed = false): Promise<void> {
    try {
      await steps();
    } catch (e) {
      if (run !== this.run || signal.aborted) return;
      const problem = isDetail(e) ? e : kitError('handoff-failed', String(e));
      const refused = problem.status !== undefined;
      if (refused) remember(this.config!.handoffUrl!, undefined);
      if (refused && resumed) {
        this.close();
        return;
      }
      this.problem = problem;
      this.stop();
      this.show('failed');
      this.status.report(problem);
    }
  }

  private show(phase: Phase): void {
    this.phase = phase;
    this.host.requestUpdate();
  }

  /** Closes the panel; focus that was in it goes back to the element's button. */
  private close(): void {
    const hadFocus = this.host.matches(':focus-within');
    this.end();
    this.phase = this.code = undefined;
    this.host.requestUpdate();
    if (hadFocus) void this.host.updateComplete.then(() => restoreFocus(this.host));
  }

  /** Stops following the hand-off (its requests and clock); the panel stays. */
  private stop(): void {
    this.abort?.abort();
    clearInterval(this.ticker);
  }

  /** Ends the current hand-off: whatever it awaits is stale. */
  private end(): void {
    this.run++;
    this.stop();
  }

  private panel(): HTMLElement | null | undefined {
    return this.host.shadowRoot?.querySelector<HTMLElement>('[part=handoff]');
  }
}

/** Calls the hand-off off (`POST …/handoff/cancel`): the answer's status, `undefined` when out of reach. */
async function callOff(config: ValidConfig, watchToken: string): Promise<number | undefined> {
  try {
    const init = requestInit(config, { 'Oz-Handoff-Watch': watchToken });
    const response = await fetch(handoffRoute(config.handoffUrl!, 'cancel'), init);
    void response.body?.cancel().catch(() => {});
    return response.status;
  } catch {
    return undefined; // the link expires on the server by itself, and this page stops following it
  }
}

const isDetail = (e: unknown): e is OzErrorDetail =>
  typeof (e as OzErrorDetail)?.code === 'string' && typeof (e as OzErrorDetail)?.messageKey === 'string';

/** Focus lost with the panel (on `<body>`, or on the element itself) → the hand-off button, the Start button, or the element. */
function restoreFocus(host: Host): void {
  if (!focusLost(host)) return;
  const root = host.shadowRoot;
  const target =
    root?.querySelector<HTMLElement>('[part~=handoff-button]:not(:disabled)') ??
    root?.querySelector<HTMLElement>('[part~=button]:not(:disabled)');
  if (target) target.focus();
  else {
    if (!host.hasAttribute('tabindex')) host.tabIndex = -1;
    host.focus();
  }
}

/** Focus on nothing (`<body>`), or on the element with nothing focused inside it: a removed button took it. */
function focusLost(host: Host): boolean {
  const active = document.activeElement;
  return !active || active === document.body || (active === host && !host.shadowRoot?.activeElement);
}
