/**
 * The voucher cycle through the API (issue 16, decision 022): apply, the three review stages by two
 * different organizers, the grant within rate, cap and budget, 公示 with an objection, issuance after
 * the notice, a provider's redemption, a dispute, a reimbursement claim, expiry once, and the
 * rules that refuse: window, eligibility, one contract once, reviewers.
 */
import { describe, expect, it } from 'vitest';
import { expireVouchers } from '~/functions/services/vouchers/expiry-and-export';
import { apiCaller, testApp } from '../factories/app';
import { buildCatalog, buildCommunity, buildContest } from '../factories/catalog';
import { serviceContext, testConfig } from '../factories/db';
import { insertCompany } from '../factories/records';
import { signedIn } from '../factories/submissions';
import {
  approveProvider,
  buildVoucherProgramme,
  insertApplication,
  insertIssuedVoucher,
} from '../factories/vouchers';

const compute = buildVoucherProgramme('test-compute', { eligibility: { districts: ['jiangan'] } });
const tokens = buildVoucherProgramme('test-tokens', {
  kind: 'token',
  redemption: 'reimburse',
  series: 'tokens',
});
const catalog = buildCatalog({
  communities: [buildCommunity()],
  contests: [buildContest()],
  vouchers: [compute, tokens],
});
const DAY = 86_400_000;

async function setup() {
  const env = await testApp({
    catalog,
    now: '2026-11-25T10:00:00+08:00',
    config: testConfig({ rateLimits: false }),
  });
  const call = apiCaller(env.app);
  const founder = await signedIn(env.db);
  const provider = await signedIn(env.db);
  const a = await signedIn(env.db, { role: 'organizer' });
  const b = await signedIn(env.db, { role: 'organizer' });
  const company = await insertCompany(env.db, founder.user.id, { district: 'jiangan' });
  const providerCompany = await insertCompany(env.db, provider.user.id);
  await approveProvider(env.db, providerCompany.id, 'compute');
  await approveProvider(env.db, providerCompany.id, 'token');
  const body = (overrides: Record<string, unknown> = {}) => ({
    companyId: company.id,
    providerCompanyId: providerCompany.id,
    contractRef: 'syt 2026 0042',
    plannedSpend: 30_000_000,
    requestedAmount: 15_000_000,
    declaredUnrelated: true,
    declaredNotSubsidised: true,
    ...overrides,
  });
  const decide = (who: { cookie: string }, id: number, stage: string, decision = 'approve', extra = {}) =>
    call('POST', `/admin/voucher-applications/${id}/decision`, who.cookie, { stage, decision, ...extra });
  return { ...env, call, founder, provider, a, b, company, providerCompany, body, decide };
}

