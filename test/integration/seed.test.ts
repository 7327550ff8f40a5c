import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createPasswordHasher } from '~/functions/auth/password';
import { loadCatalogFromDisk } from '~/functions/content/load-node';
import { companies, products, resultPublications, teams, users } from '~/functions/db/schema';
import { DEMO_PASSWORD, seedDemo } from '~/functions/db/seed/seed';
import { isValidCreditCode } from '~/functions/lib/credit-code';
import { freshDatabase } from '../factories/db';

const catalog = loadCatalogFromDisk();
const hasher = createPasswordHasher('seed-test-pepper-123', 1000);
const now = new Date('2026-11-25T10:00:00+08:00');
const { db } = await freshDatabase();
const first = await seedDemo({ db, catalog, now, hasher });

describe('demo seed', () => {
  it('fills an empty database with the demo records', async () => {
    expect(first.seeded).toBe(true);
    const [approved] = await db.select({ n: count() }).from(products).where(eq(products.status, 'approved'));
    expect(approved?.n).toBeGreaterThanOrEqual(40);
    const kinds = await db.selectDistinct({ kind: products.kind }).from(products);
    expect(kinds.map((k) => k.kind).sort()).toEqual(['agent', 'product']);
    const [teamCount] = await db.select({ n: count() }).from(teams);
    expect(teamCount?.n).toBe(first.teams);
  });

  it('is a no-op on a database that already has data: a second start neither duplicates nor wipes', async () => {
    const before = await db.select({ n: count() }).from(products);
    const again = await seedDemo({ db, catalog, now, hasher });
    expect(again.seeded).toBe(false);
    expect(await db.select({ n: count() }).from(products)).toEqual(before);
  });

  it('creates demo accounts for each role that sign in with the printed password', async () => {
    for (const role of ['founder', 'organizer', 'admin'] as const) {
      const [account] = await db
        .select()
        .from(users)
        .where(and(eq(users.email, `${role}@example.com`), eq(users.role, role)));
      expect(account, role).toBeDefined();
      expect(await hasher.verify(account?.passwordHash ?? '', DEMO_PASSWORD)).toBe(true);
    }
  });

  it('uses valid, unique credit codes and keeps real products named in the report out of submissions', async () => {
    const rows = await db.select({ code: companies.creditCode }).from(companies);
    expect(rows.every((r) => isValidCreditCode(r.code))).toBe(true);
    const names = (await db.select({ name: products.name }).from(products)).map((r) => r.name).join(' ');
    for (const real of ['紫东太初', 'ScienceClaw', '济大夫', '江城智办']) expect(names).not.toContain(real);
  });

  it('publishes results of the contest whose judging has closed, and only that one', async () => {
    const published = await db.select().from(resultPublications);
    const closed = catalog.contests.filter((c) => c.timeline.judgingCloses < now).map((c) => c.slug);
    expect(published.map((p) => p.contestSlug)).toEqual(closed);
    expect(closed).toHaveLength(1);
  });

  it('keeps one contest open for registration for years', () => {
    const open = catalog.contests.filter(
      (c) =>
        c.timeline.registrationOpens <= now &&
        c.timeline.registrationCloses.getFullYear() >= now.getFullYear() + 3,
    );
    expect(open).toHaveLength(1);
  });
});
