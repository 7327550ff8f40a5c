/**
 * Builds the service context of one request, for the API (Hono) and pages (Astro middleware) alike:
 * the clock read once, the language, and the signed-in user from the session cookie (one round trip,
 * only when a cookie is present) or, on the API, from a personal access token (one round trip). A session whose expiry slid forward returns the cookie to resend.
 */
import { authenticateToken, bearerToken } from './auth/access-token';
import {
  isSecureRequest,
  judgeSessionRow,
  readSessionToken,
  type SessionVerdict,
  sessionCookie,
  sessionRowStatement,
  settleSessionVerdict,
  splitSessionToken,
  type ValidSession,
  validateSessionToken,
} from './auth/session';
import {
  claimsCookie,
  claimsCookiePresent,
  readClaims,
  type SessionClaims,
  sameUser,
} from './auth/session-claims';
import type { AppDeps, ServiceContext } from './context';
import type { Db, FirstTripSlot } from './db/client';
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
  /**
   * A page GET: keep the claims cookie (decision 023) and, with claims for its session, render with
   * them while the session check rides in front of the first read of this slot.
   */
  pageRead?: { firstTrip: FirstTripSlot };
  /** The session is already known (a page rendering again after its claims were refused). */
  session?: ValidSession | null;
}

export interface BuiltRequestContext {
  ctx: ServiceContext;
  /** Set-Cookie values for the response. */
  setCookies: string[];
  /**
   * When the page renders with claims: confirms them after rendering (sending the check alone when
   * no read carried it) and returns any cookie to add. Throws `StaleSessionClaims` when refused.
   */
  confirm: (() => Promise<string[]>) | null;
}

/** The claims of a page request were refused by the database: render again for `verdict`. */
export class StaleSessionClaims extends Error {
  constructor(
    readonly verdict: SessionVerdict,
    readonly token: string,
    readonly sessionId: string,
  ) {
    super('session claims refused');
  }

  /** The refusal behind `err`, which drizzle may have wrapped ("Failed query", with a cause). */
  static in(err: unknown): StaleSessionClaims | null {
    let current: unknown = err;
    for (let depth = 0; current && depth < 6; depth++) {
      if (current instanceof StaleSessionClaims) return current;
      current = (current as { cause?: unknown }).cause;
    }
    return null;
  }

  /** Deletes an expired session or slides a valid one, and returns the session to render for. */
  settle(db: Db): Promise<ValidSession | null> {
    return settleSessionVerdict(db, this.token, this.sessionId, this.verdict);
  }
}

export async function buildRequestContext(input: RequestContextInput): Promise<BuiltRequestContext> {
  const { deps, db, request, locale, requestId, waitUntil } = input;
  const now = deps.clock.now();
  const secure = isSecureRequest(new URL(request.url));
  const cookieHeader = request.headers.get('cookie');
  const bearer = input.acceptTokens ? bearerToken(request.headers.get('authorization')) : undefined;
  const tokenAuth =
    bearer === undefined ? null : await authenticateToken({ db, config: deps.config, now }, bearer);
  const token = tokenAuth ? null : readSessionToken(cookieHeader, secure);
  const pepper = deps.config.passwordPepper;
  const claims = input.pageRead ? readClaims(cookieHeader, secure, pepper) : null;
  const parts = token ? splitSessionToken(token) : null;
  let session: ValidSession | null;
  let confirm: BuiltRequestContext['confirm'] = null;
  if (input.session !== undefined) {
    session = input.session;
  } else if (token && parts && claims?.sessionId === parts.id && input.pageRead) {
    session = { sessionId: parts.id, user: claims.user, refreshed: null };
    confirm = deferSessionCheck(input.pageRead.firstTrip, db, { token, ...parts }, claims, now, secure);
  } else {
    session = token ? await validateSessionToken(db, token, now) : null;
  }
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
  const setCookies: string[] = [];
  if (session?.refreshed)
    setCookies.push(sessionCookie(session.refreshed.token, session.refreshed.expiresAt, secure));
  if (input.pageRead) {
    // The claims follow the session the database confirmed; a page with claims is confirmed later.
    const wanted: SessionClaims | null = session
      ? { sessionId: session.sessionId, user: session.user }
      : null;
    if (wanted && !(claims && claims.sessionId === wanted.sessionId && sameUser(claims.user, wanted.user))) {
      setCookies.push(claimsCookie(wanted, secure, pepper));
    } else if (!wanted && claimsCookiePresent(cookieHeader, secure)) {
      setCookies.push(claimsCookie(null, secure, pepper));
    }
  }
  return { ctx, setCookies, confirm };
}

/**
 * Arms the slot with the session check for a page rendering with `claims`; the check passes only
 * when the session is valid and its user is exactly the one claimed.
 */
function deferSessionCheck(
  slot: FirstTripSlot,
  db: Db,
  session: { token: string; id: string; secret: string },
  claims: SessionClaims,
  now: Date,
  secure: boolean,
): () => Promise<string[]> {
  let slideTo: Date | null = null;
  slot.arm({
    statement: sessionRowStatement(session.id),
    check(result) {
      const verdict = judgeSessionRow(result.rows[0], session.secret, now);
      if (verdict.kind !== 'valid' || !sameUser(verdict.user, claims.user)) {
        throw new StaleSessionClaims(verdict, session.token, session.id);
      }
      slideTo = verdict.slideTo;
    },
  });
  let confirmed: Promise<string[]> | undefined;
  // Once per request, however often it is asked (before a refusal, and after rendering).
  return () => {
    confirmed ??= (async () => {
      await slot.settle();
      if (!slideTo) return [];
      const settled = await settleSessionVerdict(db, session.token, session.id, {
        kind: 'valid',
        user: claims.user,
        slideTo,
      });
      return settled?.refreshed ? [sessionCookie(session.token, settled.refreshed.expiresAt, secure)] : [];
    })();
    return confirmed;
  };
}