describe('the voucher cycle', () => {
  it('apply, three stages by two organizers, 公示 with an objection, issue, redeem, dispute, expire once', async () => {
    const t = await setup();
    const draft = await t.call('POST', '/vouchers/test-compute/applications', t.founder.cookie, t.body());
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', contractRef: 'SYT20260042', stage: null });
    const id = draft.body.id as number;
    expect(
      (await t.call('POST', `/me/voucher-applications/${id}/submit`, t.founder.cookie)).body,
    ).toMatchObject({
      status: 'submitted',
      stage: 'formal',
    });

    // 形式审查 by A; A may not also do 复核; B does it; B may not also do 审定.
    expect((await t.decide(t.a, id, 'formal')).body).toMatchObject({ stage: 'review' });
    expect((await t.decide(t.a, id, 'review')).body.code).toBe('same_reviewer');
    expect((await t.decide(t.b, id, 'formal')).body.code).toBe('stage_mismatch');
    expect((await t.decide(t.b, id, 'review')).body).toMatchObject({ stage: 'final' });
    expect((await t.decide(t.b, id, 'final')).body.code).toBe('same_reviewer');
    // The rules allow min(50 % × ¥300,000, ¥150,000 asked, cap ¥200,000, budget ¥1,000,000) = ¥150,000.
    const above = await t.decide(t.a, id, 'final', 'approve', { amount: 15_000_001 });
    expect(above.status).toBe(422);
    const granted = await t.decide(t.a, id, 'final', 'approve', { amount: 12_000_000 });
    expect(granted.body).toMatchObject({ status: 'approved', grantedAmount: 12_000_000 });

    const programme = await t.call('GET', '/vouchers/test-compute');
    expect(programme.body.budget).toEqual({
      budget: 100_000_000,
      committed: 12_000_000,
      redeemed: 0,
      available: 88_000_000,
    });
    expect(programme.body.grants).toEqual([
      expect.objectContaining({
        companyName: t.company.name,
        creditCode: t.company.creditCode,
        amount: 12_000_000,
        status: 'notice',
      }),
    ]);
    expect(JSON.stringify(programme.body)).not.toContain(t.founder.user.email);

    // 公示: an objection holds the voucher until an organizer answers it.
    const ctx = (now: Date, user: { id: number; role: 'founder' | 'organizer' | 'admin' }) =>
      serviceContext(t.db, catalog, now, {
        user: { id: user.id, email: 'x@example.com', name: 'x', role: user.role, emailVerified: true },
      });
    const { fileObjection, answerObjection } = await import('~/functions/services/vouchers/objections');
    const { recordRedemption, disputeRedemption } = await import('~/functions/services/vouchers/redemptions');
    const approvedAt = new Date('2026-11-25T02:00:00Z').getTime();
    const objection = await fileObjection({
      ctx: ctx(new Date(approvedAt + DAY), t.provider.user),
      input: { applicationId: id, realName: '张三', reason: '该合同的计划支出明显偏高，请核实。' },
      slug: 'test-compute',
    });
    // From another programme's page, the grant is not found.
    await expect(
      fileObjection({
        ctx: ctx(new Date(approvedAt + DAY), t.provider.user),
        input: { applicationId: id, realName: '张三', reason: '从另一个计划的页面提出的异议。' },
        slug: 'test-tokens',
      }),
    ).rejects.toMatchObject({ code: 'voucher_application_not_found' });
    await expect(
      fileObjection({
        ctx: ctx(new Date(approvedAt + 5 * DAY), t.provider.user),
        input: { applicationId: id, realName: '张三', reason: '公示期结束后的异议不应被接受。' },
      }),
    ).rejects.toMatchObject({ code: 'notice_closed' });
    const serial = (await t.client.execute('SELECT serial FROM vouchers')).rows[0]?.serial as string;
    const redeem = (now: Date, orderRef: string, amount: number) =>
      recordRedemption({ ctx: ctx(now, t.provider.user), input: { serial, orderRef, amount } });
    // After the notice, but the objection is open: not issued.
    await expect(redeem(new Date(approvedAt + 6 * DAY), 'O-1', 100_000)).rejects.toMatchObject({
      code: 'voucher_not_issued',
    });
    await answerObjection({
      ctx: ctx(new Date(approvedAt + 7 * DAY), t.a.user),
      input: { objectionId: objection.id, outcome: 'kept', answer: '经核实合同金额与市场价一致，维持补贴。' },
    });
    const r1 = await redeem(new Date(approvedAt + 7 * DAY + 1000), 'O-1', 2_000_000);
    expect(r1).toMatchObject({ amountFen: 2_000_000, balanceFen: 10_000_000, status: 'recorded' });
    await expect(redeem(new Date(approvedAt + 8 * DAY), 'O-2', 10_000_001)).rejects.toMatchObject({
      code: 'insufficient_balance',
    });
    await expect(redeem(new Date(approvedAt + 8 * DAY), 'O-1', 1)).rejects.toMatchObject({
      code: 'order_already_recorded',
    });
    // The holder disputes within 7 days; not after.
    await disputeRedemption({
      ctx: ctx(new Date(approvedAt + 10 * DAY), t.founder.user),
      input: { redemptionId: r1.id, reason: '这笔订单不是我下的。' },
    });
    const later = await redeem(new Date(approvedAt + 10 * DAY), 'O-3', 1_000_000);
    await expect(
      disputeRedemption({
        ctx: ctx(new Date(approvedAt + 17 * DAY + 1000), t.founder.user),
        input: { redemptionId: later.id, reason: '七天之后的异议。' },
      }),
    ).rejects.toMatchObject({ code: 'dispute_window_closed' });

    // Expiry (a year after the answer) releases the unused amount once, even with two runs at once.
    const expiry = new Date(approvedAt + 7 * DAY + 365 * DAY);
    const runs = await Promise.all([
      expireVouchers({ db: t.db, now: expiry }),
      expireVouchers({ db: t.db, now: expiry }),
    ]);
    // ¥120,000 − ¥20,000 (disputed, still counted) − ¥10,000 = ¥90,000, released by one run only.
    expect(runs.map((r) => r.releasedFen).sort()).toEqual([0, 9_000_000]);
    const budget = (
      await t.client.execute(
        "SELECT committed_fen FROM voucher_budgets WHERE programme_slug = 'test-compute'",
      )
    ).rows[0];
    expect(Number(budget?.committed_fen)).toBe(12_000_000 - 9_000_000);
    expect((await expireVouchers({ db: t.db, now: new Date(expiry.getTime() + DAY) })).releasedFen).toBe(0);
    // The public list says the grant's voucher has expired.
    expect((await t.call('GET', '/vouchers/test-compute')).body.grants).toEqual([
      expect.objectContaining({ applicationId: id, status: 'expired' }),
    ]);
  });

  it('refuses outside the window to the second, ineligible companies and a contract used twice', async () => {
    const t = await setup();
    const opens = compute.window.opens.getTime();
    const before = await testApp({ catalog, now: new Date(opens - 1000).toISOString() });
    const f = await signedIn(before.db);
    const c = await insertCompany(before.db, f.user.id, { district: 'jiangan' });
    const p = await insertCompany(before.db, (await signedIn(before.db)).user.id);
    await approveProvider(before.db, p.id);
    const early = await apiCaller(before.app)('POST', '/vouchers/test-compute/applications', f.cookie, {
      ...t.body(),
      companyId: c.id,
      providerCompanyId: p.id,
    });
    expect(early.body.code).toBe('voucher_window_not_open');
    before.clock.set(new Date(opens));
    expect(
      (
        await apiCaller(before.app)('POST', '/vouchers/test-compute/applications', f.cookie, {
          ...t.body(),
          companyId: c.id,
          providerCompanyId: p.id,
        })
      ).status,
    ).toBe(201);

    const elsewhere = await insertCompany(t.db, t.founder.user.id, { district: 'hongshan' });
    const refused = await t.call(
      'POST',
      '/vouchers/test-compute/applications',
      t.founder.cookie,
      t.body({ companyId: elsewhere.id }),
    );
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'not_eligible' });
    expect(refused.body.detail).toContain('注册地');

    // One contract at one provider is subsidised once, across programmes.
    const first = await t.call(
      'POST',
      '/vouchers/test-compute/applications',
      t.founder.cookie,
      t.body({ submit: true }),
    );
    expect(first.body).toMatchObject({ status: 'submitted' });
    const second = await t.call(
      'POST',
      '/vouchers/test-tokens/applications',
      t.founder.cookie,
      t.body({ submit: true }),
    );
    expect(second.body.code).toBe('contract_already_subsidised');
    // Withdrawn, it frees the contract.
    await t.call('POST', `/me/voucher-applications/${first.body.id}/withdraw`, t.founder.cookie);
    expect(
      (await t.call('POST', '/vouchers/test-tokens/applications', t.founder.cookie, t.body({ submit: true })))
        .status,
    ).toBe(201);
  });

  it('no organizer connected to the applicant or the provider decides; a return goes back to the founder', async () => {
    const t = await setup();
    const staffFounder = await signedIn(t.db, { role: 'organizer' });
    const own = await insertCompany(t.db, staffFounder.user.id);
    await approveProvider(t.db, own.id);
    const app = await t.call(
      'POST',
      '/vouchers/test-compute/applications',
      t.founder.cookie,
      t.body({ providerCompanyId: own.id, submit: true }),
    );
    expect((await t.decide(staffFounder, app.body.id, 'formal')).body.code).toBe('reviewer_conflict');
    const returned = await t.decide(t.a, app.body.id, 'formal', 'return', { reason: '请补充合同扫描件。' });
    expect(returned.body).toMatchObject({ status: 'returned', reason: '请补充合同扫描件。' });
    expect((await t.decide(t.a, app.body.id, 'formal', 'return')).status).toBe(422);
    const changed = await t.call('PATCH', `/me/voucher-applications/${app.body.id}`, t.founder.cookie, {
      plannedSpend: 20_000_000,
    });
    expect(changed.body).toMatchObject({ plannedSpend: 20_000_000, status: 'returned' });
    expect(
      (await t.call('POST', `/me/voucher-applications/${app.body.id}/submit`, t.founder.cookie)).body,
    ).toMatchObject({
      status: 'submitted',
      stage: 'formal',
    });
    // Another founder cannot see it.
    const other = await signedIn(t.db);
    expect((await t.call('GET', `/me/voucher-applications/${app.body.id}`, other.cookie)).status).toBe(404);
  });
});

