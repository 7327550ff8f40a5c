/**
 * Builds the service context of one request, for the API (Hono) and pages (Astro middleware) alike:
 * the clock read once, the language, and the signed-in user from the session cookie (one round trip,
 * only when a cookie is present) or, on the API, from a personal access token (one round trip). A session whose expiry slid forward returns the cookie to resend.
 */
import { authenticateToken, bearerToken } from './auth/access-token';
import { isSecureRequest, readSessionToken, sessionCookie, validateSessionToken } from './auth/session';
import type { AppDeps, ServiceContext } from './context';
import type { Db } from './db/client';
import type { Locale } from './lib/locale';

export interface RequestContextInput {
  deps: AppDeps;
  db: Db;
  request: Request;
  locale: Locale;
  requestId: string;
  waitUntil: (promise: Promise<unknown>) => void;
  /**
   * The API takes `Authorization: Bearer opc_pat_…` (decision 021): the token, not a cookie, then
   * says who asks; a bad token is refused (401), never passed over for the cookie. Pages ignore it.
   */
  acceptTokens?: boolean;
}

export async function buildRequestContext(
  input: RequestContextInput,
): Promise<{ ctx: ServiceContext; setCookie: string | null }> {
  const { deps, db, request, locale, requestId, waitUntil } = input;
  const now = deps.clock.now();
  const secure = isSecureRequest(new URL(request.url));
  const bearer = input.acceptTokens ? bearerToken(request.headers.get('authorization')) : undefined;
  const tokenAuth =
    bearer === undefined ? null : await authenticateToken({ db, config: deps.config, now }, bearer);
  const token = tokenAuth ? null : readSessionToken(request.headers.get('cookie'), secure);
  const session = token ? await validateSessionToken(db, token, now) : null;
  const ctx: ServiceContext = {
    db,
    catalog: deps.catalog,
    config: deps.config,
    now,
    locale,
    requestId,
    user: tokenAuth?.user ?? session?.user ?? null,
    sessionId: session?.sessionId ?? null,
    token: tokenAuth ? { id: tokenAuth.tokenId, scopes: tokenAuth.scopes } : null,
    hasher: deps.hasher,
    media: deps.media,
    images: deps.images,
    waitUntil,
    clientIp:
      request.headers.get('cf-connecting-ip') ??
      request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ??
      '0.0.0.0',
    // Never the Host header when SITE_URL is set: a forged Host must not reach a mailed link.
    origin: deps.config.siteUrl ?? new URL(request.url).origin,
  };
  const setCookie = session?.refreshed
    ? sessionCookie(session.refreshed.token, session.refreshed.expiresAt, secure)
    : null;
  return { ctx, setCookie };
}
