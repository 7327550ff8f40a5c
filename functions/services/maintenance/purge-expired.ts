/**
 * Housekeeping of the Cron Trigger: rows that only ever expire are deleted once they are useless, so
 * tables that every request writes to do not grow for ever — expired sessions and one-time mail
 * tokens, stored answers of idempotent requests older than IDEMPOTENCY_TTL_MS (a retry comes within
 * seconds or minutes), rate-limit counters whose window ended long ago, and personal access tokens
 * 30 days after they expired (until then the owner sees them listed as expired), and webhook
 * deliveries after 30 days (a pending one is never older than its retries). One round trip.
 */
import { lt } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import {
  accessTokens,
  emailTokens,
  idempotencyKeys,
  rateLimits,
  sessions,
  webhookDeliveries,
} from '../../db/schema';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
export const EXPIRED_TOKENS_KEPT_MS = 30 * 24 * 60 * 60 * 1000;
export const WEBHOOK_DELIVERIES_KEPT_MS = 30 * 24 * 60 * 60 * 1000;

export interface PurgeReport {
  sessions: number;
  emailTokens: number;
  idempotencyKeys: number;
  rateLimits: number;
  accessTokens: number;
  webhookDeliveries: number;
}

export async function purgeExpired(ctx: Pick<ServiceContext, 'db' | 'now' | 'config'>): Promise<PurgeReport> {
  const nowMs = ctx.now.getTime();
  // A counter is stale once the longest configured window has passed since it started.
  const longestWindow = Math.max(...Object.values(ctx.config.rateLimitRules).map((r) => r.windowSeconds));
  const [s, t, i, r, a, w] = await ctx.db.batch([
    ctx.db.delete(sessions).where(lt(sessions.expiresAt, ctx.now)),
    ctx.db.delete(emailTokens).where(lt(emailTokens.expiresAt, ctx.now)),
    ctx.db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(nowMs - IDEMPOTENCY_TTL_MS))),
    ctx.db.delete(rateLimits).where(lt(rateLimits.windowStart, Math.floor(nowMs / 1000) - longestWindow)),
    ctx.db.delete(accessTokens).where(lt(accessTokens.expiresAt, new Date(nowMs - EXPIRED_TOKENS_KEPT_MS))),
    ctx.db
      .delete(webhookDeliveries)
      .where(lt(webhookDeliveries.createdAt, new Date(nowMs - WEBHOOK_DELIVERIES_KEPT_MS))),
  ]);
  return {
    sessions: s.rowsAffected,
    emailTokens: t.rowsAffected,
    idempotencyKeys: i.rowsAffected,
    rateLimits: r.rowsAffected,
    accessTokens: a.rowsAffected,
    webhookDeliveries: w.rowsAffected,
  };
}
