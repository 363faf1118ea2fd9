// The backend half as a Next.js App Router route handler. Save it as
// app/api/liveness/[...route]/route.js (or .ts): Next calls GET/POST/OPTIONS with a web Request, and
// the handler matches …/session-token and …/container by path suffix, so no routing is needed here.
// Set OZ_API_URL and OZ_ACCESS_TOKEN in the server's environment (never NEXT_PUBLIC_…).
import { createOzLivenessHandler } from 'oz-liveness-elements/server';

// Node.js runtime: the container is streamed to Oz with fetch's `duplex: 'half'`.
export const runtime = 'nodejs';
// Never cached or prerendered: every session token is fresh.
export const dynamic = 'force-dynamic';

let handler;
function ozLiveness(request) {
  // Created on the first request, not at build time, when the environment may not be set yet.
  handler ??= createOzLivenessHandler({
    ozApiUrl: process.env.OZ_API_URL,
    accessToken: process.env.OZ_ACCESS_TOKEN,
    maxContainerBytes: Number(process.env.OZ_MAX_CONTAINER_BYTES) || undefined,
    timeoutMs: Number(process.env.OZ_TIMEOUT_MS) || undefined,
  });
  return handler(request);
}

export const GET = ozLiveness;
export const POST = ozLiveness;
export const OPTIONS = ozLiveness;
