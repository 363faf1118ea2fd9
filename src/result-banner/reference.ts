/**
 * The support reference a person can read out or copy: the kit's code, Oz's `error_code`, and the
 * request id (the backend's `X-Request-Id`) or the plugin's telemetry id; for a failed check, the
 * folder id. Each token is whole (never broken mid-token, wrapping only between tokens), isolated
 * (`<bdi>`: an id keeps its order in a right-to-left page), and selected whole by one click.
 * Values come from the network: they are only ever text.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { OzFolder } from '../core/decision.js';
import type { OzErrorDetail } from '../core/errors.js';
import type { MessageKey } from '../i18n/index.js';

type Translate = (key: MessageKey) => string;
type Token = readonly [label: MessageKey | undefined, value: string];

/** Longer values are not ids; they are cut rather than let them stretch the banner. */
const MAX_TOKEN = 128;
const clean = (v: unknown): string | undefined =>
  (typeof v === 'string' && v.trim()) || (typeof v === 'number' && Number.isFinite(v)) ? String(v).trim().slice(0, MAX_TOKEN) : undefined;

/** The tokens to show for a status: which ids a support desk can look up. */
export function referenceTokens(status: string, error: OzErrorDetail | undefined, folder: OzFolder | undefined): Token[] {
  const tokens: [MessageKey | undefined, string | undefined][] =
    status === 'error'
      ? [
          [undefined, clean(error?.code)],
          ['banner.reference.ozCode', clean(error?.ozErrorCode)],
          ['banner.reference.request', clean(error?.requestId)],
          ['banner.reference.session', clean(error?.telemetryId)],
        ]
      : status === 'failed'
        ? [['banner.reference.check', clean(folder?.folder_id)]]
        : [];
  return tokens.filter((x): x is [MessageKey | undefined, string] => x[1] !== undefined);
}

/** One token: its label's text around the value (`Request {id}`); the value isolated and whole. */
function token([label, value]: Token, t: Translate): TemplateResult {
  const [before, ...after] = label ? t(label).split('{id}') : [''];
  return html`${before}<bdi class=token>${value}</bdi>${after.join('{id}')}`;
}

/** The reference line, or nothing when there is no id to show. */
export function referenceOf(status: string, error: OzErrorDetail | undefined, folder: OzFolder | undefined, t: Translate) {
  const tokens = referenceTokens(status, error, folder);
  // The line may wrap at the spaces between and around the values; inside a value it never does.
  return tokens.length
    ? html`<p part=reference class=reference dir=auto>${t('banner.reference')} ${tokens.map((x, i) => html`${i ? ' · ' : ''}${token(x, t)}`)}</p>`
    : nothing;
}
