/**
 * The page layer's guard against cross-site form posts (it replaces Astro's `checkOrigin`, which
 * would also stop bodyless API writes from non-browser clients): a write to a page must carry this
 * site's Origin. The API under /api keeps its own rule (functions/middleware/origin.ts).
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isCrossSitePageWrite(request: Request, url: URL): boolean {
  return !SAFE_METHODS.has(request.method) && request.headers.get('origin') !== url.origin;
}

export function crossSiteWriteRefused(request: Request): Response {
  return new Response(`Cross-site ${request.method} form submissions are forbidden`, {
    status: 403,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}
