/**
 * Anonymous GETs of public pages go through the Workers Cache API (it works in local workerd too):
 * a burst of anonymous traffic is served from the cache, at most PAGE_CACHE_SECONDS stale. A request
 * carrying a session cookie never gets a cached page, and a response that sets a cookie is never stored.
 * Which routes qualify is declared in the page map (`cached`): public, identical for every anonymous
 * visitor, without forms (they carry per-visit idempotency keys).
 */
import { carriesSessionCookie } from '~/functions/auth/session';
import { serverTimingValue } from '~/functions/db/client';
import { requestIdFrom } from '~/functions/lib/ids';
import { CACHED_PATH } from '~/src/lib/page-map';
import { applySecurityHeaders } from '~/src/lib/security-headers';

export const PAGE_CACHE_SECONDS = 60;

export function hasSessionCookie(request: Request): boolean {
  return carriesSessionCookie(request.headers.get('cookie'));
}

export function isCacheableRequest(request: Request, pathname: string): boolean {
  return request.method === 'GET' && CACHED_PATH.test(pathname) && !hasSessionCookie(request);
}

export function isStorableResponse(response: Response): boolean {
  const cacheControl = response.headers.get('cache-control') ?? '';
  return (
    response.status === 200 && !response.headers.has('set-cookie') && !/private|no-store/.test(cacheControl)
  );
}

/** The cache key: the URL without fragments; the method is always GET. */
export const cacheKey = (url: URL) => new Request(url.toString(), { method: 'GET' });

export function pageCache(): Cache | null {
  return typeof caches === 'undefined' ? null : (caches as unknown as { default: Cache }).default;
}

/**
 * A cached copy of the requested page, or null. The Worker entry (src/worker.ts) asks this before
 * Astro routes the request: a hit then costs no routing, middleware or rendering (the benchmark
 * measured a hit at ~4 ms of CPU when the lookup ran inside Astro's middleware; decision 012).
 */
export async function cachedPage(request: Request): Promise<Response | null> {
  const started = performance.now();
  const url = new URL(request.url);
  const cache = isCacheableRequest(request, url.pathname) ? pageCache() : null;
  const hit = cache ? await cache.match(cacheKey(url)) : undefined;
  if (!hit) return null;
  const response = new Response(hit.body, hit);
  response.headers.set('cache-control', 'no-cache');
  response.headers.set('x-cache', 'HIT');
  response.headers.set(
    'server-timing',
    // A hit makes no round trip for anyone, so the count tells nothing even in production.
    `cache;desc="hit", ${serverTimingValue({ roundTrips: 0, ms: 0 }, performance.now() - started, { countRoundTrips: true })}`,
  );
  response.headers.set('x-request-id', requestIdFrom(request.headers.get('x-request-id')));
  applySecurityHeaders(response.headers);
  return response;
}
