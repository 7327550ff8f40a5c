/**
 * The Hono app for /api, built from explicit dependencies (no globals, no env reads here).
 * Every response carries a request id and Server-Timing; every error is problem+json in the
 * language of Accept-Language.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { matchedRoutes } from 'hono/route';
import { carriesSessionCookie } from './auth/session';
import type { AppDeps, AppEnv } from './context';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable, unavailableReason } from './db/availability';
import { requestDb, serverTimingValue } from './db/client';
import {
  AppError,
  databaseUnavailable,
  isAppError,
  notFound,
  payloadTooLarge,
  validation,
} from './lib/errors';
import { requestIdFrom } from './lib/ids';
import { localeFromAcceptLanguage } from './lib/locale';
import { internalProblem, problemFromAppError, problemResponse } from './lib/problem';
import { fieldErrors } from './lib/validation';
import { checkAccess } from './middleware/access';
import { isForeignWrite } from './middleware/origin';
import { buildRequestContext } from './request-context';
import { registerRoutes } from './routes';
import { UPLOAD_BODY_LIMIT_BYTES } from './services/media/upload-rules';

export const API_BODY_LIMIT_BYTES = 64 * 1024;
/** The routes that take a file (functions/routes/media.ts). */
export const isUploadPath = (path: string): boolean =>
  /^\/api\/v1\/(?:products|companies)\/[^/]+\/media$/.test(path);

export function createApp(deps: AppDeps) {
  const timingOptions = { countRoundTrips: !deps.config.isProduction };
  const app = new OpenAPIHono<AppEnv>({
    strict: false,
    // Validation failures of any route: 422 with localized per-field errors.
    defaultHook: (result, c) => {
      if (!result.success) {
        throw validation(fieldErrors(result.error, c.var.locale));
      }
    },
  }).basePath('/api');

  // Outermost, so refusals thrown by the inner middleware pass here too: an answer to a request with
  // a session may depend on who asked (invite codes, real names, scores), so no shared cache keeps it.
  app.use(async (c, next) => {
    await next();
    if (carriesSessionCookie(c.req.header('cookie')) || c.req.header('authorization') !== undefined)
      c.res.headers.set('cache-control', 'private, no-store');
  });

  app.use(async (c, next) => {
    const started = performance.now();
    const requestId = requestIdFrom(c.req.header('x-request-id'));
    const locale = localeFromAcceptLanguage(c.req.header('accept-language'));
    const { db, metrics } = requestDb(deps.connect());
    c.set('requestId', requestId);
    c.set('locale', locale);
    c.set('db', db);
    c.set('metrics', metrics);
    // Origin checks guard cookies: a bearer token is never sent by a browser on its own.
    if (c.req.header('authorization') === undefined && isForeignWrite(c.req.raw))
      throw new AppError(403, 'foreign_origin', 'error.foreignOrigin');
    const { ctx, setCookies } = await buildRequestContext({
      deps,
      db,
      request: c.req.raw,
      locale,
      requestId,
      waitUntil: (promise) => waitUntilOf(c, promise),
      acceptTokens: true,
    });
    c.set('ctx', ctx);
    // Only for a route that exists for this method: unknown paths and methods keep their 404/405.
    // HEAD runs a GET route's handler, so it passes the GET's checks.
    const routed = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    if (matchedRoutes(c).some((route) => route.method === routed)) checkAccess(routed, c.req.path, ctx);
    await next();
    // A refreshed session cookie, unless the route itself set or cleared the session (sign-in/out).
    const routeSetSession = carriesSessionCookie(c.res.headers.getSetCookie().join(';'));
    if (!routeSetSession) for (const cookie of setCookies) c.res.headers.append('set-cookie', cookie);
    c.res.headers.set('x-request-id', requestId);
    c.res.headers.set(
      'server-timing',
      serverTimingValue(metrics, performance.now() - started, timingOptions),
    );
    c.res.headers.set('content-language', locale);
    c.res.headers.append('vary', 'Accept-Language');
  });

  const limitTo = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw payloadTooLarge();
      },
    });
  // Uploads (multipart, one file of at most 5 MB and its form fields); every other body is small.
  const uploadLimit = limitTo(UPLOAD_BODY_LIMIT_BYTES);
  const apiLimit = limitTo(API_BODY_LIMIT_BYTES);
  app.use((c, next) => (isUploadPath(c.req.path) ? uploadLimit(c, next) : apiLimit(c, next)));

  registerRoutes(app);

  app.notFound((c) => {
    const allowed = allowedMethods(app.routes, c.req.path);
    const err =
      allowed.length > 0 ? new AppError(405, 'method_not_allowed', 'error.methodNotAllowed') : notFound();
    const headers: Record<string, string> = allowed.length > 0 ? { allow: allowed.join(', ') } : {};
    return problemResponse(problemFromAppError(err, c.var.locale, c.var.requestId), headers);
  });

  app.onError((err, c) => {
    const locale = c.var.locale ?? localeFromAcceptLanguage(c.req.header('accept-language'));
    const requestId = c.var.requestId ?? requestIdFrom(null);
    const appError = toAppError(err);
    // Unknown errors are logged with the request id and answered without their message.
    if (!appError) console.error(`[${requestId}] unhandled error`, err);
    else if (appError.code === 'database_unavailable')
      console.error(`[${requestId}] database unavailable: ${unavailableReason(err)}`);
    const response = appError
      ? problemResponse(problemFromAppError(appError, locale, requestId), retryHeaders(appError))
      : problemResponse(internalProblem(locale, requestId));
    response.headers.set('x-request-id', requestId);
    if (c.var.metrics)
      response.headers.set('server-timing', serverTimingValue(c.var.metrics, undefined, timingOptions));
    return response;
  });

  return app;
}

