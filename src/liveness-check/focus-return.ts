/**
 * Where focus goes when the plugin window closes and when an outcome is shown (WCAG 2.4.3). The
 * plugin's window takes focus and, closing, takes it away with it: focus falls to `<body>` and a
 * keyboard or screen-reader user would start again from the top of the page. So focus that is lost
 * (on `<body>`, or on the element itself) comes back to the element's button (the page's own
 * trigger when it slotted one), or, when there is no usable button (after an accept, or while an
 * upload disables it), to the element itself (`tabindex="-1"`). Focus the person moved elsewhere on
 * the page stays there, and a run the person did not start (a preload) never moves focus.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isBusy, type OzState } from '../core/state.js';

type Host = ReactiveControllerHost & HTMLElement;

export class FocusReturn implements ReactiveController {
  private last: OzState;
  /** This run moves focus back: the window opened (it takes focus), or focus was in the element at the press. */
  private armed: boolean;
  private frame = 0;

  constructor(
    private readonly host: Host,
    private readonly state: () => OzState,
  ) {
    // Made at the first press (with the capture chunk): that press counts.
    this.last = state();
    this.armed = host.matches(':focus-within');
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('oz-close', this.onClose);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('oz-close', this.onClose);
    cancelAnimationFrame(this.frame);
    this.armed = false;
  }

  hostUpdated(): void {
    const state = this.state();
    const previous = this.last;
    if (state === previous) return;
    this.last = state;
    if (!isBusy(previous) && isBusy(state)) this.armed = this.host.matches(':focus-within');
    if (state === 'capturing') this.armed = true;
    if (isBusy(previous) && !isBusy(state) && this.armed) {
      this.armed = false;
      this.restore();
    }
  }

  /** The window closed: once the state it led to is rendered (the button back, or still disabled). */
  private onClose = (): void => {
    if (this.armed) void this.host.updateComplete.then(() => this.restore());
  };

  /** Now, and again on the next frame: a plugin may take its window down only after `on_close`. */
  private restore(): void {
    this.move();
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.move());
  }

  private move(): void {
    const active = document.activeElement;
    const lost = !active || active === document.body || (active === this.host && !this.host.shadowRoot?.activeElement);
    if (!lost || !this.host.isConnected) return;
    const target = this.target();
    if (target) {
      target.focus();
      return;
    }
    if (!this.host.hasAttribute('tabindex')) this.host.tabIndex = -1;
    this.host.focus();
  }

  /** The page's slotted trigger, else the element's own button while it is usable. */
  private target(): HTMLElement | undefined {
    const root = this.host.shadowRoot;
    const slot = root?.querySelector<HTMLSlotElement>('slot[name=trigger]');
    const own = slot?.assignedElements({ flatten: true }).find((e): e is HTMLElement => e instanceof HTMLElement);
    if (own) return own;
    const button = root?.querySelector<HTMLButtonElement>('button[part=button]');
    return button && !button.disabled ? button : undefined;
  }
}
