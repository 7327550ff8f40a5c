/**
 * Erasure follows one data map (functions/db/data-map.ts): every column of every table of the migrated
 * database is classified, and deleting a fully populated account leaves none of the person's
 * personal values in any column of any table, and no submission of theirs an organizer could still
 * approve.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DATA_MAP } from '~/functions/db/data-map';
import {
  communityMemberships,
  companies,
  idempotencyKeys,
  objections,
  productRevisions,
  products,
  resultPublications,
  votes,
} from '~/functions/db/schema';
import { apiCaller, testApp } from '../factories/app';
import { mailedToken, postJson, sessionFrom, signUpBody } from '../factories/auth';
import { buildCatalog, buildContest } from '../factories/catalog';
import { addMember, assignJudgeRow, insertEntry, insertScores } from '../factories/judging';
import { insertCompany, insertMembership, insertProduct, insertTeam, insertUser } from '../factories/records';
import { sessionCookieFor } from '../factories/session';

const led = buildContest('led-contest');
const judged = buildContest('judged-contest');
const unpublished = buildContest('unpublished-contest');
const { app, db, client } = await testApp({
  catalog: buildCatalog({ contests: [led, judged, unpublished] }),
});
const call = apiCaller(app);
const at = new Date('2026-11-01T00:00:00Z');

beforeAll(() => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
});

/** Every table of the migrated database with its columns, virtual and FTS shadow tables included. */
async function liveSchema(): Promise<Record<string, string[]>> {
  const tables = await client.execute("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
  const out: Record<string, string[]> = {};
  for (const { name } of tables.rows) {
    const columns = await client.execute(`PRAGMA table_info("${String(name)}")`);
    out[String(name)] = columns.rows.map((c) => String(c.name));
  }
  return out;
}

describe('the data map', () => {
  it('classifies every column of every table, and nothing that is not there', async () => {
    const live = await liveSchema();
    const mapped = Object.fromEntries(
      Object.entries(DATA_MAP).map(([table, entry]) => [table, Object.keys(entry.columns)]),
    );
    expect(Object.keys(mapped).sort()).toEqual(Object.keys(live).sort());
    for (const [table, columns] of Object.entries(live))
      expect(mapped[table]?.slice().sort(), table).toEqual(columns.slice().sort());
  });
});

describe('deleting a fully populated account', () => {
  it('leaves none of its personal values anywhere, and nothing of it to approve', async () => {
    const personal = {
      name: '删除测试人乙巳',
      email: `erase-${Date.now().toString(36)}@example.com`,
      password: 'erase-lantern-2026',
      founders: ['创始人甲子丑', '创始人乙寅卯', '创始人丙辰巳'] as const,
      messages: ['入驻留言午未申', '入驻留言酉戌亥'] as const,
      realName: '实名甲乙丙丁',
    };
    // Sign-up through the API with a key (a verification mail and a stored answer), then the mailed
    // link, which signs in.
    const signup = await postJson(
      app,
      '/api/v1/auth/signup',
      signUpBody({ name: personal.name, email: personal.email, password: personal.password }),
      { headers: { 'idempotency-key': 'erasure-signup-1' } },
    );
    expect(signup.status).toBe(202);
    const token = await mailedToken(db, personal.email, 'verify-email');
    const verifiedLink = await postJson(app, '/api/v1/auth/verify-email', { token });
    expect(verifiedLink.status).toBe(200);
    const { id } = (await verifiedLink.json()) as { id: number };
    const cookie = sessionFrom(verifiedLink);
    await postJson(app, '/api/v1/auth/login', { email: personal.email, password: 'wrong-password-1' });
    const [founderA, founderB, founderC] = personal.founders;
    const verified = await insertCompany(db, id, { founderName: founderA });
    const pending = await insertCompany(db, id, { founderName: founderB, status: 'pending' });
    await insertCompany(db, id, { founderName: founderC, status: 'rejected' });
    await insertMembership(db, verified.id, 'community-a', { message: personal.messages[0] });
    await insertMembership(db, verified.id, 'community-b', {
      message: personal.messages[1],
      status: 'pending',
    });
    const approved = await insertProduct(db, verified.id, { ownerId: id });
    const unapproved = await insertProduct(db, verified.id, { ownerId: id, status: 'pending' });
    await db.insert(productRevisions).values({
      productId: approved.id,
      submittedBy: id,
      name: '修改中的产品',
      tagline: '修改',
      description: '修改',
      website: 'https://product.example.com',
      kind: 'product',
      category: 'office',
      tags: [],
      createdAt: at,
    });
    const others = await insertProduct(db, (await insertCompany(db, (await insertUser(db)).id)).id);
    await db.insert(votes).values({ userId: id, productId: others.id, createdAt: at });
    // A team led in a published contest, membership of another team, an objection, judge scores.
    const team = await insertTeam(db, id, { contestSlug: led.slug, companyId: verified.id });
    const entry = await insertEntry(db, team);
    const otherTeam = await insertTeam(db, (await insertUser(db)).id, { contestSlug: judged.slug });
    const otherEntry = await insertEntry(db, otherTeam);
    await db.insert(objections).values({
      contestSlug: judged.slug,
      entryId: otherEntry.id,
      userId: id,
      realName: personal.realName,
      reason: '评分有误',
      createdAt: at,
    });
    const unpublishedTeam = await insertTeam(db, (await insertUser(db)).id, {
      contestSlug: unpublished.slug,
    });
    await addMember(db, unpublishedTeam, (await insertUser(db)).id);
    const unpublishedEntry = await insertEntry(db, unpublishedTeam);
    for (const [slug, entryId] of [
      [led.slug, null],
      [judged.slug, otherEntry.id],
      [unpublished.slug, unpublishedEntry.id],
    ] as const) {
      if (slug !== led.slug) {
        await assignJudgeRow(db, slug, id);
        await insertScores(db, entryId ?? entry.id, id, { innovation: 5, impact: 3 });
      }
    }
    for (const slug of [led.slug, judged.slug])
      await db.insert(resultPublications).values({ contestSlug: slug, publishedAt: at });
    expect(await db.select().from(idempotencyKeys)).not.toHaveLength(0);

    const deleted = await postJson(
      app,
      '/api/v1/me',
      { password: personal.password },
      { cookie, method: 'DELETE' },
    );
    expect(deleted.status).toBe(204);

    // Search every column of every table (FTS shadow tables included) for every personal value.
    const values = [
      personal.name,
      personal.email,
      personal.password,
      personal.realName,
      ...personal.founders,
      ...personal.messages,
    ];
    const hits: string[] = [];
    for (const [table, columns] of Object.entries(await liveSchema())) {
      const rows = await client.execute(`SELECT * FROM "${table}"`);
      for (const row of rows.rows)
        for (const column of columns) {
          const cell = row[column];
          const text =
            typeof cell === 'string'
              ? cell
              : cell instanceof ArrayBuffer
                ? new TextDecoder().decode(cell)
                : String(cell);
          for (const value of values) if (text.includes(value)) hits.push(`${table}.${column}: ${value}`);
        }
    }
    expect(hits).toEqual([]);

    // Nothing of the person is left for an organizer to approve.
    const [pendingRow] = await db.select().from(companies).where(eq(companies.id, pending.id));
    expect(pendingRow?.status).toBe('withdrawn');
    const organizer = await insertUser(db, { role: 'organizer' });
    const organizerCookie = await sessionCookieFor(db, organizer.id);
    const verify = await call('POST', `/admin/companies/${pending.id}/decision`, organizerCookie, {
      decision: 'verify',
    });
    expect(verify.status).toBe(409);
    const queue = await call('GET', '/admin/companies?status=pending', organizerCookie);
    expect(queue.body.items.map((c: { id: number }) => c.id)).not.toContain(pending.id);
    expect(await db.select().from(products).where(eq(products.id, unapproved.id))).toHaveLength(0);
    expect(
      await db.select().from(productRevisions).where(eq(productRevisions.productId, approved.id)),
    ).toHaveLength(0);
    expect(
      await db
        .select({ status: communityMemberships.status })
        .from(communityMemberships)
        .where(eq(communityMemberships.companyId, verified.id)),
    ).toEqual([{ status: 'approved' }]);
  });
});
