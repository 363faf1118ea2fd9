/**
 * The steps of one capture after the click, in the lazy capture chunk (core/machinery.ts) so that a
 * page pays for them when a person starts, not with the button: preflight, a new `CaptureSession`,
 * the plugin and the session token at once, `open()`, and the upload with its one `Idempotency-Key`.
 * They move `CaptureFlow`'s capture (capture-flow.ts) and speak through its `CheckStatus`.
 */
import { kitError, pluginError, type OzErrorDetail } from '../core/errors.js';
import { toResult } from '../core/decision.js';
import type { RetiredOption, ValidConfig } from '../core/options.js';
import { preflight } from '../core/preflight.js';
import type { OzCloseReason } from '../events.js';
import { CaptureSession, randomKey } from './capture-session.js';
import { configError, readConfig } from './check-support.js';
import type { CaptureFlow } from './capture-flow.js';

const RETIRED: Record<RetiredOption, string> = {
  video_selfie_best: 'The action "video_selfie_best" is retired by Oz on 2027-01-01.',
  'enable-3d-mask': 'The option "enable-3d-mask" (enable_3d_mask) is retired by Oz on 2027-01-01.',
};
const warned = new Set<string>();

/** `start()` after its checks: preflight first (nothing spent yet), then the capture. */
export async function startCapture(flow: CaptureFlow, config: ValidConfig, ticket: object): Promise<void> {
  const { status, host } = flow;
  // One console warning per page for each option Oz retires.
  for (const key of config.retired) if (!warned.has(key)) console.warn(`oz-liveness-check: ${RETIRED[key]}`), warned.add(key);
  // A preflight that broke is no reason to refuse: the plugin reports what really stops it.
  const problem = (await preflight().catch(() => ({ problems: [] as OzErrorDetail[] }))).problems[0];
  if (flow.pendingStart !== ticket) return; // reset() or removed meanwhile: nothing was spent, nothing starts
  flow.pendingStart = undefined;
  if (problem) return status.fail(problem);
  const session = newSession(flow);
  if (!session.claimWindow()) return flow.endSession(), status.fail(kitError('plugin-busy'));
  status.go(flow.plugin ? 'start' : 'load');
  const given = host.sessionToken;
  if (given) {
    // One capture only: clear it everywhere it could linger.
    host.removeAttribute('session-token');
    host.sessionToken = undefined;
  }
  try {
    const { plugin, sessionToken } = await session.prepare(config, given, host.nonce, (p) => (flow.pluginReady(p), status.go('start')));
    if (flow.session !== session) return;
    status.go('open');
    status.emit('oz-open', { options: structuredClone(config.openOptions) });
    session.open(plugin, { ...config.openOptions, ...(sessionToken && { session_token: sessionToken }) });
  } catch (e) {
    if (flow.session !== session || session.disposed) return;
    flow.endSession();
    status.fail(e as OzErrorDetail);
  }
}

/** `retryUpload()`: the kept container again, with its key, in the current capture (or a new one after a removal). */
export function uploadKept(flow: CaptureFlow, container: Blob, config: ValidConfig): Promise<void> {
  return upload(flow, flow.session && !flow.session.disposed ? flow.session : newSession(flow), container, config);
}

function newSession(flow: CaptureFlow): CaptureSession {
  flow.endSession();
  const session: CaptureSession = (flow.session = new CaptureSession({
    captured: (result, container) => onCaptured(flow, session, result, container),
    failed: (raw) => flow.status.fail(pluginError(raw)),
    closed: (reason, beforeCapture) => onClosed(flow, session, reason, beforeCapture),
  }));
  return session;
}

function onCaptured(flow: CaptureFlow, session: CaptureSession, result: unknown, container: Blob): void {
  const { status } = flow;
  status.container = container; // kept through any failure, until a new capture or reset()
  flow.containerKey = randomKey();
  if (!status.emit('oz-capture-complete', { result, container, idempotencyKey: flow.containerKey })) {
    status.go('handOver'); // the page uploads it itself
    return;
  }
  const r = readConfig(flow.host, true);
  if (!r.ok) return status.fail(configError(r.problem));
  void upload(flow, session, container, r.config);
}

async function upload(flow: CaptureFlow, session: CaptureSession, container: Blob, config: ValidConfig): Promise<void> {
  const { status } = flow;
  status.go('upload');
  try {
    const folder = await session.upload(container, config, flow.containerKey, (loaded, total) => status.progress(loaded, total));
    if (flow.session === session) status.succeed(toResult(folder));
  } catch (e) {
    if (flow.session === session && !session.disposed) status.fail(e as OzErrorDetail);
  }
}

/** One `oz-close` per opened window, whoever closed it; the reason says who. */
function onClosed(flow: CaptureFlow, session: CaptureSession, reason: OzCloseReason, beforeCapture: boolean): void {
  if (beforeCapture && flow.status.state === 'capturing') {
    session.dispose(); // closed before a capture: any late callback of that window is ignored
    flow.status.go('cancel');
  }
  flow.status.emit('oz-close', { reason });
}
