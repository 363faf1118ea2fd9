// A bare relay as a Workers module (served by test/runtimes/serve-worker.mjs), for scripts/bench-runtimes.mjs.
import { relay } from './relay.mjs';

export default {
  fetch: (request, env) => relay(request, env.OZ_API_URL),
};
