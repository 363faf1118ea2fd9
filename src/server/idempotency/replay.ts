/**
 * A repeat of a key whose answer is recorded: the same bytes get the recorded answer (marked
 * `Idempotent-Replayed: true`), other bytes `422`.
 */
import { errorResponse, toResponse } from '../http/answers.js';
import { hashWholeBody } from '../http/body.js';
import { describeError } from '../http/log.js';
import { containerTooLarge } from '../oz/answer.js';
import { decideFolder, type OzFolder } from '../oz/folder.js';
import type { RouteScope } from '../routes/scope.js';
import type { RecordedAnswer } from './types.js';

/** The key repeated and what is recorded under it. */
export interface Repeat {
  key: string;
  recorded: RecordedAnswer;
}

export async function replay(
  request: Request,
  { config, log, requestId }: RouteScope,
  repeat: Repeat,
): Promise<Response> {
  const { key, recorded } = repeat;
  const hash = await hashWholeBody(request, config.maxBytes, config.timeoutMs);
  if (hash === 'too-large') return toResponse(containerTooLarge(config.maxBytes));
  if (hash === 'timeout') return errorResponse(408, 'The container did not arrive in time.');
  if (hash !== recorded.bodyHash) {
    return errorResponse(
      422,
      'This Idempotency-Key was already used for a different container. Use a new key per container.',
    );
  }
  let answer = recorded;
  if (recorded.unrecordedFolder !== undefined && config.onResult) {
    // The first time onResult failed: the decision is Oz's, but the app has not recorded it yet.
    try {
      const folder = JSON.parse(recorded.unrecordedFolder) as OzFolder;
      await config.onResult(folder, request, { decision: decideFolder(folder), requestId });
    } catch (err) {
      log(`onResult failed again on a repeat: ${describeError(err)}`);
      return errorResponse(500, 'The result could not be recorded.');
    }
    answer = { ...recorded, unrecordedFolder: undefined };
    await config.idempotency!.store.complete(key, answer, config.idempotency!.ttlMs).catch((err: unknown) => {
      log(`idempotency store failed (record): ${describeError(err)}`);
    });
  }
  return toResponse({ ...answer, headers: { 'Idempotent-Replayed': 'true' } });
}
