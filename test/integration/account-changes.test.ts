/**
 * Changes on the account page through the API: the display name; the email (a link to the new
 * address makes the change, once and before it expires; the old address is told; a taken address is
 * answered like a free one and changes nothing); the password (the current one required; every other
 * session ends, this one stays).
 */
import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { auditLog, emailTokens, outbox, users } from '~/functions/db/schema';
import { pseudonym } from '~/functions/lib/audit';
import { testApp } from '../factories/app';
import { mailedToken, postJson, sessionFrom, signUpVerified } from '../factories/auth';
import { testConfig } from '../factories/db';
import { insertUser } from '../factories/records';

const { app, db, clock, config } = await testApp({ config: testConfig({ rateLimits: false }) });
const NOW = '2026-11-25T10:00:00+08:00';

beforeAll(() => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
});

let sequence = 0;
const newAddress = () => `moved${++sequence}-${Date.now().toString(36)}@example.org`;

const me = async (cookie: string) => app.request('/api/v1/me', { headers: { cookie } });
const userRow = async (id: number) => (await db.select().from(users).where(eq(users.id, id)))[0];
const mailsTo = (email: string, template?: string) =>
  db
    .select()
    .from(outbox)
    .where(
      template ? and(eq(outbox.toEmail, email), eq(outbox.template, template)) : eq(outbox.toEmail, email),
    )
    .orderBy(desc(outbox.id));
const auditActions = async (userId: number) =>
  (
    await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.targetId, pseudonym(config, userId)))
  ).map((row) => row.action);

const changeEmail = (cookie: string, email: string, currentPassword: string, headers = {}) =>
  postJson(app, '/api/v1/me/email', { email, currentPassword }, { cookie, headers });
const confirm = (token: string) => postJson(app, '/api/v1/auth/email-change/confirm', { token });
const login = (email: string, password: string) => postJson(app, '/api/v1/auth/login', { email, password });

describe('PATCH /api/v1/me (display name)', () => {
  it('changes the name, trimmed, and audits it', async () => {
    const account = await signUpVerified(app, db);
    const res = await postJson(
      app,
      '/api/v1/me',
      { name: '  新名字 ' },
      { cookie: account.cookie, method: 'PATCH' },
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { name: string }).name).toBe('新名字');
    expect((await userRow(account.id))?.name).toBe('新名字');
    expect(((await (await me(account.cookie)).json()) as { name: string }).name).toBe('新名字');
    expect(await auditActions(account.id)).toContain('account.name');
  });

  it('refuses an empty or multi-line name with field errors in the request language', async () => {
    const account = await signUpVerified(app, db);
    for (const name of ['   ', 'a\nb']) {
      const res = await postJson(
        app,
        '/api/v1/me',
        { name },
        { cookie: account.cookie, method: 'PATCH', headers: { 'accept-language': 'en' } },
      );
      expect(res.status).toBe(422);
      const problem = (await res.json()) as { errors: Record<string, string[]> };
      expect(problem.errors.name?.[0]).toMatch(/required|control characters/);
    }
    expect((await userRow(account.id))?.name).toBe(account.name);
  });

  it('needs a session', async () => {
    expect((await postJson(app, '/api/v1/me', { name: 'x' }, { method: 'PATCH' })).status).toBe(401);
  });
});

