/**
 * Which requests the Node adapter serves, decided on the path as the client sent it. Express and
 * other routers in front match that raw path; WHATWG URL would resolve `%2e%2e`, `..` and `\` first,
 * so `/x/%2e%2e/oz/container` passes a gate on `/oz` unseen and then lands on `/oz/container`.
 * Such paths are refused, never resolved.
 */

/** Dot-segments, encoded dots, backslashes (raw or encoded) and encoded slashes. */
const PATH_TRICK = /(^|\/)\.{1,2}(\/|$)|%2e|\\|%5c|%2f/i;

/** `serve` it, `refuse` it (400), or leave it to the app (`elsewhere`: `next()` or 404). */
export type PathVerdict = 'serve' | 'refuse' | 'elsewhere';

/**
 * `rawUrl` is the request target as received (origin-form `/a/b?q`, or absolute-form from a proxy);
 * `resolvedPath` what WHATWG URL makes of it. A path with a trick is refused when either reading of
 * it falls under `basePath` (every path, without one); other paths are served only when the raw
 * path itself is `basePath` or below it.
 */
export function judgeRawPath(rawUrl: string, resolvedPath: string, basePath: string): PathVerdict {
  const raw = rawPathOf(rawUrl);
  const inside = (path: string) => !basePath || path === basePath || path.startsWith(`${basePath}/`);
  if (PATH_TRICK.test(raw)) return inside(raw) || inside(resolvedPath) ? 'refuse' : 'elsewhere';
  return inside(raw) ? 'serve' : 'elsewhere';
}

/** The path part of a request target, without query or fragment, undecoded. */
function rawPathOf(target: string): string {
  let path = target;
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*/i.exec(target);
  if (absolute) path = target.slice(absolute[0].length) || '/';
  const end = path.search(/[?#]/);
  return end === -1 ? path : path.slice(0, end);
}
