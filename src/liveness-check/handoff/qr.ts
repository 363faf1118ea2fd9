/**
 * The phone link as a QR code: encoded by `uqr` (imported only here, when a hand-off starts) and
 * drawn as one SVG path of numbers: no text, no markup from the backend. Dark modules on a white
 * square with a quiet zone of four modules, whatever the page's theme (a scanner needs the contrast).
 */
import { html, svg, type TemplateResult } from 'lit';

/** Modules of light margin around the code, as the QR specification asks. */
const QUIET_ZONE = 4;

export interface QrCode {
  /** Modules per side, the quiet zone included. */
  size: number;
  /** The dark modules, one `M x y h1v1h-1z` square each. */
  path: string;
}

export async function encodeQr(text: string): Promise<QrCode> {
  const { encode } = await import('uqr');
  // M: a code on a screen is read whole; 15 % correction is room enough for glare.
  const { size, data } = encode(text, { ecc: 'M', border: QUIET_ZONE });
  let path = '';
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return { size, path };
}

/** The code as an `<svg role="img">` named `label`. */
export function renderQr(code: QrCode, label: string): TemplateResult {
  const box = `0 0 ${code.size} ${code.size}`;
  return html`<svg part="handoff-qr" role="img" aria-label=${label} viewBox=${box} shape-rendering="crispEdges">
    ${svg`<rect width=${code.size} height=${code.size} fill="#fff"></rect><path d=${code.path} fill="#000"></path>`}
  </svg>`;
}
