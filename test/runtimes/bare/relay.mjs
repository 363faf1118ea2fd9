// The bare web-standard relay, for scripts/bench-runtimes.mjs: the request body handed to fetch
// as a stream and the answer handed back. No checks, no limits, no token.
export function relay(request, ozApiUrl) {
  const headers = { 'content-type': 'application/octet-stream' };
  const length = request.headers.get('content-length');
  if (length !== null) headers['content-length'] = length;
  return fetch(new URL('/api/instant/folders/', ozApiUrl), {
    method: 'POST',
    headers,
    body: request.body,
    duplex: 'half',
    redirect: 'manual',
  });
}
