/**
 * Who may touch a hand-off: the phone by its secret (`Oz-Handoff`), the desktop by its watch token
 * (`Oz-Handoff-Watch`); the answers when they may not, and the state a record shows at a moment.
 */
import { jsonAnswer, toResponse } from '../http/answers.js';
import type { Config } from '../options.js';
import { canonicalSecret, guard, type HandoffConfig, hashSecret } from './secret.js';
import { type HandoffRecord, type HandoffState, isOver } from './types.js';

/** The hand-off codes of the contract, with the words for a developer reading the answer. */
const CODES = {
  'handoff-failed': 'This hand-off link or watch token is not valid.',
  'handoff-expired': 'This hand-off link has expired or was cancelled. Start a new one on the computer.',
  'handoff-used': 'This hand-off link was already used.',
} as const;
export type HandoffCode = keyof typeof CODES;

/** `{ error: <code>, message }`; `state` when the hand-off's state explains the refusal. */
export function handoffError(status: number, code: HandoffCode, extra?: { state: HandoffState }): Response {
  return toResponse(jsonAnswer(status, { error: code, message: CODES[code], ...extra }));
}

/**
 * The state a record shows at `now`: a link whose time is up is `expired` unless it is over; an
 * upload under way gets `graceMs` more (the upload's own time limit) to finish.
 */
export function view(record: HandoffRecord, now: number, graceMs: number): HandoffState {
  if (isOver(record.state)) return record.state;
  const grace = record.state === 'uploading' ? graceMs : 0;
  return now >= record.expiresAt + grace ? 'expired' : record.state;
}

/** The refusal that fits a record in a state the route cannot take. */
export function refusal(state: HandoffState): Response {
  if (state === 'expired' || state === 'cancelled') return handoffError(410, 'handoff-expired', { state });
  if (state === 'waiting') return handoffError(409, 'handoff-failed', { state });
  return handoffError(409, 'handoff-used', { state });
}

export function handoffOf(config: Config): HandoffConfig {
  return config.handoff!;
}

/** The phone's hand-off, by the secret in `Oz-Handoff`; a missing or unknown secret is `404`. */
export async function bySecret(request: Request, handoff: HandoffConfig): Promise<HandoffRecord | Response> {
  // As typed on a phone: lower case, grouped, I/L/O for 1/0.
  const secret = canonicalSecret(request.headers.get('oz-handoff'));
  if (!secret) return handoffError(404, 'handoff-failed');
  const record = await guard(handoff.store.find('secret', await hashSecret(secret)));
  return record ?? handoffError(404, 'handoff-failed');
}

/** The desktop's hand-off, by `Oz-Handoff-Watch`: none is `401`, an unknown one `403`. */
export async function byWatch(request: Request, handoff: HandoffConfig): Promise<HandoffRecord | Response> {
  const token = request.headers.get('oz-handoff-watch');
  if (token === null || token === '') return handoffError(401, 'handoff-failed');
  const canonical = canonicalSecret(token);
  if (!canonical) return handoffError(403, 'handoff-failed');
  const record = await guard(handoff.store.find('watch', await hashSecret(canonical)));
  return record ?? handoffError(403, 'handoff-failed');
}
