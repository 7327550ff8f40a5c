/**
 * The home page's live figures are counters kept by triggers (live_figures): after every kind of
 * write they equal what counting the rows says — approval, rejection, a kind change, deletion
 * (also by a company's cascade), company verification, teams.
 */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { companies, LIVE_FIGURES, liveFigures, products, teams } from '~/functions/db/schema';
import { freshDatabase } from '../factories/db';
import { insertCompany, insertProduct, insertTeam, insertUser } from '../factories/records';

const { db } = await freshDatabase();

async function counters(): Promise<Record<string, number>> {
  const rows = await db.select().from(liveFigures);
  return Object.fromEntries(rows.map((r) => [r.name, r.value]));
}

async function counted(): Promise<Record<string, number>> {
  const one = async (query: ReturnType<typeof sql>) => (await db.get<{ n: number }>(query))?.n ?? -1;
  return {
    [LIVE_FIGURES.products]: await one(
      sql`SELECT count(*) AS n FROM products WHERE status = 'approved' AND kind = 'product'`,
    ),
    [LIVE_FIGURES.agents]: await one(
      sql`SELECT count(*) AS n FROM products WHERE status = 'approved' AND kind = 'agent'`,
    ),
    [LIVE_FIGURES.companies]: await one(sql`SELECT count(*) AS n FROM companies WHERE status = 'verified'`),
    [LIVE_FIGURES.teams]: await one(sql`SELECT count(*) AS n FROM teams`),
  };
}

describe('live figures (counters kept by triggers)', () => {
  it('equal the counted rows after every kind of write', async () => {
    const steps: Array<[string, () => Promise<unknown>]> = [];
    const owner = await insertUser(db);
    const company = await insertCompany(db, owner.id);
    const other = await insertCompany(db, owner.id, { status: 'pending' });
    const a = await insertProduct(db, company.id, { kind: 'agent' });
    const b = await insertProduct(db, company.id, { status: 'pending' });
    const c = await insertProduct(db, other.id, { kind: 'agent' });
    await insertProduct(db, other.id);
    steps.push(
      [
        'approve',
        () =>
          db
            .update(products)
            .set({ status: 'approved', approvedAt: new Date() })
            .where(eq(products.id, b.id)),
      ],
      ['reject', () => db.update(products).set({ status: 'rejected' }).where(eq(products.id, a.id))],
      ['change kind', () => db.update(products).set({ kind: 'product' }).where(eq(products.id, c.id))],
      ['edit text only', () => db.update(products).set({ name: '改名' }).where(eq(products.id, c.id))],
      ['delete a product', () => db.delete(products).where(eq(products.id, b.id))],
      [
        'verify a company',
        () => db.update(companies).set({ status: 'verified' }).where(eq(companies.id, other.id)),
      ],
      [
        'unverify a company',
        () => db.update(companies).set({ status: 'pending' }).where(eq(companies.id, company.id)),
      ],
      ['add a team', () => insertTeam(db, owner.id)],
      ['delete a team', () => db.delete(teams).where(eq(teams.leaderId, owner.id))],
      [
        'delete a company (its products cascade)',
        () => db.delete(companies).where(eq(companies.id, other.id)),
      ],
    );
    expect(await counters()).toEqual(await counted());
    for (const [step, write] of steps) {
      await write();
      expect(await counters(), step).toEqual(await counted());
    }
    // The cascade really removed approved products, so the last step moved the counters.
    expect((await counters())[LIVE_FIGURES.products]).toBe(0);
  });
});
