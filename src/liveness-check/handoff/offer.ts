/**
 * The hand-off as the element offers it before anyone asks, the only part loaded with the element:
 * the "Use your phone instead" button, whether it leads (no usable camera here), and the lazy
 * panel (desktop.ts) loaded at the first press, or as the element connects in a tab that follows a
 * hand-off (a reload: the panel follows it on to its outcome).
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { OzPreflightResult } from '../../core/preflight.js';
import type { OzI18nController } from '../../i18n/index.js';
import type { CaptureFlow } from '../capture-flow.js';
import type { CheckStatus } from '../check-status.js';
import type { CheckViewInput } from '../check-view.js';
import type { HandoffPanel } from './desktop.js';
import { followsHandoff, moduleFailed } from './phone-link.js';

type Host = ReactiveControllerHost & HTMLElement & { handoffUrl?: string; hasUpdated: boolean };

/** The hand-off chunk; a failed load is forgotten so the next tries again. */
let chunk: Promise<typeof import('./desktop.js')> | undefined;
/** Preflight codes that mean no usable camera here: the element leads with the phone. */
const NO_CAMERA = /^(camera-|insecure-)/;

export class HandoffOffer implements ReactiveController {
  /** The panel, from the first press (or reload) on. */
  private panel?: HandoffPanel;
  /** The last preflight found no usable camera. */
  private noCamera = false;

  constructor(
    private readonly host: Host,
    private readonly status: CheckStatus,
    private readonly flow: CaptureFlow,
    private readonly i18n: OzI18nController,
  ) {
    host.addController(this);
  }

  /** An element put back on the page (its first connection waits for `offered()`). */
  hostConnected(): void {
    if (this.host.hasUpdated) this.offered();
  }

  /**
   * `handoff-url` was set (or the element came back): a hand-off this tab follows goes on. True
   * when the phone is on offer here, so that the element finds whether this device has a camera.
   */
  offered(): boolean {
    const here = !!this.host.handoffUrl && !this.flow.phone;
    if (here && followsHandoff()) void this.open(false);
    return here;
  }

  /** Takes a preflight's findings: lead with the phone when there is no usable camera here. */
  async found({ problems }: OzPreflightResult): Promise<void> {
    this.noCamera = problems.some((p) => NO_CAMERA.test(p.code)) || (!!this.host.handoffUrl && (await noVideoInput()));
    this.host.requestUpdate();
  }

  /** A new hand-off (`handoff()`, the button), or (`fresh` false) the one this tab follows. */
  async open(fresh = true): Promise<void> {
    if (this.flow.busy) return;
    try {
      const { HandoffPanel } = await (chunk ??= import('./desktop.js'));
      this.panel ??= new HandoffPanel(this.host, this.status, (key, params) => this.i18n.t(key, params));
    } catch (e) {
      chunk = undefined;
      if (fresh) this.status.report(moduleFailed(e));
      return;
    }
    await (fresh ? this.panel.start() : this.panel.resume());
  }

  /** One way at a time: a local start or `reset()` calls a hand-off under way off. */
  cancel(): void {
    void this.panel?.cancel();
  }

  /** The hand-off's part of the view: its button, its panel once open, whether to lead with it, the phone's side. */
  view(): CheckViewInput['handoff'] {
    const { state, result, error } = this.status;
    const { phone } = this.flow;
    const lang = this.i18n.mark ?? nothing;
    const lead = this.noCamera || NO_CAMERA.test(error?.code ?? '');
    // Not on the phone a hand-off opened, nor after an accept (nothing is left to do).
    const button =
      this.host.handoffUrl && !phone && !(state === 'done' && result?.decision === 'accept')
        ? html`<button part="handoff-button" type="button" class=${lead ? 'lead' : ''} lang=${lang} ?disabled=${this.flow.busy} @click=${this.onPress}>
            ${this.i18n.t('handoff.start') || nothing}
          </button>`
        : nothing;
    return { button, panel: this.panel?.view(lang) ?? nothing, lead, phone: !!phone };
  }

  private onPress = () => void this.open();
}

/**
 * Whether this device lists media devices but no camera (a desktop without one). A browser that
 * hides the list before a permission (an empty list) decides nothing: the phone is then offered, not led with.
 */
async function noVideoInput(): Promise<boolean> {
  const devices = await navigator.mediaDevices?.enumerateDevices?.().catch(() => undefined);
  return !!devices?.length && !devices.some((d) => d.kind === 'videoinput');
}
