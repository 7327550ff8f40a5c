/**
 * The first-trip slot (functions/db/client.ts, decision 023) on a real libSQL database: the probe
 * rides in front of the first read in the same round trip, a refused probe keeps the read's rows
 * from the caller, and a write never runs before the probe was checked.
 */
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb, FirstTripSlot, instrumentClient, newMetrics } from '~/functions/db/client';
import { auditLog, users } from '~/functions/db/schema';
import { freshDatabase } from '../factories/db';
import { insertUser } from '../factories/records';

class Refused extends Error {}

/** Drizzle wraps a failed single query ("Failed query") with the cause. */
const refused = (err: unknown) =>
  err instanceof Refused || (err as { cause?: unknown }).cause instanceof Refused;

async function setUp(verdict: 'pass' | 'refuse') {
  const { client } = await freshDatabase();
  const metrics = newMetrics();
  const slot = new FirstTripSlot();
  const seen: number[] = [];
  slot.arm({
    statement: { sql: 'select count(*) from users', args: [] },
    check(result) {
      seen.push(Number(result.rows[0]?.[0]));
      if (verdict === 'refuse') throw new Refused();
    },
  });
  return {
    db: createDb(instrumentClient(client, metrics, slot)),
    plain: createDb(client),
    metrics,
    slot,
    seen,
  };
}

describe('the first-trip slot', () => {
  it('sends the probe with the first read, in one round trip, and later reads alone', async () => {
    const { db, plain, metrics, seen } = await setUp('pass');
    const user = await insertUser(plain);
    const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, user.id));
    expect(row?.name).toBe(user.name);
    expect(seen).toHaveLength(1);
    expect(metrics.roundTrips).toBe(1);
    const [a, b] = await db.batch([db.select().from(users).limit(1), db.select({ n: count() }).from(users)]);
    expect(a).toHaveLength(1);
    expect(b[0]?.n).toBeGreaterThan(0);
    expect(seen).toHaveLength(1);
    expect(metrics.roundTrips).toBe(2);
  });

  it('keeps a refused read from the caller, and every later call too', async () => {
    const { db, seen } = await setUp('refuse');
    const read = () =>
      db
        .select()
        .from(users)
        .catch((e: unknown) => e);
    expect(refused(await read())).toBe(true);
    expect(refused(await read())).toBe(true);
    expect(seen).toHaveLength(1);
  });

  it('checks the probe alone before a write, and a refusal writes nothing', async () => {
    const { db, plain, metrics, seen } = await setUp('refuse');
    const before = await plain.select({ n: count() }).from(auditLog);
    const write = db.insert(auditLog).values({
      actor: 'test',
      actorRole: 'admin',
      action: 'probe.test',
      targetType: 'user',
      targetId: '1',
      createdAt: new Date('2026-11-25T02:00:00Z'),
    });
    expect(refused(await write.catch((e) => e))).toBe(true);
    expect(seen).toHaveLength(1);
    expect(metrics.roundTrips).toBe(1);
    expect(await plain.select({ n: count() }).from(auditLog)).toEqual(before);
  });

  it('makes a read sent while the probe travels wait for its verdict', async () => {
    const { db, seen, metrics } = await setUp('refuse');
    const results = await Promise.allSettled([db.select().from(users), db.select().from(users).limit(1)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(seen).toHaveLength(1);
    expect(metrics.roundTrips).toBe(1);
  });

  it('sends the probe alone when nothing read (settle), once', async () => {
    const { slot, seen, metrics } = await setUp('pass');
    await slot.settle();
    await slot.settle();
    expect(seen).toHaveLength(1);
    expect(metrics.roundTrips).toBe(1);
  });
});
