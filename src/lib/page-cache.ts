/**
 * Anonymous GETs of public pages go through the Workers Cache API (it works in local workerd too):
 * a burst of anonymous traffic is served from the cache, at most PAGE_CACHE_SECONDS stale. A request
 * carrying a session cookie never gets a cached page, and a response that sets a cookie is never stored.
 */
import { SESSION_COOKIE } from '~/functions/auth/session';

export const PAGE_CACHE_SECONDS = 60;

// Public, identical for every anonymous visitor. Forms (sign-in, submissions) are never listed here:
// they carry per-visit idempotency keys.
const PUBLIC_PATH =
  /^(?:\/en)?(?:\/|\/(?:communities|companies|products|contests|events)(?:\/[^/]+)*|\/about|\/privacy|\/rss\.xml|\/sitemap\.xml|\/robots\.txt|\/events\.ics)\/?$/;

export function hasSessionCookie(request: Request): boolean {
  const cookie = request.headers.get('cookie') ?? '';
  return cookie.split(';').some((part) => part.trim().startsWith(`${SESSION_COOKIE}=`));
}

export function isCacheableRequest(request: Request, pathname: string): boolean {
  return request.method === 'GET' && PUBLIC_PATH.test(pathname) && !hasSessionCookie(request);
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
