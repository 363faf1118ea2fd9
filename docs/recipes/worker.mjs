// The backend half as a Cloudflare Workers module (workerd). Deploy with wrangler, which bundles
// the import below; set OZ_API_URL as a var and OZ_ACCESS_TOKEN as a secret
// (`wrangler secret put OZ_ACCESS_TOKEN`). They arrive in `env`, not in process.env.
// Add `compatibility_flags = ["nodejs_compat"]` to wrangler.toml: the handler then hashes each
// container with node:crypto instead of its much slower portable SHA-256.
import { createOzLivenessHandler } from 'oz-liveness-elements/server';

let handler;

export default {
  fetch(request, env, ctx) {
    if (!new URL(request.url).pathname.startsWith('/api/liveness/')) return new Response('Not found', { status: 404 });
    // One handler per isolate, created on the first request (env is only known then).
    handler ??= createOzLivenessHandler({
      ozApiUrl: env.OZ_API_URL,
      accessToken: env.OZ_ACCESS_TOKEN,
      maxContainerBytes: Number(env.OZ_MAX_CONTAINER_BYTES) || undefined,
      timeoutMs: Number(env.OZ_TIMEOUT_MS) || undefined,
    });
    // ctx.waitUntil keeps a keyed upload's call to Oz alive after the answer is sent, so a retry
    // of a container whose answer the browser lost still finds it recorded.
    return handler(request, ctx);
  },
};
