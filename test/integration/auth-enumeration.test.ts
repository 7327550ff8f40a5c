/**
 * Who has an account does not leak through sign-up (decision 008): a free address, a taken and
 * verified one and a taken but unverified one get the same answer, and signing in with the password
 * just used to sign up cannot tell them apart either. What differs is only the mail, which goes to
 * the address's owner.
 */
import { and, eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { idempotencyKeys, outbox, users } from '~/functions/db/schema';
import { roundTrips, testApp } from '../factories/app';
import { mailedToken, postJson, signUpBody, signUpVerified } from '../factories/auth';
import { testConfig } from '../factories/db';
import { insertUser } from '../factories/records';

const { app, db, hasher } = await testApp({ config: testConfig({ rateLimits: false }) });

beforeAll(() => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
});

/** What a client can observe, without what differs per request anyway. */
async function observable(res: Response) {
  const headers = [...res.headers].filter(
    ([name]) => !['date', 'x-request-id', 'server-timing'].includes(name),
  );
  return { status: res.status, headers, body: await res.text() };
}

const mailsTo = (email: string, template: string) =>
  db
    .select()
    .from(outbox)
    .where(and(eq(outbox.toEmail, email), eq(outbox.template, template)));

let run = 0;
const signUpCase = fc.record({
  local: fc.stringMatching(/^[a-z][a-z0-9]{0,12}(\.[a-z0-9]{1,8})?$/),
  name: fc.constantFrom('李想', 'Ada Lovelace', '一人公司 No.1', 'x'),
  language: fc.constantFrom('zh-CN', 'en', 'en-US,en;q=0.8'),
  password: fc.constantFrom('river-lantern-2026', '长江大桥夜景很美丽', '  a passphrase with spaces  '),
});

describe('sign-up with a free or a taken address', () => {
  it('answers alike for free, taken-unverified and taken-verified addresses; the owner gets the mail', async () => {
    await fc.assert(
      fc.asyncProperty(signUpCase, async ({ local, name, language, password }) => {
        run += 1;
        const body = signUpBody({ email: `${local}.${run}@example.com`, name, password });
        const headers = { 'accept-language': language, 'x-request-id': `enumeration-${run}` };
        const signUp = async () => {
          const hashes = hasher.calls.hash;
          const res = await postJson(app, '/api/v1/auth/signup', body, { headers });
          // The password is hashed on every path, so the answer takes as long.
          expect(hasher.calls.hash).toBe(hashes + 1);
          return { trips: roundTrips(res), seen: await observable(res) };
        };

        const free = await signUp();
        const verifyMails = (await mailsTo(body.email, 'verify-email')).length;
        // Taken but not verified: a fresh link, so a person who signs up twice still gets in.
        const unverified = await signUp();
        expect(unverified).toEqual(free);
        expect(free.seen.status).toBe(202);
        expect(free.seen.headers.some(([name]) => name === 'set-cookie')).toBe(false);
        expect(JSON.parse(free.seen.body)).toEqual({ status: 'verification_sent', email: body.email });
        expect(verifyMails).toBe(1);
        expect(await db.select().from(users).where(eq(users.email, body.email))).toHaveLength(1);
        expect(await mailsTo(body.email, 'verify-email')).toHaveLength(2);
        expect(await mailsTo(body.email, 'signup-attempt')).toHaveLength(0);

        await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.email, body.email));
        const verified = await signUp();
        expect(verified).toEqual(free);
        expect(await mailsTo(body.email, 'verify-email')).toHaveLength(2);
        expect(await mailsTo(body.email, 'signup-attempt')).toHaveLength(1);
      }),
      { numRuns: 12 },
    );
  });

  it('mails the owner of a taken address, in the owner’s language, with links to sign in and reset', async () => {
    const owner = await signUpVerified(app, db, {}, { 'accept-language': 'en' });
    const res = await postJson(app, '/api/v1/auth/signup', { ...owner, name: '冒名者' });
    expect(res.status).toBe(202);
    const [mail] = await mailsTo(owner.email, 'signup-attempt');
    expect(mail?.locale).toBe('en');
    expect(mail?.subject).toBe('Someone tried to sign up with your email address');
    expect(mail?.body).toContain(`Hello ${owner.name},`);
    expect(mail?.body).toContain('http://localhost/en/signin');
    expect(mail?.body).toContain('http://localhost/en/forgot-password');
    expect(mail?.body).not.toContain('冒名者');
    // The account is untouched: the old password still signs in, the new one does not.
    const [row] = await db.select().from(users).where(eq(users.email, owner.email));
    expect(row?.name).toBe(owner.name);
    const signIn = (password: string) =>
      postJson(app, '/api/v1/auth/login', { email: owner.email, password });
    expect((await signIn(owner.password)).status).toBe(200);
  });

  it('stores the same answer under Idempotency-Key for a free and a taken address', async () => {
    const body = signUpBody();
    const send = (key: string) =>
      postJson(app, '/api/v1/auth/signup', body, { headers: { 'idempotency-key': key } });
    const first = await send('enumeration-free-1');
    const again = await send('enumeration-taken-1');
    expect(again.status).toBe(first.status);
    expect(await again.text()).toBe(await first.text());
    const stored = await db
      .select({ key: idempotencyKeys.key, status: idempotencyKeys.status, body: idempotencyKeys.body })
      .from(idempotencyKeys)
      .where(inArray(idempotencyKeys.key, ['enumeration-free-1', 'enumeration-taken-1']));
    expect(stored).toHaveLength(2);
    const byKey = Object.fromEntries(stored.map((row) => [row.key, row]));
    expect(byKey['enumeration-taken-1']?.body).toBe(byKey['enumeration-free-1']?.body);
    expect(byKey['enumeration-taken-1']?.status).toBe(byKey['enumeration-free-1']?.status);
    // Replays answer the stored answer, alike.
    const replayFree = await send('enumeration-free-1');
    const replayTaken = await send('enumeration-taken-1');
    expect(replayFree.headers.get('idempotent-replayed')).toBe('true');
    expect(await replayTaken.text()).toBe(await replayFree.text());
  });
});

