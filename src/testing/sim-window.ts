/**
 * The simulated plugin's own full-screen window. The real plugin's DOM is not documented and the
 * elements must not depend on it, so this is plain DOM in an open shadow root, labelled
 * "Oz simulator". `data-*` attributes on the host (`data-state`, `data-action`, `data-overlay`)
 * let tests and demos follow it without reading styles.
 */
import type { SimulatorMessages } from './i18n.js';

/** What the window shows over the preview. */
export type OverlayKind = 'face' | 'document' | 'frame';

const STYLES = `
  :host { all: initial; position: fixed; inset: 0; z-index: 2147483647; font: 15px/1.4 system-ui, sans-serif; }
  :host([data-hidden]) { visibility: hidden; pointer-events: none; }
  .backdrop { position: absolute; inset: 0; background: rgb(0 0 0 / 0.75); display: grid; place-items: center; }
  .window { width: min(480px, 100vw); max-height: 100vh; overflow: auto; box-sizing: border-box; background: #fff;
    color: #1c1c1c; border-radius: 12px; padding: 12px; display: grid; gap: 8px; }
  header { display: flex; align-items: center; gap: 8px; }
  h2 { font-size: 16px; margin: 0; flex: 1; }
  .badge { background: #8a4b00; color: #fff; border-radius: 4px; padding: 1px 6px; font-size: 12px; font-weight: 600; }
  button { font: inherit; border-radius: 6px; border: 1px solid #777; background: #f4f4f4; color: inherit; padding: 4px 10px; cursor: pointer; }
  button:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
  .stage { position: relative; background: #111; border-radius: 8px; overflow: hidden; aspect-ratio: 3 / 4; }
  video { width: 100%; height: 100%; object-fit: cover; display: block; }
  :host([data-fit='contain']) video { object-fit: contain; }
  video.mirrored { transform: scaleX(-1); }
  .overlay { position: absolute; pointer-events: none; border: 3px dashed rgb(255 255 255 / 0.85); }
  .overlay[data-kind='face'] { inset: 12% 20%; border-radius: 50%; }
  .overlay[data-kind='document'] { left: 8%; right: 8%; top: 30%; aspect-ratio: 1.586; border-radius: 10px; border-style: solid;
    background: repeating-linear-gradient(transparent 0 18px, rgb(255 255 255 / 0.25) 18px 20px); }
  .overlay[data-kind='frame'] { inset: 10%; border-style: solid; border-radius: 4px; }
  .prompt { font-size: 18px; font-weight: 600; margin: 0; min-height: 1.4em; }
  .hint, .instruction { margin: 0; padding: 6px 8px; border-radius: 6px; background: #fff4d6; }
  .instruction { background: #fde2e1; }
  .step { margin: 0; color: #555; }
  footer { display: flex; align-items: center; gap: 8px; }
  footer small { flex: 1; color: #555; }
`;

/** The window of one `open()`; `remove()` takes it off the page and gives focus back. */
export class SimulatorWindow {
  readonly host: HTMLElement;
  readonly video: HTMLVideoElement;
  private readonly root: ShadowRoot;
  private readonly prompt: HTMLElement;
  private readonly step: HTMLElement;
  private readonly hint: HTMLElement;
  private readonly instruction: HTMLElement;
  private readonly overlay: HTMLElement;
  private readonly captureButton: HTMLButtonElement;
  private readonly previousFocus: Element | null;

