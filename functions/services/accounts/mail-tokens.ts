/**
 * One-time tokens sent by mail (email verification, password reset, email change): 160 random bits in the link,
 * only their SHA-256 in email_tokens. A token is used by a conditional update (used_at IS NULL and
 * not expired), so it works once even under concurrent requests.
 */
import { hmac } from '@oslojs/crypto/hmac';
import { SHA256, sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { and, eq, gt, isNull, type SQL } from 'drizzle-orm';
import { emailTokens } from '../../db/schema';
import { randomToken } from '../../lib/ids';

export const VERIFY_EMAIL_TTL_MS = 48 * 3_600_000;
export const RESET_PASSWORD_TTL_MS = 3_600_000;
/** An email-change link, mailed to the new address: it changes nothing until it is used. */
export const CHANGE_EMAIL_TTL_MS = 24 * 3_600_000;

export type TokenPurpose = 'verify_email' | 'reset_password' | 'change_email';

export const hashMailToken = (token: string): Buffer => Buffer.from(sha256(new TextEncoder().encode(token)));

export function newMailToken(): { token: string; hash: Buffer } {
  const token = randomToken(20);
  return { token, hash: hashMailToken(token) };
}

/**
 * A reset link that can be sent again while it lives: its 160-bit secret is derived (HMAC-SHA256 keyed
 * with the pepper, a secret outside the database) from the user and the link's expiry instant, so the
 * database still holds only its hash, and a second request re-sends the same link instead of
 * refusing or piling up new ones.
 */
export function derivedMailToken(
  pepper: string,
  purpose: TokenPurpose,
  userId: number,
  expiresAt: Date,
): { token: string; hash: Buffer } {
  const encoder = new TextEncoder();
  const mac = hmac(
    SHA256,
    encoder.encode(pepper),
    encoder.encode(`mail-token:${purpose}:${userId}:${expiresAt.getTime()}`),
  );
  const token = encodeBase32LowerCaseNoPadding(mac.slice(0, 20));
  return { token, hash: hashMailToken(token) };
}

/** A user's links of one purpose not used yet (to use them up when a newer action replaces them). */
export const unusedTokensOf = (userId: number | SQL, purpose: TokenPurpose) =>
  and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt));

/** The condition of a token that may still be used. */
export const usableToken = (hash: Buffer, purpose: TokenPurpose, now: Date) =>
  and(
    eq(emailTokens.tokenHash, hash),
    eq(emailTokens.purpose, purpose),
    isNull(emailTokens.usedAt),
    gt(emailTokens.expiresAt, now),
  );
