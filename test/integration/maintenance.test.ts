/**
 * The cron's housekeeping deletes what has expired — at the instant it expires, not a second early —
 * and leaves everything still in use.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createPasswordHasher } from '~/functions/auth/password';
import type { AppDeps } from '~/functions/context';
import {
  accessTokens,
  emailTokens,
  idempotencyKeys,
  rateLimits,
  sessions,
  webhookDeliveries,
  webhookEndpoints,
} from '~/functions/db/schema';
import { manualClock } from '~/functions/lib/clock';
import { runScheduledPurge } from '~/functions/scheduled';
import {
  EXPIRED_TOKENS_KEPT_MS,
  IDEMPOTENCY_TTL_MS,
  WEBHOOK_DELIVERIES_KEPT_MS,
} from '~/functions/services/maintenance/purge-expired';
import { localImages } from '~/functions/services/media/process-upload';
import { buildCatalog } from '../factories/catalog';
import { freshDatabase, testConfig } from '../factories/db';
import { memoryBucket } from '../factories/memory-bucket';
import { insertUser } from '../factories/records';

const { db, client } = await freshDatabase();
const NOW = new Date('2026-11-25T10:00:00+08:00');
const config = testConfig();
const deps = (now: Date): AppDeps => ({
  connect: () => client,
  catalog: buildCatalog(),
  clock: manualClock(now.toISOString()),
  config,
  hasher: createPasswordHasher(config.passwordPepper, 1000),
  media: memoryBucket(),
  images: localImages,
});
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const longestWindow = Math.max(...Object.values(config.rateLimitRules).map((r) => r.windowSeconds));

beforeAll(() => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
});

describe('runScheduledPurge', () => {
  it('deletes expired sessions, tokens, old stored answers and stale counters, and keeps the rest', async () => {
    const user = await insertUser(db);
    const session = (id: string, expiresAt: Date) => ({
      id,
      userId: user.id,
      secretHash: Buffer.from(id),
      createdAt: at(-86_400_000),
      expiresAt,
    });
    await db.insert(sessions).values([session('expired', at(-1000)), session('live', at(1000))]);
    const token = (tokenHash: string, expiresAt: Date) => ({
      userId: user.id,
      purpose: 'verify_email' as const,
      tokenHash: Buffer.from(tokenHash),
      expiresAt,
      createdAt: at(-3_600_000),
    });
    await db.insert(emailTokens).values([token('old-token', at(-1000)), token('new-token', at(1000))]);
    const answer = (key: string, createdAt: Date) => ({
      scope: 'api:products:1',
      key,
      requestHash: 'h',
      status: 201,
      body: '{}',
      createdAt,
    });
    await db
      .insert(idempotencyKeys)
      .values([
        answer('old-key', at(-IDEMPOTENCY_TTL_MS - 1000)),
        answer('new-key', at(-IDEMPOTENCY_TTL_MS + 1000)),
      ]);
    const nowSeconds = Math.floor(NOW.getTime() / 1000);
    await db.insert(rateLimits).values([
      { key: 'stale', windowStart: nowSeconds - longestWindow - 1, count: 3 },
      { key: 'current', windowStart: nowSeconds - longestWindow, count: 3 },
    ]);

    // Access tokens stay listed (as expired) for 30 days after they expire.
    const pat = (id: string, expiresAt: Date) => ({
      id,
      userId: user.id,
      name: id,
      scopes: ['read'],
      secretHash: Buffer.from(id),
      createdAt: at(-400 * 86_400_000),
      expiresAt,
    });
    await db
      .insert(accessTokens)
      .values([
        pat('long-expired', at(-EXPIRED_TOKENS_KEPT_MS - 1000)),
        pat('just-expired', at(-EXPIRED_TOKENS_KEPT_MS + 1000)),
      ]);

    // Webhook deliveries are kept 30 days.
    const [endpoint] = await db
      .insert(webhookEndpoints)
      .values({
        url: 'https://hooks.example.com/',
        events: [],
        secret: 'whsec_x',
        createdAt: at(-400 * 86_400_000),
      })
      .returning();
    const delivery = (messageId: string, createdAt: Date) => ({
      endpointId: endpoint?.id ?? 0,
      messageId,
      eventType: 'product.approved',
      payload: '{}',
      status: 'delivered' as const,
      nextAttemptAt: createdAt,
      createdAt,
    });
    await db
      .insert(webhookDeliveries)
      .values([
        delivery('old', at(-WEBHOOK_DELIVERIES_KEPT_MS - 1000)),
        delivery('recent', at(-WEBHOOK_DELIVERIES_KEPT_MS + 1000)),
      ]);

    const report = await runScheduledPurge(deps(NOW));
    expect(report).toEqual({
      sessions: 1,
      emailTokens: 1,
      idempotencyKeys: 1,
      rateLimits: 1,
      accessTokens: 1,
      webhookDeliveries: 1,
    });
    expect((await db.select().from(webhookDeliveries)).map((r) => r.messageId)).toEqual(['recent']);
    expect((await db.select().from(accessTokens)).map((r) => r.id)).toEqual(['just-expired']);
    expect((await db.select().from(sessions)).map((r) => r.id)).toEqual(['live']);
    expect((await db.select().from(emailTokens)).map((r) => r.tokenHash.toString())).toEqual(['new-token']);
    expect((await db.select().from(idempotencyKeys)).map((r) => r.key)).toEqual(['new-key']);
    expect((await db.select().from(rateLimits)).map((r) => r.key)).toEqual(['current']);

    // Nothing left to do: a second run deletes nothing.
    expect(await runScheduledPurge(deps(NOW))).toEqual({
      sessions: 0,
      emailTokens: 0,
      idempotencyKeys: 0,
      rateLimits: 0,
      accessTokens: 0,
      webhookDeliveries: 0,
    });
    // Two seconds later the live session and the new token have expired too.
    expect(await runScheduledPurge(deps(at(2000)))).toMatchObject({ sessions: 1, emailTokens: 1 });
  });
});