describe('signing in right after signing up', () => {
  it('answers like a wrong password whether the address was free or taken', async () => {
    const attacker = 'attacker-chose-this-9';
    const headers = { 'x-request-id': 'same-request-id-2' };
    const signIn = async (email: string) => {
      const verifies = hasher.calls.verify;
      const res = await postJson(app, '/api/v1/auth/login', { email, password: attacker }, { headers });
      expect(hasher.calls.verify).toBe(verifies + 1);
      return observable(res);
    };

    // Free: sign-up creates an unverified account with the attacker's password.
    const free = signUpBody({ password: attacker });
    const freeSignUp = await postJson(app, '/api/v1/auth/signup', free);
    // Taken: the owner's account (made directly: only the answers of this test are observed) has
    // another password.
    const owner = await insertUser(db, { passwordHash: await hasher.hash('the-owners-own-pass-1') });
    const takenSignUp = await postJson(
      app,
      '/api/v1/auth/signup',
      signUpBody({ email: owner.email, password: attacker }),
    );

    const afterFree = await signIn(free.email);
    const afterTaken = await signIn(owner.email);
    expect(afterFree).toEqual(afterTaken);
    expect(afterFree.status).toBe(401);
    expect([freeSignUp.status, takenSignUp.status]).toEqual([202, 202]);
    expect(JSON.parse(afterFree.body)).toMatchObject({ code: 'invalid_credentials' });
    expect(afterFree.headers.some(([name]) => name === 'set-cookie')).toBe(false);
  });

  it('signs in once the address is verified through the mailed link', async () => {
    const body = signUpBody();
    await postJson(app, '/api/v1/auth/signup', body);
    const token = await mailedToken(db, body.email, 'verify-email');
    expect((await postJson(app, '/api/v1/auth/verify-email', { token })).status).toBe(200);
    const res = await postJson(app, '/api/v1/auth/login', { email: body.email, password: body.password });
    expect(res.status).toBe(200);
  });
});
