// The server side of scripts/bench-body-reads.mjs: reads a request body and says how many reads it
// took. One module for every runtime: a Workers module (`export default`), Bun.serve or Deno.serve
// when run by them, and toNodeHandler's web Request on Node (`--node`).
const VIEW_BYTES = 64 * 1024;

/** `?mode=default` (a default reader), `byob` (a BYOB reader, a fresh 64 KiB view per read), `atleast` (workerd's readAtLeast). */
export async function countReads(request) {
  const mode = new URL(request.url).searchParams.get('mode') ?? 'default';
  const started = performance.now();
  let reads = 0;
  let bytes = 0;
  if (mode === 'default') {
    const reader = request.body.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      reads++;
      bytes += r.value.byteLength;
    }
  } else {
    let reader;
    try {
      reader = request.body.getReader({ mode: 'byob' });
    } catch (err) {
      return Response.json({ mode, unsupported: `${err.name}: not a byte stream` });
    }
    if (mode === 'atleast' && typeof reader.readAtLeast !== 'function')
      return Response.json({ mode, unsupported: 'no readAtLeast' });
    for (;;) {
      const view = new Uint8Array(VIEW_BYTES);
      const { done, value } = mode === 'atleast' ? await reader.readAtLeast(VIEW_BYTES, view) : await reader.read(view);
      if (value?.byteLength) {
        reads++;
        bytes += value.byteLength;
      }
      if (done) break;
    }
  }
  return Response.json({ mode, reads, bytes, ms: performance.now() - started });
}

export default { fetch: countReads };

const env = (name) => (globalThis.Deno ? Deno.env.get(name) : globalThis.process?.env[name]);
const listening = (port) => console.log(`Listening on http://127.0.0.1:${port}/api/liveness/`);
if (globalThis.Bun) {
  listening(Bun.serve({ port: Number(env('PORT') ?? 0), hostname: '127.0.0.1', fetch: countReads }).port);
} else if (globalThis.Deno) {
  Deno.serve({ port: Number(env('PORT') ?? 0), hostname: '127.0.0.1', onListen: (a) => listening(a.port) }, countReads);
}
