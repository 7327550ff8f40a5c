/**
 * The claims cookie (decision 023): beside the session cookie, the browser keeps who the session was
 * last seen to belong to (session id, user id, role, verification, judging, email, name). A page GET
 * renders with those claims and sends the session check in front of its first batch, so a signed-in
 * page costs one round trip; when the check disagrees with the claims in any way, the work is thrown
 * away before any of it is seen and the page renders again for whoever the database says it is.
 *
 * Nothing is trusted until the database has confirmed the claims in the same round trip as the data
 * they were used for, and a write never travels before the check (functions/db/client.ts). The
 * claims are also signed (HMAC-SHA256 under a key derived from the server's PASSWORD_PEPPER), so
 * only claims this server issued for a session it had confirmed are rendered on: a made-up cookie
 * cannot make the database run another user's or an organizer's reads, nor time them.
 */
import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';
import type { RequestUser } from '../context';
import { cookieValue } from '../lib/cookies';
import { blankSessionCookie } from './session';

export const CLAIMS_COOKIE = 'opc_me';
export const SECURE_CLAIMS_COOKIE = `__Host-${CLAIMS_COOKIE}`;

const ROLES: ReadonlySet<string> = new Set(['founder', 'organizer', 'admin']);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface SessionClaims {
  sessionId: string;
  user: RequestUser;
}

/** The signing key of the claims: the server's pepper, with its own label (not the password key). */
const keys = new Map<string, Uint8Array>();
function signingKey(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    key = hmac(SHA256, encoder.encode(secret), encoder.encode('opc-portal session claims v1'));
    keys.set(secret, key);
  }
  return key;
}

const sign = (payload: string, secret: string) => hmac(SHA256, signingKey(secret), encoder.encode(payload));

/** `<payload>.<signature>`, both base64url; `secret` is the server's PASSWORD_PEPPER. */
export function encodeClaims({ sessionId, user }: SessionClaims, secret: string): string {
  const tuple = [
    1,
    sessionId,
    user.id,
    user.role,
    user.emailVerified ? 1 : 0,
    user.judges ? 1 : 0,
    user.email,
    user.name,
  ];
  const payload = encodeBase64urlNoPadding(encoder.encode(JSON.stringify(tuple)));
  return `${payload}.${encodeBase64urlNoPadding(sign(payload, secret))}`;
}

/**
 * The claims of a cookie value, or null for anything that is not exactly what `encodeClaims` wrote
 * under this secret (a forged or altered cookie, another server's).
 */
export function decodeClaims(value: string, secret: string): SessionClaims | null {
  if (value.length > 2048) return null;
  try {
    const [payload, signature, extra] = value.split('.');
    if (!payload || !signature || extra !== undefined) return null;
    if (!constantTimeEqual(decodeBase64urlIgnorePadding(signature), sign(payload, secret))) return null;
    const tuple: unknown = JSON.parse(decoder.decode(decodeBase64urlIgnorePadding(payload)));
    if (!Array.isArray(tuple) || tuple.length !== 8 || tuple[0] !== 1) return null;
    const [, sessionId, id, role, verified, judges, email, name] = tuple;
    if (typeof sessionId !== 'string' || !Number.isSafeInteger(id) || !ROLES.has(role)) return null;
    if ((verified !== 0 && verified !== 1) || (judges !== 0 && judges !== 1)) return null;
    if (typeof email !== 'string' || typeof name !== 'string') return null;
    return {
      sessionId,
      user: { id, email, name, role, emailVerified: verified === 1, judges: judges === 1 },
    };
  } catch {
    return null;
  }
}

/** Whether the database's user is the one the claims named, field by field. */
export function sameUser(a: RequestUser, b: RequestUser): boolean {
  return (
    a.id === b.id &&
    a.email === b.email &&
    a.name === b.name &&
    a.role === b.role &&
    a.emailVerified === b.emailVerified &&
    Boolean(a.judges) === Boolean(b.judges)
  );
}

export const claimsCookieName = (secure: boolean): string => (secure ? SECURE_CLAIMS_COOKIE : CLAIMS_COOKIE);

/** The claims cookie of a request (the `__Host-` one over HTTPS, like the session cookie). */
export function readClaims(
  cookieHeader: string | null | undefined,
  secure: boolean,
  secret: string,
): SessionClaims | null {
  const value = cookieValue(cookieHeader, claimsCookieName(secure));
  return value ? decodeClaims(value, secret) : null;
}

/** Set-Cookie for the claims, or to drop them (`null`): a browser-session cookie, HttpOnly, Lax. */
export function claimsCookie(claims: SessionClaims | null, secure: boolean, secret: string): string {
  const parts = [
    `${claimsCookieName(secure)}=${claims ? encodeClaims(claims, secret) : ''}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (!claims) parts.push('Max-Age=0');
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/** Whether a request carries a claims cookie at all (to drop one that no session stands behind). */
export function claimsCookiePresent(cookieHeader: string | null | undefined, secure: boolean): boolean {
  return cookieValue(cookieHeader, claimsCookieName(secure)) !== undefined;
}

/** Set-Cookie values that end a browser session: the session cookie and the claims beside it. */
export function signedOutCookies(secure: boolean): string[] {
  return [blankSessionCookie(secure), claimsCookie(null, secure, '')];
}
