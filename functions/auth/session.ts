/**
 * Sessions per Lucia's current guide (lucia-auth.com): a token `<id>.<secret>` of two random parts;
 * the database keeps the id and only the SHA-256 of the secret, compared in constant time. Sessions
 * last 30 days and slide: when less than half the lifetime is left, the expiry moves forward, never
 * beyond 90 days after sign-in.
 */

import type { InStatement, Row } from '@libsql/client';
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { eq, type SQL, sql } from 'drizzle-orm';
import type { SQLiteInsertValue } from 'drizzle-orm/sqlite-core';
import type { RequestUser } from '../context';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';
import { cookieValue } from '../lib/cookies';
import { randomToken } from '../lib/ids';

export const SESSION_COOKIE = 'opc_session';

/**
 * The cookie's name outside plain-HTTP loopback: with the `__Host-` prefix a browser keeps it only
 * when it was set over HTTPS by this very host with `Path=/` and no `Domain`, so a sibling subdomain
 * or a network attacker on plain HTTP cannot plant or overwrite a session (session fixation).
 */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

export const sessionCookieName = (secure: boolean): string =>
  secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
export const SESSION_LIFETIME_MS = 30 * 86_400_000;
/** However often it is used, a session ends this long after sign-in (ASVS 3.3.2; the privacy page says so). */
export const SESSION_ABSOLUTE_MS = 90 * 86_400_000;
const encoder = new TextEncoder();

const hashSecret = (secret: string) => sha256(encoder.encode(secret));

export interface CreatedSession {
  token: string;
  expiresAt: Date;
}

export async function createSession(db: Db, userId: number, now: Date): Promise<CreatedSession> {
  const { row, session } = newSession(userId, now);
  await db.insert(sessions).values(row);
  return session;
}

/**
 * A new session's row and token without writing it, so a caller can insert it in the same batch as
 * other writes (sign-up); `userId` may be a subquery for a user inserted earlier in that batch.
 */
export function newSession(
  userId: number | SQL,
  now: Date,
): { row: SQLiteInsertValue<typeof sessions>; session: CreatedSession } {
  const id = randomToken(15);
  const secret = randomToken(20);
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  return {
    row: { id, userId, secretHash: Buffer.from(hashSecret(secret)), createdAt: now, expiresAt },
    session: { token: `${id}.${secret}`, expiresAt },
  };
}

/** Whether the user (of the row being read) judges any contest: an index lookup in the same query. */
export const judgesAnyContest = sql<number>`exists(select 1 from "judge_assignments" as "ja" where "ja"."user_id" = "users"."id")`;

/** The columns of the signed-in user, read with a session or an access token in the same query. */
export const requestUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  emailVerifiedAt: users.emailVerifiedAt,
  judges: judgesAnyContest,
};

/** The RequestUser of a row read with `requestUserColumns`. */
export function toRequestUser(row: {
  id: number;
  email: string;
  name: string;
  role: RequestUser['role'];
  emailVerifiedAt: Date | null;
  judges: number;
}): RequestUser {
  const { emailVerifiedAt, judges, ...user } = row;
  return { ...user, emailVerified: emailVerifiedAt !== null, judges: Boolean(judges) };
}

export interface ValidSession {
  sessionId: string;
  user: RequestUser;
  /** Set when the expiry moved: the cookie must be sent again. */
  refreshed: CreatedSession | null;
}

/**
 * The one statement that reads a session with its user, by hand rather than through drizzle: it is
 * the same on every signed-in request, and it also travels in front of a page's first batch
 * (functions/db/client.ts, `FirstTripProbe`).
 */
export function sessionRowStatement(sessionId: string): InStatement {
  return {
    sql: `select "s"."secret_hash", "s"."created_at", "s"."expires_at", "u"."id", "u"."email", "u"."name", "u"."role", "u"."email_verified_at", exists(select 1 from "judge_assignments" as "ja" where "ja"."user_id" = "u"."id") from "sessions" as "s" inner join "users" as "u" on "u"."id" = "s"."user_id" where "s"."id" = ?`,
    args: [sessionId],
  };
}

/** What a session row says at `now`: who signed in, or why nobody did. */
export type SessionVerdict =
  | { kind: 'none' }
  | { kind: 'expired' }
  | { kind: 'valid'; user: RequestUser; slideTo: Date | null };

