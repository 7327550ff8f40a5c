/**
 * `/media/{hash}-{width}.{ext}`: a stored picture from R2 (decision 019), answered before Astro routes
 * the request. Public variants carry `immutable` (the key names the bytes); a picture that is not
 * public yet is shown only to who may preview it, never cached; anything else is 404. One database
 * round trip for a public picture, a second (the session) only for a preview.
 */
import { isSecureRequest, readSessionToken, validateSessionToken } from '~/functions/auth/session';
import { isDatabaseUnavailable } from '~/functions/db/availability';
import { requestDb, serverTimingValue } from '~/functions/db/client';
import { findServableMedia, mayPreview } from '~/functions/services/media/serve-media';
import { getRuntime } from './runtime';
import { SECURITY_HEADERS } from './security-headers';

export const isMediaPath = (pathname: string): boolean => pathname.startsWith('/media/');

const IMMUTABLE = 'public, max-age=31536000, immutable';

function plain(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: {
      ...SECURITY_HEADERS,
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      ...extra,
    },
  });
}

export async function mediaResponse(request: Request): Promise<Response> {
  const started = performance.now();
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return plain(405, 'Method Not Allowed', { allow: 'GET, HEAD' });
  const url = new URL(request.url);
  const file = url.pathname.slice('/media/'.length);
  const { deps } = await getRuntime();
  const { db, metrics } = requestDb(deps.connect());
  try {
    const found = await findServableMedia(db, file);
    let cacheControl = IMMUTABLE;
    if (found && !found.public) {
      const token = readSessionToken(request.headers.get('cookie'), isSecureRequest(url));
      const session = token ? await validateSessionToken(db, token, deps.clock.now()) : null;
      if (!mayPreview(found, session?.user ?? null)) return plain(404, 'Not Found');
      cacheControl = 'private, no-store';
    }
    const object = found
      ? await deps.media.get(found.key).catch((err: unknown) => {
          console.error('[media] R2 read failed', err);
          return 'unavailable' as const;
        })
      : null;
    if (object === 'unavailable') return plain(503, 'Service Unavailable', { 'retry-after': '5' });
    if (!found || !object) return plain(404, 'Not Found');
    const timing = serverTimingValue(metrics, performance.now() - started, {
      countRoundTrips: !deps.config.isProduction,
    });
    return new Response(request.method === 'HEAD' ? null : object.body, {
      headers: {
        ...SECURITY_HEADERS,
        // An image is never a document: nothing in it may run, even opened on its own.
        'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
        'content-type': found.contentType,
        'content-length': String(object.size),
        'cache-control': cacheControl,
        'server-timing': timing,
      },
    });
  } catch (err) {
    if (isDatabaseUnavailable(err)) return plain(503, 'Service Unavailable', { 'retry-after': '5' });
    throw err;
  }
}
