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

/** Longer values are not ids; they are cut rather than let them stretch the banner. */
const MAX_TOKEN = 128;

/** One token: its label's text around the value (`Request {id}`); the value isolated and whole. */
function token(label: MessageKey | undefined, value: string, t: Translate): TemplateResult {
  const [before, ...after] = label ? t(label).split('{id}') : [''];
  return html`${before}<bdi class=token>${value.slice(0, MAX_TOKEN)}</bdi>${after.join('{id}')}`;
}

/**
 * The reference line for a status, or nothing when there is no id to show: for an error, the code,
 * Oz's `error_code`, the request id, the telemetry id; for a failed check, the folder id.
 */
export function referenceOf(
  status: string,
  error: OzErrorDetail | undefined,
  folder: OzFolder | undefined,
  t: Translate,
  lang?: string,
) {
  const candidates: [MessageKey | undefined, unknown][] =
    status === 'error'
      ? [
          [undefined, error?.code],
          ['banner.reference.ozCode', error?.ozErrorCode],
          ['banner.reference.request', error?.requestId],
          ['banner.reference.session', error?.telemetryId],
        ]
      : status === 'failed'
        ? [['banner.reference.check', folder?.folder_id]]
        : [];
  const tokens = candidates.filter(
    ([, value]) => (typeof value === 'string' && value.trim()) || Number.isFinite(value),
  );
  // The line may wrap at the spaces between and around the values; inside a value it never does.
  // Not announced (aria-live=off inside the live region): a person hears what happened and what to do;
  // the reference is there to read out to support when asked, not to be read to them.
  return tokens.length
    ? html`<p part=reference class=reference dir=auto aria-live=off lang=${lang ?? nothing}>${t('banner.reference')} ${tokens.map(([label, value], i) => html`${i ? ' · ' : ''}${token(label, String(value).trim(), t)}`)}</p>`
    : nothing;
}
