import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  auditLog,
  companies,
  emailTokens,
  idempotencyKeys,
  outbox,
  products,
  resultPublications,
  sessions,
  teamMembers,
  teams,
  users,
  votes,
} from '~/functions/db/schema';
import { pseudonym } from '~/functions/lib/audit';
import { testApp } from '../factories/app';
import { mailedToken, postJson, sessionFrom, signUpBody, signUpVerified } from '../factories/auth';
import { buildCatalog, buildContest } from '../factories/catalog';
import { testConfig } from '../factories/db';
import { insertCompany, insertProduct, insertTeam, insertUser } from '../factories/records';

// The test clock (2026-11-25) lies inside the open contest's submission phase; the old one has ended.
const open = buildContest('open-contest', {
  title: { zh: '开放大赛', en: 'Open contest' },
  timeline: {
    registrationOpens: '2026-11-01T09:00:00+08:00',
    registrationCloses: '2026-11-20T18:00:00+08:00',
    submissionCloses: '2026-12-10T23:59:59+08:00',
    judgingCloses: '2026-12-20T18:00:00+08:00',
  },
});
const finished = buildContest('finished-contest');
const { app, db, client, config } = await testApp({
  catalog: buildCatalog({ contests: [open, finished] }),
  config: testConfig({ rateLimits: false }),
});
const at = new Date('2026-11-01T00:00:00Z');

beforeAll(() => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
});

/** An account signed up and verified through the mailed link, which signed it in. */
const signUp = () => signUpVerified(app, db);

const deleteMe = (cookie: string, password: string, headers: Record<string, string> = {}) =>
  postJson(app, '/api/v1/me', { password }, { cookie, method: 'DELETE', headers });

describe('DELETE /api/v1/me', () => {
  it('is refused with 409 while the user leads a team in an unfinished contest', async () => {
    const account = await signUp();
    await insertTeam(db, account.id, { contestSlug: 'open-contest' });
    const res = await deleteMe(account.cookie, account.password, { 'accept-language': 'en' });
    expect(res.status).toBe(409);
    const problem = (await res.json()) as { code: string; detail: string };
    expect(problem.code).toBe('leads_active_team');
    expect(problem.detail).toContain('"Open contest"');
    expect(await db.select().from(users).where(eq(users.id, account.id))).toHaveLength(1);
    expect((await app.request('/api/v1/me', { headers: { cookie: account.cookie } })).status).toBe(200);
  });

  it('is allowed once that contest has published results, and when only a member elsewhere', async () => {
    const leader = await signUp();
    const team = await insertTeam(db, leader.id, { contestSlug: 'finished-contest' });
    await db.insert(resultPublications).values({ contestSlug: 'finished-contest', publishedAt: at });
    const member = await signUp();
    const openTeam = await insertTeam(db, (await insertUser(db)).id, { contestSlug: 'open-contest' });
    await db
      .insert(teamMembers)
      .values({ teamId: openTeam.id, userId: member.id, contestSlug: 'open-contest', joinedAt: at });

    expect((await deleteMe(leader.cookie, leader.password)).status).toBe(204);
    expect((await deleteMe(member.cookie, member.password)).status).toBe(204);
    const [keptTeam] = await db.select().from(teams).where(eq(teams.id, team.id));
    expect(keptTeam?.leaderId).toBeNull();
    const [openRow] = await db.select().from(teams).where(eq(teams.id, openTeam.id));
    expect(openRow?.memberCount).toBe(1);
  });

  it('stays refused when a team is created between the check and the deletion', async () => {
    const account = await signUp();
    const batch = client.batch.bind(client);
    let calls = 0;
    const spy = vi.spyOn(client, 'batch').mockImplementation(async (...args) => {
      calls += 1;
      const result = await batch(...args);
      if (calls === 1) await insertTeam(db, account.id, { contestSlug: 'open-contest' }); // after the reads
      return result;
    });
    const res = await deleteMe(account.cookie, account.password);
    spy.mockRestore();
    expect(res.status).toBe(409);
    expect(await db.select().from(users).where(eq(users.id, account.id))).toHaveLength(1);
    expect(
      await db
        .select()
        .from(auditLog)
        .where(eq(auditLog.actor, pseudonym(config, account.id))),
    ).toHaveLength(0);
  });

  it('needs the current password', async () => {
    const account = await signUp();
    const res = await deleteMe(account.cookie, 'not-my-password');
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      code: 'wrong_password',
      errors: { password: ['密码不正确。'] },
    });
    expect(await db.select().from(users).where(eq(users.id, account.id))).toHaveLength(1);
    expect((await postJson(app, '/api/v1/me', { password: 'x' }, { method: 'DELETE' })).status).toBe(401);
  });

  it('erases the person and their votes, keeps companies and products unowned, and audits under a pseudonym', async () => {
    const account = await signUp();
    const company = await insertCompany(db, account.id);
    const product = await insertProduct(db, company.id, { ownerId: account.id });
    const othersProduct = await insertProduct(db, (await insertCompany(db, (await insertUser(db)).id)).id);
    await db.insert(votes).values({ userId: account.id, productId: othersProduct.id, createdAt: at });
    expect((await db.select().from(products).where(eq(products.id, othersProduct.id)))[0]?.voteCount).toBe(1);

    const res = await deleteMe(account.cookie, account.password);
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^opc_session=; .*Max-Age=0/),
      expect.stringMatching(/^opc_me=; .*Max-Age=0/),
    ]);

    expect(await db.select().from(users).where(eq(users.id, account.id))).toHaveLength(0);
    expect(await db.select().from(sessions).where(eq(sessions.userId, account.id))).toHaveLength(0);
    expect(await db.select().from(emailTokens).where(eq(emailTokens.userId, account.id))).toHaveLength(0);
    expect(await db.select().from(votes).where(eq(votes.userId, account.id))).toHaveLength(0);
    expect(await db.select().from(outbox).where(eq(outbox.toEmail, account.email))).toHaveLength(0);
    expect((await db.select().from(products).where(eq(products.id, othersProduct.id)))[0]?.voteCount).toBe(0);
    expect((await db.select().from(companies).where(eq(companies.id, company.id)))[0]?.ownerId).toBeNull();
    expect((await db.select().from(products).where(eq(products.id, product.id)))[0]?.ownerId).toBeNull();

    const actor = pseudonym(config, account.id);
    expect(actor).toMatch(/^[0-9a-f]{16}$/);
    const rows = await db.select().from(auditLog).where(eq(auditLog.actor, actor));
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'account.delete',
        targetType: 'user',
        targetId: actor,
        actorRole: 'founder',
      }),
    ]);
    const serialized = JSON.stringify(rows);
    expect(serialized).not.toContain(account.email);
    expect(serialized).not.toContain(account.name);
    expect((await app.request('/api/v1/me', { headers: { cookie: account.cookie } })).status).toBe(401);
  });
});