describe('POST /api/v1/me/email (email change)', () => {
  it('changes nothing until the link mailed to the new address is used, and tells the old address', async () => {
    const account = await signUpVerified(app, db);
    const target = newAddress();
    const res = await changeEmail(account.cookie, target.toUpperCase(), account.password);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: 'confirmation_sent', email: target });

    // Not yet: the account keeps its address, and sign-in still takes the old one only.
    expect((await userRow(account.id))?.email).toBe(account.email);
    expect((await login(target, account.password)).status).toBe(401);
    const [requested] = await mailsTo(account.email, 'email-change-requested');
    expect(requested?.body).toContain(target);
    const [link] = await mailsTo(target, 'email-change-confirm');
    expect(link?.body).toMatch(/\/me\/confirm-email\?token=[a-z2-7]+/);

    const token = await mailedToken(db, target, 'email-change-confirm');
    const confirmed = await confirm(token);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toEqual({ email: target });
    const row = await userRow(account.id);
    expect(row?.email).toBe(target);
    expect(row?.emailVerifiedAt?.getTime()).toBe(new Date(NOW).getTime());
    const [changed] = await mailsTo(account.email, 'email-changed');
    expect(changed?.body).toContain(target);
    expect((await login(target, account.password)).status).toBe(200);
    expect((await login(account.email, account.password)).status).toBe(401);
    // The session in use carries on with the new address.
    expect(((await (await me(account.cookie)).json()) as { email: string }).email).toBe(target);
    expect(await auditActions(account.id)).toEqual(
      expect.arrayContaining(['account.email_change_request', 'account.email']),
    );

    // The link works once.
    const again = await confirm(token);
    expect(again.status).toBe(422);
    expect(((await again.json()) as { code: string }).code).toBe('token_invalid');
    expect(await mailsTo(account.email, 'email-changed')).toHaveLength(1);
  });

  it('expires after 24 hours', async () => {
    const account = await signUpVerified(app, db);
    const target = newAddress();
    expect((await changeEmail(account.cookie, target, account.password)).status).toBe(202);
    const token = await mailedToken(db, target, 'email-change-confirm');
    clock.advance(24 * 3_600_000 + 1);
    try {
      expect((await confirm(token)).status).toBe(422);
    } finally {
      clock.set(NOW);
    }
    expect((await userRow(account.id))?.email).toBe(account.email);
    expect(await mailsTo(account.email, 'email-changed')).toHaveLength(0);
  });

  it('keeps only the latest link working', async () => {
    const account = await signUpVerified(app, db);
    const [first, second] = [newAddress(), newAddress()];
    await changeEmail(account.cookie, first, account.password);
    const firstToken = await mailedToken(db, first, 'email-change-confirm');
    await changeEmail(account.cookie, second, account.password);
    expect((await confirm(firstToken)).status).toBe(422);
    expect((await confirm(await mailedToken(db, second, 'email-change-confirm'))).status).toBe(200);
    expect((await userRow(account.id))?.email).toBe(second);
  });

  it('answers a taken address like a free one, mails it no link and changes nothing', async () => {
    const account = await signUpVerified(app, db);
    const other = await insertUser(db, { email: newAddress() });
    const free = newAddress();
    const takenAnswer = await changeEmail(account.cookie, other.email, account.password);
    const freeAnswer = await changeEmail(account.cookie, free, account.password);
    expect(takenAnswer.status).toBe(freeAnswer.status);
    expect(Object.keys((await takenAnswer.json()) as object)).toEqual(
      Object.keys((await freeAnswer.json()) as object),
    );
    // The owner of the taken address is told that nothing changed; no link goes there.
    expect(await mailsTo(other.email, 'email-change-confirm')).toHaveLength(0);
    const [note] = await mailsTo(other.email, 'email-change-taken');
    expect(note?.body).not.toMatch(/token=/);
    // The requester's old address hears of both requests alike.
    expect(await mailsTo(account.email, 'email-change-requested')).toHaveLength(2);
    expect((await userRow(account.id))?.email).toBe(account.email);
    expect((await userRow(other.id))?.email).toBe(other.email);
  });

  it('refuses the change when the address got an account after the request', async () => {
    const account = await signUpVerified(app, db);
    const target = newAddress();
    await changeEmail(account.cookie, target, account.password);
    const token = await mailedToken(db, target, 'email-change-confirm');
    await insertUser(db, { email: target });
    const res = await confirm(token);
    expect(res.status).toBe(422);
    expect((await userRow(account.id))?.email).toBe(account.email);
    expect(await mailsTo(account.email, 'email-changed')).toHaveLength(0);
  });

  it('needs the current password and a different, valid address', async () => {
    const account = await signUpVerified(app, db);
    const en = { 'accept-language': 'en' };
    const wrong = await changeEmail(account.cookie, newAddress(), 'not-my-password', en);
    expect(wrong.status).toBe(422);
    expect(((await wrong.json()) as { errors: Record<string, string[]> }).errors.currentPassword).toEqual([
      'The password is not correct.',
    ]);
    const same = await changeEmail(account.cookie, account.email, account.password, en);
    expect(same.status).toBe(422);
    expect(((await same.json()) as { errors: Record<string, string[]> }).errors.email?.[0]).toMatch(
      /already your/,
    );
    const invalid = await changeEmail(account.cookie, 'not-an-address', account.password);
    expect(invalid.status).toBe(422);
    expect(await mailsTo(account.email, 'email-change-requested')).toHaveLength(0);
    const tokens = await db.select().from(emailTokens).where(eq(emailTokens.userId, account.id));
    expect(tokens.filter((t) => t.purpose === 'change_email')).toHaveLength(0);
  });
});

describe('POST /api/v1/me/password', () => {
  const changePassword = (cookie: string, currentPassword: string, password: string) =>
    postJson(app, '/api/v1/me/password', { currentPassword, password }, { cookie });

  it('needs the current password and refuses a weak new one, changing nothing', async () => {
    const account = await signUpVerified(app, db);
    const other = sessionFrom(await login(account.email, account.password));
    const wrong = await changePassword(account.cookie, 'not-my-password', 'a-brand-new-passphrase');
    expect(wrong.status).toBe(422);
    expect(Object.keys(((await wrong.json()) as { errors: object }).errors)).toEqual(['currentPassword']);
    const weak = await changePassword(account.cookie, account.password, 'password');
    expect(weak.status).toBe(422);
    expect(Object.keys(((await weak.json()) as { errors: object }).errors)).toEqual(['password']);
    expect((await me(other)).status).toBe(200);
    expect((await login(account.email, account.password)).status).toBe(200);
  });

  it('changes the password and ends every other session, not this one', async () => {
    const account = await signUpVerified(app, db);
    const laptop = sessionFrom(await login(account.email, account.password));
    const phone = sessionFrom(await login(account.email, account.password));
    const fresh = 'a-brand-new-passphrase-7';
    const res = await changePassword(account.cookie, account.password, fresh);
    expect(res.status).toBe(204);
    expect((await me(account.cookie)).status).toBe(200);
    expect((await me(laptop)).status).toBe(401);
    expect((await me(phone)).status).toBe(401);
    expect((await login(account.email, account.password)).status).toBe(401);
    expect((await login(account.email, fresh)).status).toBe(200);
    expect(await auditActions(account.id)).toContain('account.password');
  });
});
