/**
 * A deleted account's id and rows never attach to a new account (decision 008): ids are never reused
 * (AUTOINCREMENT), so the audit pseudonym derived from an id names one person for ever; and a new
 * account with a deleted account's email inherits none of its mail, counters or stored answers.
 */
import { eq, like, or } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { auditLog, rateLimits, users } from '~/functions/db/schema';
import { pseudonym } from '~/functions/lib/audit';
import { subjectKey } from '~/functions/lib/rate-limit';
import { type Json, testApp } from '../factories/app';
import { postJson, signUpVerified } from '../factories/auth';

const { app, db, config } = await testApp();

beforeAll(() => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
});

let ip = 0;
/** Each sign-up from its own address, so the per-address sign-up limit stays out of the way. */
const from = () => ({ 'cf-connecting-ip': `198.51.100.${++ip}` });

const signUp = (overrides: Record<string, unknown> = {}) => signUpVerified(app, db, overrides, from());
const deleteAccount = async (account: { cookie: string; password: string }) =>
  (
    await postJson(
      app,
      '/api/v1/me',
      { password: account.password },
      { cookie: account.cookie, method: 'DELETE' },
    )
  ).status;
const exportOf = async (cookie: string) =>
  (await (await app.request('/api/v1/me/export', { headers: { cookie } })).json()) as Json;

describe('account ids', () => {
  it('are never reused: the next sign-up after the newest account is deleted gets a new id', async () => {
    const former = await signUp();
    expect(await deleteAccount(former)).toBe(204);
    const formerActor = pseudonym(config, former.id);
    expect(await db.select().from(auditLog).where(like(auditLog.actor, formerActor))).toHaveLength(1);

    const next = await signUp();
    expect(next.id).toBeGreaterThan(former.id);
    const data = await exportOf(next.cookie);
    expect(data.auditPseudonym).not.toBe(formerActor);
    expect(data.auditActions).toEqual([]);
  });
});

describe('a new account with a deleted account’s email', () => {
  it('inherits none of its mail, rate-limit counters or stored answers', async () => {
    const former = await signUp();
    const email = former.email;
    // Counters keyed by the address and by the account.
    const signInFrom = from();
    await postJson(
      app,
      '/api/v1/auth/login',
      { email, password: 'not-the-password' },
      { headers: signInFrom },
    );
    await postJson(app, '/api/v1/auth/password-reset', { email }, { headers: from() });
    // A resend is counted per account: only an unverified one may ask (a session from before
    // verification-first sign-up, decision 008).
    await db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, former.id));
    await postJson(app, '/api/v1/auth/verify-email/resend', {}, { cookie: former.cookie, headers: from() });
    const counters = () =>
      db
        .select({ key: rateLimits.key })
        .from(rateLimits)
        .where(
          or(like(rateLimits.key, `%:${subjectKey(email)}`), like(rateLimits.key, `%:user:${former.id}`)),
        );
    expect((await counters()).map((r) => r.key).sort()).toEqual(
      [
        `reset:mail:${subjectKey(email)}`,
        `signup:mail:${subjectKey(email)}`,
        `signin:ip-account:${signInFrom['cf-connecting-ip']}:${subjectKey(email)}`,
        `verify-resend:user:${former.id}`,
      ].sort(),
    );

    expect(await deleteAccount(former)).toBe(204);
    expect(await counters()).toEqual([]);

    const again = await signUp({ email });
    const data = await exportOf(again.cookie);
    // Only the new account's own verification mail.
    expect(data.mail).toHaveLength(1);
    expect(data.auditActions).toEqual([]);
    expect(data.objections).toEqual([]);
  });
});