describe('DELETE /api/v1/me and stored answers', () => {
  it('removes the idempotency rows that hold the person, and only those', async () => {
    // Signed up through the API with a key: the stored answer holds the email.
    const body = signUpBody();
    const signup = await postJson(app, '/api/v1/auth/signup', body, {
      headers: { 'idempotency-key': 'signup-key-erase-1' },
    });
    expect(signup.status).toBe(202);
    expect(await signup.json()).toMatchObject({ email: body.email });
    const verified = await postJson(app, '/api/v1/auth/verify-email', {
      token: await mailedToken(db, body.email, 'verify-email'),
    });
    const { id } = (await verified.json()) as { id: number };
    const cookie = sessionFrom(verified);
    const other = await insertUser(db);
    const stored = (scope: string) => ({
      scope,
      key: `key-${scope}`,
      requestHash: 'h',
      status: 303,
      body: '"/me"',
      createdAt: at,
    });
    await db
      .insert(idempotencyKeys)
      .values([
        stored(`api:products:${id}`),
        stored(`form:/me/products/new:user:${id}`),
        stored(`api:products:${other.id}`),
        stored(`api:products:1${id}`),
        stored(`form:/signup:ip:2001:db8::${id}`),
      ]);
    const before = await db.select({ scope: idempotencyKeys.scope }).from(idempotencyKeys);
    expect(before.some((r) => r.scope.startsWith('api:signup:'))).toBe(true);

    expect((await deleteMe(cookie, body.password)).status).toBe(204);

    const rows = await db.select().from(idempotencyKeys);
    expect(JSON.stringify(rows)).not.toContain(body.email);
    const scopes = rows.map((r) => r.scope);
    expect(scopes).not.toContain(`api:products:${id}`);
    expect(scopes).not.toContain(`form:/me/products/new:user:${id}`);
    // Other people's rows stay, also those whose scope merely ends in the same digits.
    expect(scopes).toEqual(
      expect.arrayContaining([
        `api:products:${other.id}`,
        `api:products:1${id}`,
        `form:/signup:ip:2001:db8::${id}`,
      ]),
    );
  });
});

describe('GET /api/v1/me/export', () => {
  it('contains the user’s data and never the password hash', async () => {
    const account = await signUp();
    const company = await insertCompany(db, account.id, { name: '导出测试公司' });
    const product = await insertProduct(db, company.id, { ownerId: account.id, name: '导出测试产品' });
    await db.insert(votes).values({ userId: account.id, productId: product.id, createdAt: at });
    await insertTeam(db, account.id, { contestSlug: 'open-contest', name: '导出测试队' });

    const res = await app.request('/api/v1/me/export', { headers: { cookie: account.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const text = await res.text();
    const data = JSON.parse(text);
    expect(data.profile).toMatchObject({
      email: account.email,
      name: account.name,
      consentVersion: '2026-05-20',
    });
    expect(data.companies.map((c: { name: string }) => c.name)).toEqual(['导出测试公司']);
    expect(data.products.map((p: { name: string }) => p.name)).toEqual(['导出测试产品']);
    expect(data.votes).toEqual([expect.objectContaining({ productId: product.id })]);
    expect(data.teams).toEqual([expect.objectContaining({ name: '导出测试队', isLeader: true })]);
    expect(data.sessions).toHaveLength(1);
    expect(Object.keys(data.sessions[0]).sort()).toEqual(['createdAt', 'expiresAt']);
    expect(data.mail).toEqual([expect.objectContaining({ template: 'verify-email' })]);
    expect(text).not.toContain('pbkdf2');
    expect(text).not.toMatch(/passwordHash|secretHash|tokenHash/);
    expect((await app.request('/api/v1/me/export')).status).toBe(401);
  });
});