/**
 * Judges the row of `sessionRowStatement` (or its absence) for a token's secret: the secret's hash
 * compared in constant time, the sliding and the absolute expiry, and whether the expiry should move.
 */
export function judgeSessionRow(row: Row | undefined, secret: string, now: Date): SessionVerdict {
  if (!row) return { kind: 'none' };
  // A libSQL row is indexable but not iterable.
  if (!constantTimeEqual(new Uint8Array(row[0] as ArrayBuffer), hashSecret(secret))) return { kind: 'none' };
  const expires = Number(row[2]);
  const cap = Number(row[1]) + SESSION_ABSOLUTE_MS;
  if (Math.min(expires, cap) <= now.getTime()) return { kind: 'expired' };
  const slid = Math.min(now.getTime() + SESSION_LIFETIME_MS, cap);
  const slides = expires - now.getTime() < SESSION_LIFETIME_MS / 2 && slid > expires;
  return {
    kind: 'valid',
    user: {
      id: Number(row[3]),
      email: String(row[4]),
      name: String(row[5]),
      role: row[6] as RequestUser['role'],
      emailVerified: row[7] !== null,
      judges: Boolean(Number(row[8])),
    },
    slideTo: slides ? new Date(slid) : null,
  };
}

/** A token's two parts, or null when it cannot be one of ours. */
export function splitSessionToken(token: string): { id: string; secret: string } | null {
  const [id, secret, extra] = token.split('.');
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
  return { id, secret };
}

/**
 * Acts on a verdict: an expired session is deleted, a sliding one moved forward (one more round trip
 * each, rarely).
 */
export async function settleSessionVerdict(
  db: Db,
  token: string,
  sessionId: string,
  verdict: SessionVerdict,
): Promise<ValidSession | null> {
  if (verdict.kind === 'expired') await db.delete(sessions).where(eq(sessions.id, sessionId));
  if (verdict.kind !== 'valid') return null;
  let refreshed: CreatedSession | null = null;
  if (verdict.slideTo) {
    await db.update(sessions).set({ expiresAt: verdict.slideTo }).where(eq(sessions.id, sessionId));
    refreshed = { token, expiresAt: verdict.slideTo };
  }
  return { sessionId, user: verdict.user, refreshed };
}

/**
 * Looks the session up (one round trip, joined with its user) and checks the secret. Expired
 * sessions are deleted; a session past half its life is extended (one more round trip, rarely).
 */
export async function validateSessionToken(db: Db, token: string, now: Date): Promise<ValidSession | null> {
  const parts = splitSessionToken(token);
  if (!parts) return null;
  const { rows } = await db.$client.execute(sessionRowStatement(parts.id));
  return settleSessionVerdict(db, token, parts.id, judgeSessionRow(rows[0], parts.secret, now));
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Signs a user out everywhere (also on password change). */
export async function invalidateUserSessions(db: Db, userId: number): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/**
 * The Set-Cookie value: HttpOnly, SameSite=Lax, Path=/, no Domain; Secure and `__Host-` named except
 * on plain-HTTP localhost.
 */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const parts = [
    `${sessionCookieName(secure)}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Expires=${expiresAt.toUTCString()}`,
  ];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

export function blankSessionCookie(secure: boolean): string {
  return sessionCookie('', new Date(0), secure).replace(/Expires=[^;]+/, 'Max-Age=0');
}

/** Secure cookies everywhere except plain-HTTP loopback (local runs and tests). */
export function isSecureRequest(url: URL): boolean {
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  return !(local && url.protocol === 'http:');
}

/**
 * The session token of a request: over HTTPS only the `__Host-` cookie counts (a plain-named one may
 * have been planted by a subdomain), on plain-HTTP loopback only the plain one.
 */
export function readSessionToken(cookieHeader: string | null | undefined, secure: boolean): string | null {
  return cookieValue(cookieHeader, sessionCookieName(secure)) || null;
}

/** Whether a request carries a session cookie of either name: it then never shares a cached answer. */
export function carriesSessionCookie(cookieHeader: string | null | undefined): boolean {
  return (
    cookieValue(cookieHeader, SESSION_COOKIE) !== undefined ||
    cookieValue(cookieHeader, SECURE_SESSION_COOKIE) !== undefined
  );
}
