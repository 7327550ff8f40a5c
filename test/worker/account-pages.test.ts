/**
 * The account pages through the built Worker, without JavaScript: forms post to their own page and
 * answer 303 or 422; sign-up answers alike for a free and a taken address and signs nobody in; the
 * mailed link sets the session cookie; the header follows the signed-in state.
 */
import { describe, expect, inject, it } from 'vitest';
import { roundTrips } from '../factories/app';

const base = inject('workerUrl');
const email = `pages-${Date.now().toString(36)}@example.com`;
const password = 'river-lantern-2026';
let cookie = '';

async function page(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, { headers, redirect: 'manual' });
  return { res, html: await res.text() };
}

const keyOf = (html: string) => /name="idempotencyKey" value="([^"]+)"/.exec(html)?.[1] ?? '';

async function submit(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const { html } = await page(path, headers);
  return fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ idempotencyKey: keyOf(html), ...fields }),
  });
}

const sessionOf = (res: Response) =>
  (res.headers.getSetCookie().find((c) => c.startsWith('opc_session=')) ?? '').split(';')[0] ?? '';

/** What a browser does with a form's answer: where it goes and which cookies it keeps. */
const outcome = (res: Response) => ({
  status: res.status,
  location: res.headers.get('location'),
  cookies: res.headers.getSetCookie(),
});

const signUp = (address: string) =>
  submit('/signup', { name: '页面测试者', email: address, password, consent: 'on' });

/** The mails to an address listed at /dev/outbox (newest first), as HTML. */
async function mailsTo(address: string): Promise<string[]> {
  const { html } = await page('/dev/outbox');
  return html.split('<article').filter((block) => block.includes(`: ${address} `));
}

describe('sign-up page', () => {
  it('shows sign-in and sign-up links to anonymous visitors, with no database round trip', async () => {
    const { res, html } = await page('/signup');
    expect(res.status).toBe(200);
    expect(roundTrips(res)).toBe(0);
    expect(html).toMatch(/<nav class="account-nav" aria-label="账号"><a href="\/signin">登录<\/a>/);
    expect(html).toContain('<a href="/privacy">《隐私政策》</a>');
    expect(html).toMatch(/<input id="field-consent" type="checkbox" name="consent" required/);
  });

  it('re-renders with 422 and localized field errors', async () => {
    const res = await submit('/en/signup', { name: 'Page Tester', email, password: 'password123' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('This password is too common and easy to guess.');
    expect(html).toContain('Please read and accept the privacy policy to sign up.');
    expect(html).toContain(`value="${email}"`); // refilled
    expect(html).not.toContain('password123');
  });

  it('signs up without signing in and redirects to the check-your-inbox notice', async () => {
    const res = await signUp(email);
    expect(outcome(res)).toEqual({
      status: 303,
      location: '/signin?notice=verification-sent',
      cookies: [],
    });
    const { html } = await page('/signin?notice=verification-sent');
    expect(html).toContain('<p class="notice" role="status">请查收邮件。');
    expect(await mailsTo(email)).toHaveLength(1);
  });

  it('answers a taken, unverified address exactly like a free one, and mails a fresh link', async () => {
    const free = outcome(await signUp(`pages-free-${Date.now().toString(36)}@example.com`));
    expect(outcome(await signUp(email))).toEqual(free);
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(2);
    expect(mails.every((mail) => mail.includes('/verify-email?token='))).toBe(true);
  });
});

describe('email verification through /dev/outbox', () => {
  it('lists the mail with its link; the link page verifies and signs in on a button press', async () => {
    const [mail] = await mailsTo(email);
    const link = /href="([^"]+\/verify-email\?token=[a-z2-7]+)"/.exec(mail ?? '')?.[1];
    expect(link?.startsWith(`${base}/verify-email?token=`)).toBe(true);
    const path = new URL(link ?? '').pathname + new URL(link ?? '').search;
    const token = new URL(link ?? '').searchParams.get('token') ?? '';
    const { html: before } = await page(path);
    expect(before).toContain('确认验证邮箱'); // opening the link alone does nothing
    const confirm = await submit(path, { token });
    expect(confirm.status).toBe(303);
    expect(confirm.headers.get('location')).toBe('/me?notice=email-verified');
    const set = confirm.headers.getSetCookie().find((c) => c.startsWith('opc_session=')) ?? '';
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Lax/);
    expect(set).not.toMatch(/Secure/); // http://127.0.0.1
    cookie = sessionOf(confirm);
    const me = (await (await fetch(`${base}/api/v1/me`, { headers: { cookie } })).json()) as {
      emailVerified: boolean;
    };
    expect(me.emailVerified).toBe(true);
    const { html: dashboard } = await page('/me?notice=email-verified', { cookie });
    expect(dashboard).toContain('<p class="notice" role="status">邮箱已验证，你已登录。');
    const { res: about, html } = await page('/about', { cookie });
    expect(about.headers.get('cache-control')).toBe('private, no-store');
    expect(html).toContain('>页面测试者</a>');
    expect(html).toContain(
      '<form method="post" action="/signout"><button class="link-button" type="submit">退出登录</button></form>',
    );
  });

  it('answers a taken, verified address exactly like a free one, and mails its owner', async () => {
    const free = outcome(await signUp(`pages-free2-${Date.now().toString(36)}@example.com`));
    expect(outcome(await signUp(email))).toEqual(free);
    const [latest] = await mailsTo(email);
    expect(latest).toContain('有人尝试用你的邮箱注册');
    expect(latest).toContain(`${base}/signin`);
    expect(latest).toContain(`${base}/forgot-password`);
  });
});