describe('what the review found', () => {
  const at = new Date('2026-11-25T02:00:00Z');
  /** The founder's company's approved ¥10,000 grant (approved at `decidedAt`) with its issued voucher. */
  const grantedVoucher = async (t: Awaited<ReturnType<typeof setup>>, decidedAt: Date) => {
    const granted = await insertApplication(t.db, {
      programmeSlug: 'test-compute',
      companyId: t.company.id,
      applicantId: t.founder.user.id,
      providerCompanyId: t.providerCompany.id,
      status: 'approved',
      grantedFen: 1_000_000,
      grantYear: 2026,
      decidedAt,
    });
    return { granted, serial: await insertIssuedVoucher(t.db, granted, 1_000_000) };
  };
  const asUser = (
    t: Awaited<ReturnType<typeof setup>>,
    user: { id: number; role: 'founder' | 'organizer' | 'admin' },
    now = at,
  ) =>
    serviceContext(t.db, catalog, now, {
      user: { id: user.id, email: 'x@example.com', name: 'x', role: user.role, emailVerified: true },
    });

  it('no self-dealing: a founder cannot name their own provider company, nor redeem their own voucher', async () => {
    const t = await setup();
    const ownProvider = await insertCompany(t.db, t.founder.user.id);
    await approveProvider(t.db, ownProvider.id);
    const refused = await t.call(
      'POST',
      '/vouchers/test-compute/applications',
      t.founder.cookie,
      t.body({ providerCompanyId: ownProvider.id }),
    );
    expect(refused.status).toBe(422);
    expect(Object.keys(refused.body.errors ?? {})).toEqual(['providerCompanyId']);
  });

  it('full-width characters name the same contract', async () => {
    const t = await setup();
    expect(
      (
        await t.call(
          'POST',
          '/vouchers/test-compute/applications',
          t.founder.cookie,
          t.body({ submit: true }),
        )
      ).status,
    ).toBe(201);
    const again = await t.call(
      'POST',
      '/vouchers/test-tokens/applications',
      t.founder.cookie,
      t.body({ contractRef: 'ＳＹＴ ２０２６ ００４２', submit: true }),
    );
    expect(again.body.code).toBe('contract_already_subsidised');
  });

  it('a decision repeated in the same millisecond moves the money once; nobody decides about their own company', async () => {
    const t = await setup();
    const { recordRedemption, disputeRedemption, decideRedemption } = await import(
      '~/functions/services/vouchers/redemptions'
    );
    const { serial } = await grantedVoucher(t, new Date('2026-11-01T02:00:00Z'));
    const r = await recordRedemption({
      ctx: asUser(t, t.provider.user),
      input: { serial, orderRef: 'ORD-1', amount: 300_000 },
    });
    await disputeRedemption({
      ctx: asUser(t, t.founder.user),
      input: { redemptionId: r.id, reason: '不是我们的订单。' },
    });
    // The provider's owner is made an organizer: they may not decide a dispute about their own company.
    await t.client.execute({
      sql: "UPDATE users SET role = 'organizer' WHERE id = ?",
      args: [t.provider.user.id],
    });
    await expect(
      decideRedemption({
        ctx: asUser(t, { id: t.provider.user.id, role: 'organizer' }),
        input: { redemptionId: r.id, outcome: 'dismissed', reason: '订单属实。' },
      }),
    ).rejects.toMatchObject({ code: 'reviewer_conflict' });
    const decide = () =>
      decideRedemption({
        ctx: asUser(t, t.a.user),
        input: { redemptionId: r.id, outcome: 'upheld', reason: '服务商未能提供订单凭证。' },
      });
    await decide();
    await expect(decide()).rejects.toMatchObject({ code: 'already_decided' });
    const v = (
      await t.client.execute({ sql: 'SELECT redeemed_fen FROM vouchers WHERE serial = ?', args: [serial] })
    ).rows[0];
    expect(Number(v?.redeemed_fen)).toBe(0);
    // The reversed order may be recorded again (corrected).
    expect(
      await recordRedemption({
        ctx: asUser(t, t.provider.user),
        input: { serial, orderRef: 'ORD-1', amount: 200_000 },
      }),
    ).toMatchObject({ balanceFen: 800_000 });
    // An organizer revokes the provider's approval (with a reason): it records no more redemptions.
    const { decideProvider } = await import('~/functions/services/vouchers/redemptions');
    const [standing] = (
      await t.client.execute({
        sql: "SELECT id FROM voucher_providers WHERE company_id = ? AND kind = 'compute'",
        args: [t.providerCompany.id],
      })
    ).rows;
    await decideProvider({
      ctx: asUser(t, t.a.user),
      input: { providerId: Number(standing?.id), decision: 'revoke', reason: '服务资质已过期。' },
    });
    await expect(
      recordRedemption({ ctx: asUser(t, t.provider.user), input: { serial, orderRef: 'ORD-2', amount: 1 } }),
    ).rejects.toMatchObject({ code: 'not_provider' });
  });

  it('one open objection per person; a held voucher does not expire until the objection is answered', async () => {
    const t = await setup();
    const { fileObjection, answerObjection } = await import('~/functions/services/vouchers/objections');
    const { granted } = await grantedVoucher(t, at);
    const input = { applicationId: granted.id, realName: '李四', reason: '该公司与服务商存在关联关系。' };
    const objection = await fileObjection({ ctx: asUser(t, t.provider.user), input });
    await expect(fileObjection({ ctx: asUser(t, t.provider.user), input })).rejects.toMatchObject({
      status: 409,
    });
    // The voucher's term ends 2027-11-01 (factory); far past it, it is still held, not expired.
    expect(await expireVouchers({ db: t.db, now: new Date('2028-01-01T00:00:00Z') })).toEqual({
      expired: 0,
      releasedFen: 0,
    });
    // The founder's company owner cannot answer an objection to their own grant.
    await t.client.execute({
      sql: "UPDATE users SET role = 'organizer' WHERE id = ?",
      args: [t.founder.user.id],
    });
    await expect(
      answerObjection({
        ctx: asUser(t, { id: t.founder.user.id, role: 'organizer' }),
        input: { objectionId: objection.id, outcome: 'kept', answer: '维持。' },
      }),
    ).rejects.toMatchObject({ code: 'reviewer_conflict' });
  });
});
