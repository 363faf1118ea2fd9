/**
 * A `clientKey` that never returns `undefined` for a real request and cannot be chosen by the client:
 * the address that your own proxy appended to `X-Forwarded-For`.
 */

/** What a request with no usable forwarded address counts as: one client, limited like any other. */
export const NO_FORWARDED_ADDRESS = '(no forwarded address)';

/**
 * `limits.clientKey` behind `proxies` trusted proxies (default 1): each proxy appends the address it
 * received the request from, so the one `proxies` places from the end was written by your first
 * proxy; everything before it is whatever the client sent, and is ignored. A request with fewer
 * addresses than that (it did not come through your proxies) is keyed as one shared client.
 */
export function forwardedForClientKey(proxies = 1): (request: Request) => string {
  if (!Number.isSafeInteger(proxies) || proxies < 1)
    throw new TypeError('forwardedForClientKey: proxies must be a positive integer.');
  return (request) => {
    const hops = (request.headers.get('x-forwarded-for') ?? '')
      .split(',')
      .map((hop) => hop.trim())
      .filter(Boolean);
    return hops.length >= proxies ? hops[hops.length - proxies]! : NO_FORWARDED_ADDRESS;
  };
}