  constructor(
    private readonly doc: Document,
    private readonly messages: SimulatorMessages,
    handlers: { onUserClose: () => void; onCaptureNow: () => void },
  ) {
    this.previousFocus = doc.activeElement;
    this.host = doc.createElement('div');
    this.host.setAttribute('data-oz-simulator', '');
    this.root = this.host.attachShadow({ mode: 'open' });
    this.root.innerHTML = `
      <style>${STYLES}</style>
      <div class="backdrop">
        <div class="window" role="dialog" aria-modal="true" aria-labelledby="title">
          <header>
            <span class="badge">Oz simulator</span>
            <h2 id="title"></h2>
            <button type="button" class="close"></button>
          </header>
          <div class="stage">
            <video muted playsinline autoplay></video>
            <div class="overlay" data-kind="face"></div>
          </div>
          <p class="prompt" role="status" aria-live="polite"></p>
          <p class="step"></p>
          <p class="hint" hidden></p>
          <p class="instruction" role="alert" hidden></p>
          <footer>
            <small></small>
            <button type="button" class="capture" hidden></button>
          </footer>
        </div>
      </div>`;
    const $ = <T extends HTMLElement>(sel: string) => this.root.querySelector(sel) as T;
    this.video = $<HTMLVideoElement>('video');
    // Attributes as well as properties: autoplay of a muted inline video needs them in WebKit.
    this.video.muted = true;
    this.video.playsInline = true;
    this.prompt = $('.prompt');
    this.step = $('.step');
    this.hint = $('.hint');
    this.instruction = $('.instruction');
    this.overlay = $('.overlay');
    this.captureButton = $<HTMLButtonElement>('.capture');
    $('h2').textContent = messages.title;
    $('footer small').textContent = messages.note;
    const close = $<HTMLButtonElement>('.close');
    close.textContent = '×';
    close.setAttribute('aria-label', messages.close);
    close.title = messages.close;
    close.addEventListener('click', handlers.onUserClose);
    this.captureButton.textContent = messages.captureNow;
    this.captureButton.addEventListener('click', handlers.onCaptureNow);
    this.host.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        handlers.onUserClose();
      } else if (e.key === 'Tab') {
        this.trapFocus(e);
      }
    });
    this.setState('starting');
    this.prompt.textContent = messages.starting;
    doc.body.append(this.host);
    close.focus();
  }

  /** Keeps Tab inside the window, as a modal dialog should. */
  private trapFocus(e: KeyboardEvent): void {
    const items = [...this.root.querySelectorAll<HTMLButtonElement>('button:not([hidden])')];
    if (!items.length) return;
    const i = items.indexOf(this.root.activeElement as HTMLButtonElement);
    const next = e.shiftKey ? (i <= 0 ? items.length - 1 : i - 1) : (i + 1) % items.length;
    e.preventDefault();
    items[next]!.focus();
  }

  /** `starting` → `capturing` → `processing`, or `waiting` (camera instruction shown). */
  setState(state: 'starting' | 'capturing' | 'processing' | 'waiting'): void {
    this.host.dataset.state = state;
    this.captureButton.hidden = state !== 'capturing';
    if (state === 'processing') {
      this.prompt.textContent = this.messages.processing;
      this.step.textContent = '';
    }
  }

  /** Shows the prompt of action `index` (0-based) of `total`, with its overlay. */
  setAction(action: string, index: number, total: number, overlay: OverlayKind): void {
    this.host.dataset.action = action;
    this.host.dataset.overlay = overlay;
    this.overlay.dataset.kind = overlay;
    this.prompt.textContent = this.messages.actions[action] ?? action;
    this.step.textContent = this.messages.step.replace('{n}', String(index + 1)).replace('{total}', String(total));
  }

  /** The `get_user_media_timeout` hint. */
  showHint(): void {
    this.hint.textContent = this.messages.cameraHint;
    this.hint.hidden = false;
  }

  /** The instruction shown when `getUserMedia` hangs and `…_throw_error` is false. */
  showInstruction(): void {
    this.instruction.textContent = this.messages.cameraInstruction;
    this.instruction.hidden = false;
    this.setState('waiting');
  }

  clearCameraMessages(): void {
    this.hint.hidden = true;
    this.instruction.hidden = true;
  }

  /** Live preview. Mirrored for the front camera, as people expect to see themselves. */
  showStream(stream: MediaStream, mirrored: boolean, adaptiveAspect: boolean): void {
    this.video.classList.toggle('mirrored', mirrored);
    this.video.toggleAttribute('data-mirrored', mirrored);
    this.video.srcObject = stream;
    this.video.play().catch(() => {
      // Autoplay refused: frames are still grabbed (placeholders if none decode); nothing to report.
    });
    const stage = this.root.querySelector<HTMLElement>('.stage')!;
    const fit = () => {
      const { videoWidth: w, videoHeight: h } = this.video;
      if (!w || !h) return;
      if (adaptiveAspect) {
        // Fit to the nearest of 4:3, 3:4, 16:9, 9:16, as the real plugin does unless disabled.
        const ratios: Array<[number, number]> = [
          [4, 3],
          [3, 4],
          [16, 9],
          [9, 16],
        ];
        const [rw, rh] = ratios.reduce((a, b) =>
          Math.abs(b[0] / b[1] - w / h) < Math.abs(a[0] / a[1] - w / h) ? b : a,
        );
        stage.style.aspectRatio = `${rw} / ${rh}`;
        this.host.dataset.aspect = `${rw}:${rh}`;
      } else {
        stage.style.aspectRatio = `${w} / ${h}`;
        this.host.dataset.aspect = `${w}:${h}`;
        this.host.dataset.fit = 'contain';
      }
    };
    this.video.addEventListener('loadedmetadata', fit);
    this.video.addEventListener('resize', fit);
  }

  /** `OzLiveness.hide()`: invisible and inert, but the session (and the video) keeps running. */
  hide(): void {
    this.host.toggleAttribute('data-hidden', true);
    this.host.setAttribute('aria-hidden', 'true');
    this.host.inert = true;
  }

  remove(): void {
    this.video.pause();
    this.video.srcObject = null;
    const hadFocus = this.host.contains(this.doc.activeElement) || this.root.activeElement !== null;
    this.host.remove();
    // Duck-typed: the page may live in another realm (an iframe), where instanceof HTMLElement fails.
    const previous = this.previousFocus as (Element & { focus?: () => void }) | null;
    if (hadFocus && previous?.isConnected && typeof previous.focus === 'function') previous.focus();
  }
}
