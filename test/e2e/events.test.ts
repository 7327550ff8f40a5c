/**
 * The event journey in Chromium on the built Worker (its clock at 2026-11-25 10:00 +08:00): an
 * organizer creates an event with two questions and two places; three people register (the third
 * joins the waitlist); one cancels and the third is promoted and mailed; the organizer opens that
 * ticket's check-in link at 360 px and checks it in once. axe finds nothing on any of the pages.
 */

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '~/functions/auth/session';
import { createDb } from '~/functions/db/client';
import { insertUser } from '../factories/records';
import { workerClient } from '../helpers/worker-db';
import { axeViolations, launchBrowser, overflowsHorizontally } from './browser';

const base = inject('workerUrl');
const client = await workerClient(`file:${inject('workerDbFile')}`);
const db = createDb(client);
const slug = `e2e-meetup-${Date.now()}`;
let browser: Browser;

async function person(name: string, role: 'founder' | 'organizer' = 'founder', width = 1280) {
  const user = await insertUser(db, {
    name,
    role,
    email: `e2e-${Math.random().toString(36).slice(2)}@example.com`,
  });
  const context: BrowserContext = await browser.newContext({ viewport: { width, height: 800 } });
  const { token } = await createSession(db, user.id, new Date('2026-11-25T01:00:00Z'));
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: base }]);
  return { user, page: await context.newPage() };
}

async function clean(page: Page) {
  expect(await axeViolations(page), page.url()).toEqual([]);
  expect(await overflowsHorizontally(page), page.url()).toBe(false);
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('event journey', () => {
  it('create → three register (one waitlisted) → one cancels → promoted and mailed → checked in at 360 px', async () => {
    const organizer = await person('活动组织者', 'organizer');
    const admin = organizer.page;
    await admin.goto(`${base}/admin/events/new`);
    await clean(admin);
    await admin.fill('main [name="slug"]', slug);
    await admin.fill('main [name="titleZh"]', '浏览器测试沙龙');
    await admin.fill('main [name="summaryZh"]', '一人公司创始人交流');
    await admin.fill('main [name="descriptionZh"]', '围绕算力券和获客交流。');
    await admin.fill('main [name="startsAt"]', '2026-12-12T14:00');
    await admin.fill('main [name="endsAt"]', '2026-12-12T17:00');
    await admin.fill('main [name="venueZh"]', '江岸区合作路1号');
    await admin.fill('main [name="capacity"]', '2');
    await admin.selectOption('main [name="questions.0.kind"]', 'single');
    await admin.fill('main [name="questions.0.labelZh"]', '你的阶段');
    await admin.fill('main [name="questions.0.options"]', '想法 | Idea\n已有收入 | Revenue');
    await admin.check('main [name="questions.0.required"]');
    await admin.selectOption('main [name="questions.1.kind"]', 'text');
    await admin.fill('main [name="questions.1.labelZh"]', '想交流的话题');
    await admin.click('main button[name="publish"][value="1"]');
    await admin.waitForURL(new RegExp(`/admin/events/${slug}`));
    expect(await admin.textContent('main h1')).toContain('浏览器测试沙龙');

    const people = [await person('甲'), await person('乙'), await person('丙')];
    for (const { page } of people) {
      await page.goto(`${base}/events/${slug}`);
      await page.check('main input[name="answers.q1"][value="o2"]');
      await page.fill('main input[name="answers.q2"]', '获客');
      await page.click('main form.form button[type="submit"]');
      await page.waitForURL(/#registration$/);
    }
    const [first, , third] = people;
    expect(await third?.page.textContent('.registration-state')).toContain('候补');
    expect(await third?.page.textContent('.registration-state')).toContain('第 1 位');
    await clean(third?.page as Page);
    // The list says the event is full and how many wait (signed in: never a cached page).
    await third?.page.goto(`${base}/events`);
    const card = third?.page.locator('li.card', { hasText: '浏览器测试沙龙' });
    expect(await card?.textContent()).toContain('名额已满 · 候补 1 人');
    await third?.page.goto(`${base}/events/${slug}`);

    await first?.page.click('main form button:has-text("取消报名")');
    await first?.page.waitForURL(/#registration$/);
    expect(await first?.page.textContent('.registration-state')).toContain('你已取消报名');

    await third?.page.reload();
    expect(await third?.page.textContent('.registration-state')).toContain('名额已确认');
    const code = (await third?.page.textContent('.ticket-code'))?.trim() ?? '';
    expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    const mail = await client.execute({
      sql: "SELECT subject FROM outbox WHERE to_email = ? AND template = 'event-promoted'",
      args: [third?.user.email ?? ''],
    });
    expect(mail.rows.map((r) => r.subject)).toEqual(['候补转正，你的名额已确认：浏览器测试沙龙']);

    // At the door, on a phone: the QR code's link opens the check-in page with the ticket.
    const door = await person('签到员', 'organizer', 360);
    await door.page.goto(`${base}/admin/events/${slug}/check-in?code=${code}`);
    await clean(door.page);
    expect(await door.page.textContent('.ticket-name')).toBe('丙');
    await door.page.click('main button:has-text("确认签到")');
    await door.page.waitForURL(/at=now/);
    expect(await door.page.textContent('.ticket-result')).toContain('签到成功');
    await door.page.goto(
      `${base}/admin/events/${slug}/check-in?code=${code.toLowerCase().replace(/-/g, ' ')}`,
    );
    expect(await door.page.textContent('.ticket-result')).toContain('已于');
    await clean(door.page);

    // The ticket's link is nothing to anyone else: a founder opening it gets no name.
    const refused = await third?.page.goto(`${base}/admin/events/${slug}/check-in?code=${code}`);
    expect(refused?.status()).toBe(403);
    expect(await third?.page.$('.ticket-result')).toBeNull();

    await admin.goto(`${base}/admin/events/${slug}`);
    await clean(admin);
    expect(await admin.textContent('main table')).toContain('已签到');
  });
});
