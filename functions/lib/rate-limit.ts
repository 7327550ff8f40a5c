/**
 * Rate limits as fixed-window counters in the `rate_limits` table, so they hold across isolates.
 * Each check is one atomic upsert (one round trip for any number of keys): the database increments
 * the counter of the current window or starts a new one, so concurrent requests never lose a count.
 *
 * Usage (other services reuse it, e.g. for submissions):
 *   await enforceRateLimits(ctx, [
 *     { key: `submit:user:${user.id}`, rule: { limit: 20, windowSeconds: 3600 } },
 *   ]); // throws rateLimited(retryAfterSeconds) → 429 + Retry-After on the API, a form error on pages
 * Keys name the action and the subject (`signin:ip:…`); hash personal data out of keys (`subjectKey`).
 * With `config.rateLimits` false (RATE_LIMITS=off, never in production) nothing is counted.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { type SQL, sql } from 'drizzle-orm';
import type { RateLimitRule } from '../config';
import type { ServiceContext } from '../context';
import { rateLimits } from '../db/schema';
import { rateLimited } from './errors';

export type { RateLimitRule };

export interface RateLimitCheck {
  /** The counter's name: action and subject, e.g. `signin:ip:203.0.113.7`. */
  key: string;
  rule: RateLimitRule;
}

export interface RateLimitResult {
  key: string;
  /** Requests counted in the current window, this one included. */
  count: number;
  allowed: boolean;
  /** Seconds until the current window ends. */
  retryAfterSeconds: number;
}

type RateLimitContext = Pick<ServiceContext, 'db' | 'config' | 'now'>;

export const windowOf = (now: Date, rule: RateLimitRule) => {
  const seconds = Math.floor(now.getTime() / 1000);
  const start = seconds - (seconds % rule.windowSeconds);
  return { start, retryAfterSeconds: Math.max(1, start + rule.windowSeconds - seconds) };
};

/** The atomic increment of one counter, as a query that can join a batch (its row holds the count). */
export function incrementQuery(ctx: RateLimitContext, check: RateLimitCheck) {
  const { start } = windowOf(ctx.now, check.rule);
  return ctx.db
    .insert(rateLimits)
    .values({ key: check.key, windowStart: start, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${rateLimits.windowStart} = excluded.window_start THEN ${rateLimits.count} + 1 ELSE 1 END`,
        windowStart: sql`excluded.window_start`,
      },
    })
    .returning({ count: rateLimits.count });
}

/**
 * The same increment, counted only when `condition` holds (e.g. the token named by a request
 * exists), so made-up subjects leave no rows. Its rows hold the count; none when not counted.
 */
export function incrementWhereQuery(ctx: RateLimitContext, check: RateLimitCheck, condition: SQL) {
  const { start } = windowOf(ctx.now, check.rule);
  return ctx.db.all<{ count: number }>(sql`insert into ${rateLimits} (key, window_start, count)
    select ${check.key}, ${start}, 1 where ${condition}
    on conflict (key) do update set
      count = case when ${rateLimits.windowStart} = excluded.window_start then ${rateLimits.count} + 1 else 1 end,
      window_start = excluded.window_start
    returning count`);
}

/**
 * Whether the counter an `incrementQuery` returned (run inside a caller's batch) is over its rule;
 * never with the limits off.
 */
export const overLimit = (
  ctx: Pick<RateLimitContext, 'config'>,
  counted: Array<{ count: number }>,
  check: RateLimitCheck,
): boolean => ctx.config.rateLimits && (counted[0]?.count ?? 1) > check.rule.limit;

/** Counts one request against every check, in one round trip, and reports each verdict. */
export async function hitRateLimits(
  ctx: RateLimitContext,
  checks: RateLimitCheck[],
): Promise<RateLimitResult[]> {
  if (!ctx.config.rateLimits || checks.length === 0) return [];
  const [first, ...rest] = checks.map((check) => incrementQuery(ctx, check));
  if (!first) return [];
  const rows = await ctx.db.batch([first, ...rest]);
  return checks.map((check, i) => {
    const count = rows[i]?.[0]?.count ?? 1;
    return {
      key: check.key,
      count,
      allowed: count <= check.rule.limit,
      retryAfterSeconds: windowOf(ctx.now, check.rule).retryAfterSeconds,
    };
  });
}

/**
 * Gives back the count of one request to every check (only in the window it was counted in), as a
 * query that can join a batch: for limits on failures, a request reserves its count up front (so
 * parallel requests can never pass the limit) and a success returns it.
 */
export function refundRateLimitsQuery(ctx: RateLimitContext, checks: RateLimitCheck[]) {
  const current = checks.map((check) => sql`(${check.key}, ${windowOf(ctx.now, check.rule).start})`);
  return ctx.db
    .update(rateLimits)
    .set({ count: sql`${rateLimits.count} - 1` })
    .where(
      sql`${rateLimits.count} > 0 AND (${rateLimits.key}, ${rateLimits.windowStart}) IN (VALUES ${sql.join(current, sql`, `)})`,
    );
}

/** Counts the request and throws rateLimited (429, Retry-After) when any limit is exceeded. */
export async function enforceRateLimits(ctx: RateLimitContext, checks: RateLimitCheck[]): Promise<void> {
  const exceeded = (await hitRateLimits(ctx, checks)).filter((r) => !r.allowed);
  if (exceeded.length > 0) throw rateLimited(Math.max(...exceeded.map((r) => r.retryAfterSeconds)));
}

/** A key part for personal data (an email): a short hash, so the table holds no addresses. */
export const subjectKey = (value: string): string =>
  encodeHexLowerCase(sha256(new TextEncoder().encode(value.trim().toLowerCase()))).slice(0, 32);
