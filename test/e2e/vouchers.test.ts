/**
 * The voucher journey (四券, issue 16) in Chromium on the built Worker (its clock at 2026-11-25
 * 10:00 +08:00, inside the demo compute programme's window), without JavaScript-only steps: a
 * provider's owner asks to be approved and an organizer approves; a founder sees their company is
 * eligible and applies with amounts in yuan; three stages of review by two organizers (the one who
 * passed the formal check is told why they cannot decide the second review), the final one granting
 * less than the rules allow; the grant appears in the 公示 list, someone objects under their real name
 * and an organizer answers in public (the name stays private); once the notice is over (moved into
 * a second Worker whose clock stands 6 days later) the serial shows, the provider records a redemption at 360 px, the holder disputes
 * it and an organizer upholds the dispute. axe finds nothing and nothing overflows on any page, in
 * both languages.
 */

import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '~/functions/auth/session';
import { createDb } from '~/functions/db/client';
import { voucherApplications, voucherProviders, vouchers } from '~/functions/db/schema';
import { waitForHealth } from '../../scripts/lib/local-stack';
import { freePort, startWorker, type WorkerProcess } from '../../scripts/lib/worker-process';
import { insertCompany, insertUser } from '../factories/records';
import { workerClient } from '../helpers/worker-db';
import { WORKER_VARS } from '../setup/worker';
import { launchBrowser } from './browser';
import { pageChecker, submit } from './journey';

const base = inject('workerUrl');
const db = createDb(await workerClient(`file:${inject('workerDbFile')}`));
const NOW = new Date(WORKER_VARS.TEST_NOW);
const PROGRAMME = 'jiangan-compute-2026';
const check = pageChecker('vouchers');
let browser: Browser;

async function person(name: string, role: 'founder' | 'organizer' = 'founder', width = 1280) {
  const user = await insertUser(db, {
    name,
    role,
    email: `e2e-voucher-${Math.random().toString(36).slice(2)}@example.com`,
  });
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const { token } = await createSession(db, user.id, NOW);
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: base }]);
  return { user, page: await context.newPage() };
}

/** Opens a page and checks it in Chinese, then its English twin, and comes back to the Chinese one. */
async function visit(page: Page, path: string, what: string, origin = base) {
  await page.goto(`${origin}/en${path}`);
  await check(page, `${what} (en)`);
  await page.goto(`${origin}${path}`);
  await check(page, what);
}

// The same database served by a Worker whose clock stands after the programme's 5 days of 公示
// (approvals in this journey happen at NOW).
const AFTER_NOTICE = new Date(NOW.getTime() + 6 * 86_400_000);
let later: WorkerProcess | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  later = startWorker({
    port: await freePort(),
    databaseUrl: new URL(inject('workerDbUrl')).toString(),
    vars: { ...WORKER_VARS, TEST_NOW: AFTER_NOTICE.toISOString() },
    quiet: true,
    configPath: inject('workerConfigPath'),
  });
  await waitForHealth(later.url, 90_000);
}, 200_000);
afterAll(async () => {
  await browser?.close();
  await later?.stop();
});

