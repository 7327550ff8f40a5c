/**
 * Per request: the locale from the path, a request id, a database handle that counts round trips,
 * and the service context; on the way out, Server-Timing and the security headers. Pages load
 * their data in page frontmatter through services, so the count is complete when the page is done.
 */
import { defineMiddleware } from 'astro:middleware';
import { requestDb, serverTimingValue } from '~/functions/db/client';
import { requestIdFrom } from '~/functions/lib/ids';
import { localeFromPath } from '~/src/i18n';
import { getRuntime } from '~/src/lib/runtime';
import { applySecurityHeaders } from '~/src/lib/security-headers';

export const onRequest = defineMiddleware(async (context, next) => {
  const started = performance.now();
  const { pathname } = context.url;
  const isApi = pathname === '/api' || pathname.startsWith('/api/');
  const requestId = requestIdFrom(context.request.headers.get('x-request-id'));
  const locale = localeFromPath(pathname);
  context.locals.requestId = requestId;
  context.locals.locale = locale;

  if (isApi) {
    const response = await next();
    applySecurityHeaders(response.headers);
    return response;
  }

  const { deps } = await getRuntime();
  const { db, metrics } = requestDb(deps.client);
  context.locals.metrics = metrics;
  context.locals.config = deps.config;
  context.locals.catalog = deps.catalog;
  context.locals.ctx = {
    db,
    catalog: deps.catalog,
    config: deps.config,
    now: deps.clock.now(),
    locale,
    requestId,
    user: null,
  };

  const rendered = await next();
  // Buffer the page so the header counts every round trip made while rendering it.
  const body = rendered.body ? await rendered.arrayBuffer() : null;
  const response = new Response(body, rendered);
  response.headers.set('server-timing', serverTimingValue(metrics, performance.now() - started));
  response.headers.set('x-request-id', requestId);
  applySecurityHeaders(response.headers);
  return response;
});
