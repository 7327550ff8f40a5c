/**
 * The team rules of the journeys (issue 15) through the API on a real database: invite codes read
 * tolerantly, dissolving a team (until submissionCloses, with its roster and entry, audited), and
 * linking the team's company and the entry's product after creation (leader only, the leader's
 * verified companies, until submissionCloses, audited).
 */
import { and, desc, eq, gt } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, entries, teamMembers, teams } from '~/functions/db/schema';
import { apiCaller, testApp } from '../factories/app';
import { buildCatalog, buildContest } from '../factories/catalog';
import { insertCompany, insertProduct, insertUser } from '../factories/records';
import { sessionCookieFor } from '../factories/session';

const contest = buildContest('journey-contest', { teamSize: { min: 1, max: 8 } });
const { timeline } = contest;
const at = (d: Date, seconds = 0) => new Date(d.getTime() + seconds * 1000);
const duringRegistration = at(timeline.registrationOpens, 3600);
const duringSubmission = at(timeline.registrationCloses, 3600);
const env = await testApp({
  catalog: buildCatalog({ contests: [contest] }),
  now: duringRegistration.toISOString(),
});
const { app, db, clock } = env;

async function founder() {
  const user = await insertUser(db, { emailVerifiedAt: new Date('2026-01-01T00:00:00Z') });
  return { user, cookie: await sessionCookieFor(db, user.id) };
}

type Body = Record<string, unknown> & {
  code?: string;
  id?: number;
  inviteCode?: string;
  companyId?: number | null;
  detail?: string;
  errors?: Record<string, string[]>;
  entry?: { productId: number | null } | null;
};
const call = async (...args: Parameters<ReturnType<typeof apiCaller>>) => {
  const { status, body } = await apiCaller(app)(...args);
  return { status, body: body as Body };
};

let teamNames = 0;
const create = (cookie: string) =>
  call('POST', `/contests/${contest.slug}/teams`, cookie, { track: 'general', name: `旅程队${++teamNames}` });
const join = (cookie: string, inviteCode: string) => call('POST', '/teams/join', cookie, { inviteCode });
const saveEntry = (cookie: string, id: number) =>
  call('PUT', `/teams/${id}/entry`, cookie, {
    title: '合同审查智能体',
    summary: '十分钟读完一份合同。',
    demoUrl: 'https://demo.example.com',
    repoUrl: 'https://git.example.com/repo',
  });
const link = (cookie: string, id: number, payload: unknown, headers: Record<string, string> = {}) =>
  call('PUT', `/teams/${id}/company`, cookie, payload, headers);
/** Audit rows about the team (ids of deleted teams are reused: rows from before `since` are left out). */
const auditRows = (action: string, teamId: number, since = 0) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, String(teamId)), gt(auditLog.id, since)));
const lastAuditId = async () =>
  (await db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0]?.id ?? 0;

/** A team with a leader and one member. */
async function teamOfTwo() {
  const leader = await founder();
  const created = await create(leader.cookie);
  const member = await founder();
  await join(member.cookie, created.body.inviteCode ?? '');
  const since = await lastAuditId();
  return { leader, member, id: created.body.id ?? 0, code: created.body.inviteCode ?? '', since };
}

beforeEach(() => clock.set(duringRegistration));

describe('invite codes', () => {
  it('are read regardless of case, spaces, dashes and full-width forms', async () => {
    const { code } = await teamOfTwo();
    const grouped = code.match(/.{4}/g) ?? [];
    const typed = [
      grouped.join('-').toUpperCase(),
      ` ${grouped.join(' ')} `,
      grouped.join(' - '),
      // What a Chinese IME may produce: full-width letters and digits, an ideographic space.
      [...code.toUpperCase()]
        .map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
        .join('')
        .slice(0, 8) +
        '\u3000' +
        code.slice(8),
    ];
    for (const variant of typed) {
      const joiner = await founder();
      const res = await join(joiner.cookie, variant);
      expect(res.status, variant).toBe(200);
    }
  });

  it('still refuses what is not a code, with a field error', async () => {
    const joiner = await founder();
    for (const bad of ['abcd-efgh', 'abcdefghijklmno1', 'abcd efgh ijkl mnop q']) {
      const res = await join(joiner.cookie, bad);
      expect(res.status, bad).toBe(422);
      expect(res.body.errors).toHaveProperty('inviteCode');
    }
    const empty = await call(
      'POST',
      '/teams/join',
      joiner.cookie,
      { inviteCode: ' - ' },
      { 'accept-language': 'en' },
    );
    expect(empty.body.errors).toEqual({ inviteCode: ['This field is required.'] });
  });
});

