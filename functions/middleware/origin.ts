/**
 * Refuses state-changing requests sent by another site. Browsers send Origin on every cross-origin
 * write (and Sec-Fetch-Site); a write whose Origin is not this host's is refused before any work.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isForeignWrite(request: Request): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const origin = request.headers.get('origin');
  const url = new URL(request.url);
  if (origin !== null) return origin !== url.origin;
  // No Origin: a non-browser client, unless the browser says the request came from another site.
  return request.headers.get('sec-fetch-site') === 'cross-site';
}