export type App = ReturnType<typeof createApp>;

/** The Worker's waitUntil when there is one (not under app.request() in tests: then just await later). */
function waitUntilOf(
  c: { executionCtx: { waitUntil(p: Promise<unknown>): void } },
  promise: Promise<unknown>,
) {
  try {
    c.executionCtx.waitUntil(promise);
  } catch {
    promise.catch((err) => console.error('background task failed', err));
  }
}

function retryHeaders(err: AppError): Record<string, string> {
  if (err.status === 429) return { 'retry-after': String(err.params.seconds ?? 60) };
  if (err.code === 'access_token_invalid') return { 'www-authenticate': 'Bearer error="invalid_token"' };
  if (err.code === 'insufficient_scope')
    return { 'www-authenticate': `Bearer error="insufficient_scope", scope="${err.params.scope}"` };
  if (err.status === 503) {
    return {
      'retry-after': String(err.params.seconds ?? DATABASE_RETRY_AFTER_SECONDS),
      'cache-control': 'no-store',
    };
  }
  return {};
}

/** Maps errors thrown by Hono itself (malformed JSON, wrong content type) onto the typed set. */
function toAppError(err: unknown): AppError | null {
  if (isAppError(err)) return err;
  const status = (err as { status?: unknown } | null)?.status;
  if (status === 400) return new AppError(400, 'malformed_request', 'error.malformedJson');
  if (status === 415) return new AppError(415, 'unsupported_media_type', 'error.unsupportedMediaType');
  if (status === 413) return payloadTooLarge();
  if (isDatabaseUnavailable(err)) return databaseUnavailable();
  return null;
}

/** Methods registered for a path, to answer 405 with Allow instead of 404. */
function allowedMethods(routes: ReadonlyArray<{ method: string; path: string }>, path: string): string[] {
  const methods = new Set<string>();
  for (const route of routes) {
    if (route.method === 'ALL') continue;
    const pattern = new RegExp(`^${route.path.replace(/\/:[^/]+/g, '/[^/]+').replace(/\*/g, '.*')}/?$`);
    if (pattern.test(path)) methods.add(route.method);
  }
  return [...methods].sort();
}
