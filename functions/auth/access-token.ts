/**
 * Personal access tokens (decision 021): `opc_pat_<id>_<secret>`, the id and secret random base32
 * like session tokens, only the SHA-256 of the secret stored and compared in constant time. The
 * prefix lets secret scanners recognise a leaked token.
 *
 * A request with `Authorization: Bearer …` is checked in one round trip: the token and its owner are
 * read, its last use is written (at most once a minute) and its rate-limit counter counted, all in one
 * batch. Whatever is wrong with a token (format, unknown id, wrong secret, expired) answers the same.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { RequestUser, ServiceContext } from '../context';
import { accessTokens, users } from '../db/schema';
import { AppError, rateLimited } from '../lib/errors';
import { randomToken } from '../lib/ids';
import { incrementWhereQuery, overLimit, windowOf } from '../lib/rate-limit';
import { SCOPES, type Scope, TOKEN_PATTERN, TOKEN_PREFIX } from './scopes';
import { requestUserColumns, toRequestUser } from './session';

const encoder = new TextEncoder();
export const hashTokenSecret = (secret: string): Uint8Array => sha256(encoder.encode(secret));

/** A new token's id, its secret's hash (to store) and the token (shown once). */
export function newAccessToken(): { id: string; secretHash: Buffer; token: string } {
  const id = randomToken(10);
  const secret = randomToken(20);
  return { id, secretHash: Buffer.from(hashTokenSecret(secret)), token: `${TOKEN_PREFIX}${id}_${secret}` };
}

export interface TokenAuth {
  tokenId: string;
  scopes: Scope[];
  user: RequestUser;
}

/** The token of an Authorization header; undefined without one, null when it is not a bearer token. */
export function bearerToken(header: string | null): string | null | undefined {
  if (header === null) return undefined;
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header);
  return match?.[1] ?? null;
}

export const invalidAccessToken = () => new AppError(401, 'access_token_invalid', 'error.accessTokenInvalid');

const LAST_USED_EVERY_MS = 60_000;

/** Checks a presented token; throws 401 when it is not a live token and 429 over its rate limit. */
export async function authenticateToken(
  ctx: Pick<ServiceContext, 'db' | 'config' | 'now'>,
  token: string | null,
): Promise<TokenAuth> {
  const match = token ? TOKEN_PATTERN.exec(token) : null;
  const [, id, secret] = match ?? [];
  if (!id || !secret) throw invalidAccessToken();
  const now = ctx.now;
  const limit = { key: `token:${id}`, rule: ctx.config.rateLimitRules.tokenRequests };
  const read = ctx.db
    .select({
      secretHash: accessTokens.secretHash,
      scopes: accessTokens.scopes,
      expiresAt: accessTokens.expiresAt,
      user: requestUserColumns,
    })
    .from(accessTokens)
    .innerJoin(users, eq(users.id, accessTokens.userId))
    .where(eq(accessTokens.id, id));
  const secretHash = Buffer.from(hashTokenSecret(secret));
  const touch = ctx.db
    .update(accessTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(accessTokens.id, id),
        eq(accessTokens.secretHash, secretHash),
        gt(accessTokens.expiresAt, now),
        or(
          isNull(accessTokens.lastUsedAt),
          lt(accessTokens.lastUsedAt, new Date(now.getTime() - LAST_USED_EVERY_MS)),
        ),
      ),
    );
  // The counter counts only requests with a live token's id and secret: made-up tokens leave no
  // rows, and knowing a token's id (organizers see ids) is not enough to exhaust its limit.
  const [rows, , counted] = ctx.config.rateLimits
    ? await ctx.db.batch([
        read,
        touch,
        incrementWhereQuery(
          ctx,
          limit,
          sql`exists (select 1 from ${accessTokens} where ${accessTokens.id} = ${id} and ${accessTokens.secretHash} = ${secretHash})`,
        ),
      ])
    : [...(await ctx.db.batch([read, touch])), []];
  const row = rows[0];
  if (!row || !constantTimeEqual(new Uint8Array(row.secretHash), hashTokenSecret(secret)))
    throw invalidAccessToken();
  if (row.expiresAt.getTime() <= now.getTime()) throw invalidAccessToken();
  if (overLimit(ctx, counted, limit)) {
    throw rateLimited(windowOf(now, limit.rule).retryAfterSeconds);
  }
  return {
    tokenId: id,
    scopes: row.scopes.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s)),
    user: toRequestUser(row.user),
  };
}
