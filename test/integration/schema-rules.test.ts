/**
 * The data model's rules, enforced by the database itself: full-text search over approved products,
 * exact vote counts, team member counts, uniqueness and checks.
 */
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { sqliteFailure } from '~/functions/db/errors';
import { products, teamMembers, teams, votes } from '~/functions/db/schema';
import { buildSearchQuery, buildSearchText } from '~/functions/lib/search-text';
import { freshDatabase } from '../factories/db';
import { insertCompany, insertProduct, insertTeam, insertUser } from '../factories/records';

const { db } = await freshDatabase();

/** The SQLite code a write failed with (the test fails if it succeeded). */
async function refusal(write: Promise<unknown>): Promise<string | undefined> {
  try {
    await write;
  } catch (err) {
    return sqliteFailure(err)?.code;
  }
  throw new Error('expected the database to refuse the write');
}

async function search(query: string): Promise<string[]> {
  const match = buildSearchQuery(query);
  if (!match) return [];
  const rows = await db.all<{ name: string }>(
    sql`SELECT p.name FROM products_fts JOIN products p ON p.id = products_fts.rowid
        WHERE products_fts MATCH ${match} ORDER BY products_fts.rank, p.id`,
  );
  return rows.map((r) => r.name);
}

describe('products full-text search (FTS5 over segmented search_text)', () => {
  beforeAll(async () => {
    const owner = await insertUser(db);
    const company = await insertCompany(db, owner.id);
    await insertProduct(db, company.id, { name: '法律智能体助手', tagline: '帮助一人公司处理合同' });
    await insertProduct(db, company.id, { name: '医疗影像大模型应用', tagline: '影像辅助诊断' });
    await insertProduct(db, company.id, { name: '光谷算力券申请服务', tagline: '一站式申请' });
    await insertProduct(db, company.id, {
      name: 'Contract Review Agent',
      tagline: 'RAG workflow for legal teams',
    });
    await insertProduct(db, company.id, { name: '待审核的医疗产品', status: 'pending' });
    await insertProduct(db, company.id, { name: '被驳回的合同工具', status: 'rejected' });
  });

  it.each([
    ['智能体', ['法律智能体助手']],
    ['医疗', ['医疗影像大模型应用']],
    ['合同', ['法律智能体助手']],
    ['算力', ['光谷算力券申请服务']],
    ['算力券', ['光谷算力券申请服务']],
    ['agent', ['Contract Review Agent']],
    ['WORKFLOW', ['Contract Review Agent']],
    ['legal 合同', []],
  ])('"%s" finds %j among approved products only', async (query, expected) => {
    expect(await search(query)).toEqual(expected);
  });

  it('follows approval: a product enters the index when approved and leaves when unapproved', async () => {
    const [pending] = await db.select().from(products).where(eq(products.name, '待审核的医疗产品'));
    if (!pending) throw new Error('fixture missing');
    await db
      .update(products)
      .set({ status: 'approved', approvedAt: new Date() })
      .where(eq(products.id, pending.id));
    expect(await search('医疗')).toContain('待审核的医疗产品');
    await db.update(products).set({ status: 'rejected' }).where(eq(products.id, pending.id));
    expect(await search('医疗')).not.toContain('待审核的医疗产品');
  });

  it('re-indexes edited text of an approved product', async () => {
    const [row] = await db.select().from(products).where(eq(products.name, '光谷算力券申请服务'));
    if (!row) throw new Error('fixture missing');
    await db
      .update(products)
      .set({ searchText: buildSearchText(['数据标注平台']) })
      .where(eq(products.id, row.id));
    expect(await search('算力')).toEqual([]);
    expect(await search('标注')).toEqual(['光谷算力券申请服务']);
  });
});

describe('database-enforced counters and limits', () => {
  it('keeps vote_count exact and admits one vote per user per product', async () => {
    const owner = await insertUser(db);
    const company = await insertCompany(db, owner.id);
    const product = await insertProduct(db, company.id);
    const voters = await Promise.all([insertUser(db), insertUser(db), insertUser(db)]);
    for (const voter of voters)
      await db.insert(votes).values({ userId: voter.id, productId: product.id, createdAt: new Date() });
    expect(
      await refusal(
        db.insert(votes).values({ userId: voters[0]?.id ?? 0, productId: product.id, createdAt: new Date() }),
      ),
    ).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
    await db.delete(votes).where(eq(votes.userId, voters[1]?.id ?? 0));
    const [after] = await db
      .select({ n: products.voteCount })
      .from(products)
      .where(eq(products.id, product.id));
    expect(after?.n).toBe(2);
  });

  it('keeps member_count in step and allows one team per person per contest', async () => {
    const leader = await insertUser(db);
    const member = await insertUser(db);
    const team = await insertTeam(db, leader.id);
    const other = await insertTeam(db, (await insertUser(db)).id);
    await db
      .insert(teamMembers)
      .values({ teamId: team.id, userId: member.id, contestSlug: team.contestSlug, joinedAt: new Date() });
    const second = db
      .insert(teamMembers)
      .values({ teamId: other.id, userId: member.id, contestSlug: other.contestSlug, joinedAt: new Date() });
    expect(await refusal(second)).toBe('SQLITE_CONSTRAINT_UNIQUE');
    const [row] = await db.select({ n: teams.memberCount }).from(teams).where(eq(teams.id, team.id));
    expect(row?.n).toBe(2);
  });

  it('refuses a duplicate credit code, a non-lower-case email and an approved product without approvedAt', async () => {
    const owner = await insertUser(db);
    const company = await insertCompany(db, owner.id);
    expect(await refusal(insertCompany(db, owner.id, { creditCode: company.creditCode }))).toBe(
      'SQLITE_CONSTRAINT_UNIQUE',
    );
    expect(await refusal(insertUser(db, { email: 'Mixed@Example.com' }))).toBe('SQLITE_CONSTRAINT_CHECK');
    expect(await refusal(insertProduct(db, company.id, { status: 'approved', approvedAt: null }))).toBe(
      'SQLITE_CONSTRAINT_CHECK',
    );
  });

  it('enforces foreign keys', async () => {
    expect(await refusal(insertProduct(db, 999_999))).toBe('SQLITE_CONSTRAINT_FOREIGNKEY');
  });
});