describe('voucher journey', () => {
  it('provider approved → apply → three stages by two organizers → 公示 → issued → redeemed at 360 px → disputed → upheld', async () => {
    const provider = await person('算力服务商', 'founder', 360);
    const providerCompany = await insertCompany(db, provider.user.id, { name: `e2e算力服务${Date.now()}` });
    const founder = await person('申请人');
    const company = await insertCompany(db, founder.user.id, {
      name: `e2e申请公司${Date.now()}`,
      district: 'jiangan',
    });
    const first = await person('审核甲', 'organizer');
    const second = await person('审核乙', 'organizer');

    // The provider's owner asks to be approved for compute vouchers.
    await visit(provider.page, '/me/vouchers', '我的券 (provider)');
    const ask = provider.page.locator('main form:has(input[name="intent"][value="provider"])');
    await ask.locator('select[name="companyId"]').selectOption(String(providerCompany.id));
    await ask.locator('input[name="kinds"][value="compute"]').check();
    await submit(provider.page, ask.locator('button'), /done=providerApplied/, 'provider application');
    expect(await provider.page.textContent('main')).toContain('待审核');

    const [standing] = await db
      .select({ id: voucherProviders.id })
      .from(voucherProviders)
      .where(and(eq(voucherProviders.companyId, providerCompany.id), eq(voucherProviders.kind, 'compute')));
    if (!standing) throw new Error('no provider application');
    await visit(first.page, '/admin/vouchers', '/admin/vouchers');
    await submit(
      first.page,
      first.page.locator(`#provider-${standing.id} button[value="approve"]`),
      /done=1/,
      'approve the provider',
    );

    // The founder's company is eligible; they apply in yuan and submit at once.
    await visit(founder.page, `/vouchers/${PROGRAMME}`, 'programme page');
    const eligibility = await founder.page.textContent('main #apply');
    expect(eligibility).toContain(company.name);
    expect(eligibility).toContain('符合条件');
    const apply = founder.page.locator('main form:has(input[name="intent"][value="apply"])');
    await apply.locator('select[name="companyId"]').selectOption(String(company.id));
    await apply.locator('select[name="providerCompanyId"]').selectOption(String(providerCompany.id));
    await apply.locator('input[name="contractRef"]').fill(`e2e-${Date.now()}`);
    await apply.locator('input[name="plannedSpend"]').fill('300,000');
    await apply.locator('input[name="requestedAmount"]').fill('150000');
    // Submitting without the declarations says so next to each.
    await submit(founder.page, apply.locator('button[value="submit"]'), /#apply$/, 'apply undeclared', 422);
    expect(await founder.page.locator('main .field-error').count()).toBe(2);
    await check(founder.page, 'apply form with errors');
    await apply.locator('input[name="declaredUnrelated"]').check();
    await apply.locator('input[name="declaredNotSubsidised"]').check();
    await submit(founder.page, apply.locator('button[value="submit"]'), /done=applied/, 'apply');
    expect(await founder.page.textContent('main #applications ~ ul')).toContain('已提交 · 形式审查');
    await check(founder.page, '我的券 after applying');

    const [application] = await db
      .select({ id: voucherApplications.id })
      .from(voucherApplications)
      .where(eq(voucherApplications.companyId, company.id));
    if (!application) throw new Error('no application');
    const card = (page: Page) => page.locator(`#application-${application.id}`);

    // 形式审查 by the first organizer, who may not then decide 复核.
    await first.page.goto(`${base}/admin/vouchers`);
    await submit(first.page, card(first.page).locator('button[value="approve"]'), /done=1/, 'formal check');
    expect(await card(first.page).textContent()).toContain('你处理了上一阶段');
    expect(await card(first.page).locator('form').count()).toBe(0);
    await check(first.page, '/admin/vouchers with an obstacle');

    await second.page.goto(`${base}/admin/vouchers`);
    await submit(
      second.page,
      card(second.page).locator('button[value="approve"]'),
      /done=1/,
      'second review',
    );

    // 审定: the rules allow ¥150,000 (half the spend); the first organizer grants ¥100,000.
    await first.page.goto(`${base}/admin/vouchers`);
    expect(await card(first.page).textContent()).toContain('¥150,000（受补贴比例限制）');
    await card(first.page).locator('input[name="amount"]').fill('100000');
    await submit(first.page, card(first.page).locator('button[value="approve"]'), /done=1/, 'final approval');

    // 公示: the grant is public with its credit code; a verified visitor sees the objection form.
    const visitor = await person('公众');
    await visit(visitor.page, `/vouchers/${PROGRAMME}`, 'programme page with a grant on notice');
    const notice = await visitor.page.textContent('main table:has(#notice-caption)');
    expect(notice).toContain(company.name);
    expect(notice).toContain(company.creditCode);
    expect(notice).toContain('¥100,000');
    expect(notice).toContain('公示中');
    // A real-name objection holds the voucher until an organizer answers it in public.
    await visitor.page.locator(`main details:has(#objection-${application.id}) summary`).click();
    const objection = visitor.page.locator(`#objection-${application.id}`);
    await objection.locator('input[name="realName"]').fill('王公众');
    await objection.locator('textarea[name="reason"]').fill('该公司与服务商的法定代表人为亲属关系。');
    await submit(visitor.page, objection.locator('button'), /done=objected/, 'object');

    await first.page.goto(`${base}/admin/vouchers`);
    const filed = first.page.locator('main li.record:has(input[name="intent"][value="answer"])', {
      hasText: '王公众',
    });
    await filed.locator('textarea[name="answer"]').fill('经核查，双方不存在关联关系，维持补贴。');
    await submit(first.page, filed.locator('button[value="kept"]'), /done=1/, 'answer the objection');
    await visitor.page.goto(`${base}/vouchers/${PROGRAMME}`);
    const answered = await visitor.page.textContent('main section:has(#objections)');
    expect(answered).toContain('经核查，双方不存在关联关系，维持补贴。');
    expect(answered).not.toContain('王公众');

    await visit(founder.page, '/me/vouchers', '我的券 during the notice');
    expect(await founder.page.textContent('main')).toContain('已核定（公示中）');
    expect(await founder.page.textContent('main')).toContain('公示结束后显示');

    // The notice is over (the later Worker's clock): the voucher is issued and its serial shows.
    const after = later?.url ?? '';
    const [voucher] = await db
      .select({ serial: vouchers.serial })
      .from(vouchers)
      .where(eq(vouchers.applicationId, application.id));
    if (!voucher) throw new Error('no voucher');
    await founder.page.goto(`${base}/me/vouchers`);
    expect(await founder.page.textContent('main')).not.toContain(voucher.serial);
    await founder.page.goto(`${after}/me/vouchers`);
    expect(await founder.page.textContent('main')).toContain(voucher.serial);

    // The provider records a redemption on a phone.
    await visit(provider.page, '/me/vouchers', '我的券 (approved provider, 360 px)', after);
    const record = provider.page.locator('main form:has(input[name="intent"][value="redeem"])');
    await record.locator('input[name="serial"]').fill(voucher.serial.toLowerCase());
    await record.locator('input[name="orderRef"]').fill('e2e-order-1');
    await record.locator('input[name="amount"]').fill('1200.50');
    await submit(provider.page, record.locator('button'), /done=redeemed/, 'record a redemption');
    expect(await provider.page.textContent('main')).toContain('E2E-ORDER-1');
    await check(provider.page, '我的券 after recording');

    // The holder disputes it; an organizer upholds the dispute and the amount returns.
    await founder.page.goto(`${after}/me/vouchers`);
    expect(await founder.page.textContent('main')).toContain('¥98,799.50');
    await founder.page.locator('main details summary:has-text("E2E-ORDER-1")').click();
    const dispute = founder.page.locator('main form:has(input[name="intent"][value="dispute"])');
    await dispute.locator('textarea[name="reason"]').fill('我们没有下过这个订单。');
    await submit(founder.page, dispute.locator('button'), /done=disputed/, 'dispute');

    await first.page.goto(`${after}/admin/vouchers`);
    const disputed = first.page.locator('main li.record:has(input[name="intent"][value="redemption"])', {
      hasText: voucher.serial,
    });
    await disputed.locator('textarea[name="reason"]').fill('服务商未能提供订单凭证。');
    await submit(first.page, disputed.locator('button[value="upheld"]'), /done=1/, 'uphold the dispute');
    await check(first.page, '/admin/vouchers after deciding');

    await visit(founder.page, '/me/vouchers', '我的券 after the dispute', after);
    const mine = await founder.page.textContent('main');
    expect(mine).toContain('已冲回');
    expect(mine).toContain('¥100,000');
  });
});
