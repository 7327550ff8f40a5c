/**
 * Per request: the locale from the path, a request id, a database handle that counts round trips,
 * and the service context; then who may open the route (src/lib/page-map.ts: sign in, 403 or 404).
 * On the way out, Server-Timing, caching headers and the security headers; anonymous GETs of public
 * pages are stored in the Workers Cache API.
 */
import { defineMiddleware } from 'astro:middleware';
import type { ValidSession } from '~/functions/auth/session';
import type { RequestUser } from '~/functions/context';
import {
  DatabaseUnavailableError,
  isDatabaseUnavailable,
  unavailableReason,
} from '~/functions/db/availability';
import { type FirstTripSlot, requestDb, serverTimingValue } from '~/functions/db/client';
import { requestIdFrom } from '~/functions/lib/ids';
import type { Locale } from '~/functions/lib/locale';
import { buildRequestContext, StaleSessionClaims } from '~/functions/request-context';
import { UPLOAD_BODY_LIMIT_BYTES } from '~/functions/services/media/upload-rules';
import { localeFromPath, localizedPath, unlocalizedPath } from '~/src/i18n';
import { readFormBody } from '~/src/lib/form-body';
import { crossSiteWriteRefused, isCrossSitePageWrite } from '~/src/lib/form-origin';
import {
  cacheKey,
  hasSessionCookie,
  isCacheableRequest,
  isStorableResponse,
  PAGE_CACHE_SECONDS,
  pageCache,
} from '~/src/lib/page-cache';
import { checkAccess, pageRule } from '~/src/lib/page-map';
import { isUploadPage } from '~/src/lib/picture-pages';
import { getRuntime } from '~/src/lib/runtime';
import { applySecurityHeaders } from '~/src/lib/security-headers';
import { unavailablePage, unavailableProblem, wantsProblemJson } from '~/src/lib/unavailable';

const isApiPath = (pathname: string) => pathname === '/api' || pathname.startsWith('/api/');

type RouteTarget = { redirect: string } | { rewrite: URL | undefined };

/**
 * Who may open the route Astro matched, by its rule in the page map: the page itself, a redirect to
 * sign in that carries the way back, or the 403 or 404 page. Error pages render as they are; a route
 * without a rule is a 404 (fail closed).
 */
function routeTarget(
  routePattern: string,
  request: Request,
  url: URL,
  locale: Locale,
  user: RequestUser | null,
  config: { isProduction: boolean },
): RouteTarget {
  const rule = pageRule(routePattern);
  if (rule?.error) return { rewrite: undefined };
  if (!rule) return { rewrite: new URL('/404', url) };
  const access = request.method === 'POST' ? (rule.post ?? rule.access) : rule.access;
  switch (checkAccess(access, user, config)) {
    case 'sign-in': {
      const path = unlocalizedPath(url.pathname);
      const back = rule.returnTo ? rule.returnTo(path) : `${path}${url.search}`;
      const next = localizedPath(back, locale);
      return { redirect: `${localizedPath('/signin', locale)}?next=${encodeURIComponent(next)}` };
    }
    case 'forbidden':
      return { rewrite: new URL('/403', url) };
    case 'not-found':
      return { rewrite: new URL('/404', url) };
    case 'allowed':
      return { rewrite: undefined };
  }
}

