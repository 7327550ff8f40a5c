/**
 * A 统一社会信用代码 is held only by a live registration — pending or verified, with an owner — so a
 * squatter cannot block the real company for ever (decision 010): once the squatting registration is
 * rejected, withdrawn (its owner deleted the account) or orphaned, the real owner registers the code;
 * the organizer queue (the API, and the page from the same service) says when a code was contested.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createPasswordHasher } from '~/functions/auth/password';
import { companies } from '~/functions/db/schema';
import { apiCaller, testApp } from '../factories/app';
import { postJson } from '../factories/auth';
import { testConfig } from '../factories/db';
import { creditCode, insertCompany, insertUser } from '../factories/records';
import { sessionCookieFor } from '../factories/session';

const { app, db, config } = await testApp({ config: testConfig({ rateLimits: false }) });
const call = apiCaller(app);
const PASSWORD = 'river-lantern-2026';
const hasher = createPasswordHasher(config.passwordPepper, 1000);

async function founder() {
  const user = await insertUser(db, { passwordHash: await hasher.hash(PASSWORD) });
  return { user, cookie: await sessionCookieFor(db, user.id) };
}
const organizer = await insertUser(db, { role: 'organizer' });
const organizerCookie = await sessionCookieFor(db, organizer.id);

const register = (cookie: string, code: string, name = '武汉真实公司有限公司') =>
  call('POST', '/companies', cookie, {
    name,
    creditCode: code,
    founderName: '王五',
    district: 'jiangan',
    businessScope: '人工智能应用软件开发',
  });
const decide = (id: number, decision: 'verify' | 'reject') =>
  call('POST', `/admin/companies/${id}/decision`, organizerCookie, {
    decision,
    ...(decision === 'reject' ? { reason: '不是本人的公司' } : {}),
  });

describe('a credit code held by a squatter', () => {
  it('blocks others while the registration is pending, and is free once it is rejected', async () => {
    const code = creditCode();
    const squatter = await founder();
    const owner = await founder();
    const squat = await register(squatter.cookie, code, '抢注公司');
    expect(squat.status).toBe(201);
    expect((await register(owner.cookie, code)).body.code).toBe('credit_code_taken');

    expect((await decide(squat.body.id, 'reject')).status).toBe(200);
    const real = await register(owner.cookie, code);
    expect(real.status).toBe(201);
    // The squatter cannot take it back by resubmitting the rejected registration.
    expect((await register(squatter.cookie, code, '抢注公司')).body.code).toBe('credit_code_taken');
    expect((await decide(real.body.id, 'verify')).status).toBe(200);
  });

  it('is free once the squatter deletes the account (the pending registration is withdrawn)', async () => {
    const code = creditCode();
    const squatter = await founder();
    const squat = await register(squatter.cookie, code, '抢注公司');
    const deleted = await postJson(
      app,
      '/api/v1/me',
      { password: PASSWORD },
      { cookie: squatter.cookie, method: 'DELETE' },
    );
    expect(deleted.status).toBe(204);
    const [row] = await db.select().from(companies).where(eq(companies.id, squat.body.id));
    expect(row?.status).toBe('withdrawn');
    expect((await decide(squat.body.id, 'verify')).status).toBe(409);

    const owner = await founder();
    expect((await register(owner.cookie, code)).status).toBe(201);
  });

  it('is free when the verified registration is orphaned (its owner deleted the account)', async () => {
    const code = creditCode();
    await insertCompany(db, (await insertUser(db)).id, { creditCode: code, ownerId: null });
    const owner = await founder();
    expect((await register(owner.cookie, code)).status).toBe(201);
    // …while a verified company with an owner still holds its code.
    const held = creditCode();
    await insertCompany(db, (await insertUser(db)).id, { creditCode: held });
    expect((await register(owner.cookie, held)).body.code).toBe('credit_code_taken');
  });

  it('shows in the organizer queue as contested', async () => {
    const code = creditCode();
    const first = await founder();
    const squat = await register(first.cookie, code, '抢注公司');
    await decide(squat.body.id, 'reject');
    const second = await founder();
    const real = await register(second.cookie, code);
    const quiet = await register(second.cookie, creditCode(), '无争议公司');

    const queue = await call('GET', '/admin/companies?status=pending&limit=100', organizerCookie);
    const item = (id: number) => queue.body.items.find((c: { id: number }) => c.id === id);
    expect(item(real.body.id)?.contestedBy).toBe(1);
    expect(item(quiet.body.id)?.contestedBy).toBe(0);
  });
});