describe('account settings', () => {
  it('answer in at most 2 round trips, never cached', async () => {
    const { res, html } = await page('/me/account', { cookie });
    expect(res.status).toBe(200);
    expect(roundTrips(res)).toBeLessThanOrEqual(2);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(html).toContain(email);
    expect(html).toContain('href="/me/data.json"');
  });

  it('sends anonymous visitors to sign in and back', async () => {
    const { res } = await page('/en/me/account');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/en/signin?next=${encodeURIComponent('/en/me/account')}`);
  });

  it('downloads the data as JSON without the password hash', async () => {
    const { res, html } = await page('/me/data.json', { cookie });
    expect(res.headers.get('content-disposition')).toContain('attachment');
    expect(JSON.parse(html).profile.email).toBe(email);
    expect(html).not.toContain('pbkdf2');
  });
});

describe('sign-in and sign-out pages', () => {
  it('signs in and follows a same-site next, but never another site', async () => {
    const ok = await submit(`/signin?next=${encodeURIComponent('/contests')}`, { email, password });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/contests');
    const evil = await submit(`/signin?next=${encodeURIComponent('//evil.example/')}`, { email, password });
    expect(evil.headers.get('location')).toBe('/me');
  });

  it('shows the same form error for an unknown email and a wrong password', async () => {
    const unknown = await (await submit('/signin', { email: 'nobody-pages@example.com', password })).text();
    const wrong = await (await submit('/signin', { email, password: 'not-the-password' })).text();
    const errorOf = (html: string) => /<p class="form-error" role="alert">([^<]+)<\/p>/.exec(html)?.[1];
    expect(errorOf(unknown)).toBe('邮箱或密码不正确。新注册的账号需要先打开验证邮件中的链接。');
    expect(errorOf(wrong)).toBe(errorOf(unknown));
  });

  it('signs out with the header button (POST only) and clears the cookie', async () => {
    const signin = await submit('/signin', { email, password });
    const session = sessionOf(signin);
    expect((await page('/signout', { cookie: session })).res.status).not.toBe(200);
    const res = await fetch(`${base}/signout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: base, cookie: session, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/signin?notice=signed-out');
    expect(res.headers.getSetCookie().join()).toMatch(/opc_session=; Max-Age=0/);
    expect((await fetch(`${base}/api/v1/me`, { headers: { cookie: session } })).status).toBe(401);
  });
});