describe('dissolving a team', () => {
  it('deletes the team, its roster and its entry, and logs it, while submissions are open', async () => {
    const { leader, member, id } = await teamOfTwo();
    expect((await saveEntry(member.cookie, id)).status).toBe(200);
    // After registrationCloses the roster is locked, but the leader may still dissolve.
    clock.set(duringSubmission);
    const since = await lastAuditId();
    const res = await call('DELETE', `/teams/${id}`, leader.cookie);
    expect(res).toEqual({ status: 200, body: { dissolved: true } });
    expect(await db.select().from(teams).where(eq(teams.id, id))).toEqual([]);
    expect(await db.select().from(teamMembers).where(eq(teamMembers.teamId, id))).toEqual([]);
    expect(await db.select().from(entries).where(eq(entries.teamId, id))).toEqual([]);
    const [row, ...more] = await auditRows('team.dissolve', id, since);
    expect(more).toEqual([]);
    expect(row?.targetType).toBe('team');
    expect(row?.before).toMatchObject({
      contest: contest.slug,
      members: 2,
      entry: { title: '合同审查智能体' },
    });
    expect(row?.actor).toMatch(/^[0-9a-f]{16}$/);
    expect((await call('GET', `/teams/${id}`, member.cookie)).status).toBe(404);
  });

  it('frees the members to form or join other teams while registration is open', async () => {
    const { leader, member, id } = await teamOfTwo();
    expect((await call('DELETE', `/teams/${id}`, leader.cookie)).status).toBe(200);
    expect((await create(member.cookie)).status).toBe(201);
    expect((await create(leader.cookie)).status).toBe(201);
  });

  it('is the leader’s alone: a member is refused, an outsider does not see the team', async () => {
    const { member, id } = await teamOfTwo();
    const outsider = await founder();
    const since = await lastAuditId();
    expect((await call('DELETE', `/teams/${id}`, member.cookie)).body.code).toBe('leader_only');
    expect((await call('DELETE', `/teams/${id}`, outsider.cookie)).status).toBe(404);
    expect(await db.select().from(teams).where(eq(teams.id, id))).toHaveLength(1);
    expect(await auditRows('team.dissolve', id, since)).toEqual([]);
  });

  it('closes at submissionCloses, to the second, saying until when it was possible', async () => {
    const { leader, id } = await teamOfTwo();
    clock.set(at(timeline.submissionCloses));
    const late = await call('DELETE', `/teams/${id}`, leader.cookie, undefined, { 'accept-language': 'en' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('submission_closed');
    expect(late.body.detail).toMatch(/can no longer be dissolved/);
    expect(late.body.detail).toMatch(/2026/);
    expect(await db.select().from(teams).where(eq(teams.id, id))).toHaveLength(1);
    clock.set(at(timeline.submissionCloses, -1));
    expect((await call('DELETE', `/teams/${id}`, leader.cookie)).status).toBe(200);
  });

  it('happens when a leader alone leaves, and is logged the same way', async () => {
    const leader = await founder();
    const id = (await create(leader.cookie)).body.id ?? 0;
    const since = await lastAuditId();
    expect((await call('POST', `/teams/${id}/leave`, leader.cookie)).body).toEqual({ dissolved: true });
    expect(await db.select().from(teams).where(eq(teams.id, id))).toEqual([]);
    expect(await auditRows('team.dissolve', id, since)).toHaveLength(1);
  });
});

describe('linking the company and the product after creation', () => {
  it('links one of the leader’s verified companies, and logs before and after', async () => {
    const { leader, id, since } = await teamOfTwo();
    const company = await insertCompany(db, leader.user.id);
    const res = await link(leader.cookie, id, { companyId: company.id });
    expect(res.status).toBe(200);
    expect(res.body.companyId).toBe(company.id);
    const [row] = await auditRows('team.link_company', id, since);
    expect(row?.before).toEqual({ companyId: null, productId: null });
    expect(row?.after).toEqual({ companyId: company.id, productId: null });
    // The same choice again changes nothing and logs nothing.
    expect((await link(leader.cookie, id, { companyId: company.id })).status).toBe(200);
    expect(await auditRows('team.link_company', id, since)).toHaveLength(1);
  });

  it('refuses a company still under review, someone else’s company, and a member who is not the leader', async () => {
    const { leader, member, id, since } = await teamOfTwo();
    const pending = await insertCompany(db, leader.user.id, { status: 'pending' });
    const refusedPending = await link(
      leader.cookie,
      id,
      { companyId: pending.id },
      { 'accept-language': 'en' },
    );
    expect(refusedPending.status).toBe(409);
    expect(refusedPending.body.code).toBe('company_not_verified');
    expect(refusedPending.body.errors).toEqual({
      companyId: ['This company is not verified yet: it can be linked to the team once it is.'],
    });
    const stranger = await insertCompany(db, (await founder()).user.id);
    expect((await link(leader.cookie, id, { companyId: stranger.id })).body.code).toBe('company_not_owned');
    const own = await insertCompany(db, member.user.id);
    expect((await link(member.cookie, id, { companyId: own.id })).body.code).toBe('leader_only');
    const [team] = await db.select().from(teams).where(eq(teams.id, id));
    expect(team?.companyId).toBeNull();
    expect(await auditRows('team.link_company', id, since)).toEqual([]);
  });

  it('links an approved product of that company to the entry, and nothing else', async () => {
    const { leader, id, since } = await teamOfTwo();
    const company = await insertCompany(db, leader.user.id);
    const product = await insertProduct(db, company.id);
    const hidden = await insertProduct(db, company.id, { status: 'pending' });
    const other = await insertProduct(db, (await insertCompany(db, leader.user.id)).id);

    const noEntry = await link(leader.cookie, id, { companyId: company.id, productId: product.id });
    expect(noEntry.status).toBe(422);
    expect(noEntry.body.errors).toHaveProperty('productId');

    await saveEntry(leader.cookie, id);
    for (const wrong of [hidden.id, other.id]) {
      const res = await link(leader.cookie, id, { companyId: company.id, productId: wrong });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('product_not_owned');
    }
    const linked = await link(leader.cookie, id, { companyId: company.id, productId: product.id });
    expect(linked.status).toBe(200);
    expect(linked.body.entry?.productId).toBe(product.id);
    // Saving the entry with the product it has keeps it.
    const [entry] = await db.select().from(entries).where(eq(entries.teamId, id));
    expect(entry?.productId).toBe(product.id);
    const [row] = (await auditRows('team.link_company', id, since)).slice(-1);
    expect(row?.after).toEqual({ companyId: company.id, productId: product.id });
  });

  it('drops the product of a company the team no longer has, and unlinks with null', async () => {
    const { leader, id, since } = await teamOfTwo();
    const first = await insertCompany(db, leader.user.id);
    const second = await insertCompany(db, leader.user.id);
    const product = await insertProduct(db, first.id);
    await saveEntry(leader.cookie, id);
    await link(leader.cookie, id, { companyId: first.id, productId: product.id });
    // Left out, the product stays while it belongs to the company…
    expect((await link(leader.cookie, id, { companyId: first.id })).body.entry?.productId).toBe(product.id);
    // …and goes with the company.
    const switched = await link(leader.cookie, id, { companyId: second.id });
    expect(switched.body.companyId).toBe(second.id);
    expect(switched.body.entry?.productId).toBeNull();
    const unlinked = await link(leader.cookie, id, { companyId: null });
    expect(unlinked.body.companyId).toBeNull();
    expect(await auditRows('team.link_company', id, since)).toHaveLength(3);
  });

  it('lets a new leader keep the company the team has, without owning it', async () => {
    const { leader, member, id } = await teamOfTwo();
    const company = await insertCompany(db, leader.user.id);
    const product = await insertProduct(db, company.id);
    await saveEntry(leader.cookie, id);
    await link(leader.cookie, id, { companyId: company.id });
    await call('PUT', `/teams/${id}/leader`, leader.cookie, { userId: member.user.id });
    const kept = await link(member.cookie, id, { companyId: company.id, productId: product.id });
    expect(kept.status).toBe(200);
    expect(kept.body.entry?.productId).toBe(product.id);
    expect((await link(leader.cookie, id, { companyId: null })).body.code).toBe('leader_only');
  });

  it('closes at submissionCloses, to the second, with a message that says so', async () => {
    const { leader, id } = await teamOfTwo();
    const company = await insertCompany(db, leader.user.id);
    clock.set(at(timeline.submissionCloses, -1));
    expect((await link(leader.cookie, id, { companyId: company.id })).status).toBe(200);
    clock.set(at(timeline.submissionCloses));
    const late = await link(leader.cookie, id, { companyId: null }, { 'accept-language': 'en' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('submission_closed');
    expect(late.body.detail).toMatch(/company and product can no longer change/);
    const [team] = await db.select().from(teams).where(eq(teams.id, id));
    expect(team?.companyId).toBe(company.id);
  });
});