export const onRequest = defineMiddleware(async (context, next) => {
  const started = performance.now();
  const { pathname } = context.url;
  const requestId = requestIdFrom(context.request.headers.get('x-request-id'));
  context.locals.requestId = requestId;
  context.locals.locale = localeFromPath(pathname);
  context.locals.requestPath = pathname;

  if (isApiPath(pathname)) {
    const response = await next();
    applySecurityHeaders(response.headers);
    return response;
  }

  if (isCrossSitePageWrite(context.request, context.url)) {
    const refused = crossSiteWriteRefused(context.request);
    applySecurityHeaders(refused.headers);
    return refused;
  }

  // A page write's body is read here, once: a malformed or oversized one is the client's error.
  const formBody =
    context.request.method === 'POST'
      ? await readFormBody(context.request, isUploadPage(pathname) ? UPLOAD_BODY_LIMIT_BYTES : undefined)
      : null;
  if (formBody && 'form' in formBody) context.locals.form = formBody.form;

  // A cached copy was looked for before Astro routed the request (src/worker.ts, cachedPage): here
  // the page is rendered and, when it may be, stored.
  const cache = isCacheableRequest(context.request, pathname) ? pageCache() : null;

  // Astro renders the error page through this middleware again: no second try at the database.
  if (context.locals.databaseUnavailable) return unavailablePage(await next(), requestId);

  const { deps } = await getRuntime();
  const first = requestDb(deps.connect());
  const { metrics } = first;
  context.locals.metrics = metrics;
  context.locals.config = deps.config;
  context.locals.catalog = deps.catalog;
  const waitUntil = (promise: Promise<unknown>) => context.locals.cfContext?.waitUntil(promise);
  // Only a page that reads may render on the claims cookie before its session is confirmed.
  const reads = context.request.method === 'GET' || context.request.method === 'HEAD';
  /** The slot of a render on claims the database has not confirmed yet. */
  const onClaims: { slot: FirstTripSlot | null } = { slot: null };
  const render = async ({ db, firstTrip }: typeof first, session?: ValidSession | null) => {
    const built = await buildRequestContext({
      deps,
      db,
      request: context.request,
      locale: context.locals.locale,
      requestId,
      waitUntil,
      ...(reads && { pageRead: { firstTrip } }),
      ...(session !== undefined && { session }),
    });
    context.locals.ctx = built.ctx;
    onClaims.slot = built.confirm ? firstTrip : null;
    const target = routeTarget(
      context.routePattern,
      context.request,
      context.url,
      context.locals.locale,
      built.ctx.user,
      deps.config,
    );
    if (formBody && 'status' in formBody && 'rewrite' in target && !target.rewrite) {
      target.rewrite = new URL(`/${formBody.status}`, context.url);
    }
    // Refused on claims: confirm them first (one trip), since the real user may be allowed (a role
    // granted since) and Astro keeps a rewrite for any later render of this request.
    const refused = 'redirect' in target || target.rewrite !== undefined;
    if (refused && built.confirm) await built.confirm();
    const rendered =
      'redirect' in target ? context.redirect(target.redirect, 303) : await next(target.rewrite);
    // Buffer the page so the header counts every round trip made while rendering it.
    const body = rendered.body ? await rendered.arrayBuffer() : null;
    const confirmed = built.confirm ? await built.confirm() : [];
    return { rendered, body, setCookies: [...built.setCookies, ...confirmed] };
  };
  let page: Awaited<ReturnType<typeof render>>;
  try {
    try {
      page = await render(first);
    } catch (err) {
      let stale = StaleSessionClaims.in(err);
      // A render on claims that failed otherwise: its claims decide whether the failure stands.
      if (!stale && onClaims.slot)
        stale = await onClaims.slot.settle().then(() => null, StaleSessionClaims.in);
      if (!stale) throw err;
      // The database refused the claims (signed out elsewhere, a new role or name): nothing of that
      // render leaves the Worker. The page renders again for the confirmed session, on a new handle,
      // so anything the first render still runs stays refused.
      const again = requestDb(deps.connect(), metrics);
      page = await render(again, await stale.settle(again.db));
    }
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    // The database is down or did not answer in time (decision 014): 503, never the 500 page.
    if (wantsProblemJson(context.request)) return unavailableProblem(context.locals.locale, requestId);
    context.locals.databaseUnavailable = true;
    // The 503 page names nobody the database did not confirm.
    if (onClaims.slot && context.locals.ctx)
      context.locals.ctx = { ...context.locals.ctx, user: null, sessionId: null };
    // Astro logs it and renders src/pages/500.astro, which shows the 503 page for this flag. A new
    // error keeps the log to one line of cause, without the failed query and its parameters.
    throw new DatabaseUnavailableError(`database unavailable: ${unavailableReason(err)}`);
  }
  const { rendered, body, setCookies } = page;
  const response = new Response(body, rendered);
  const timing = serverTimingValue(metrics, performance.now() - started, {
    countRoundTrips: !deps.config.isProduction,
  });
  response.headers.set('x-request-id', requestId);
  for (const cookie of setCookies) response.headers.append('set-cookie', cookie);

  if (cache && isStorableResponse(response)) {
    const stored = new Response(body, response);
    stored.headers.set('cache-control', `public, max-age=${PAGE_CACHE_SECONDS}`);
    stored.headers.delete('x-request-id');
    waitUntil(cache.put(cacheKey(context.url), stored));
    response.headers.set('cache-control', 'no-cache');
    response.headers.set('x-cache', 'MISS');
    response.headers.set('server-timing', `cache;desc="miss", ${timing}`);
  } else {
    if (hasSessionCookie(context.request) || !response.headers.has('cache-control')) {
      response.headers.set('cache-control', 'private, no-store');
    }
    response.headers.set('server-timing', timing);
  }
  applySecurityHeaders(response.headers);
  return response;
});
