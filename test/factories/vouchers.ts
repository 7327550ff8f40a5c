/** Voucher programmes and records for tests (issue 16). */
import type { VoucherProgramme } from '~/functions/content/catalog';
import type { Db } from '~/functions/db/client';
import { voucherApplications, voucherProviders, vouchers } from '~/functions/db/schema';
import { VoucherContent } from '~/functions/schemas/content';

const l = (zh: string, en: string) => ({ zh, en });

/** A pre_issue compute programme open around 2026-11-25, 50 %, ¥200,000 a year, 3 years, ¥1,000,000. */
export function buildVoucherProgramme(
  slug = 'test-vouchers',
  overrides: Record<string, unknown> = {},
): VoucherProgramme {
  const data = VoucherContent.parse({
    title: l('测试算力券', 'Test compute vouchers'),
    summary: l('测试用的券计划。', 'A programme for tests.'),
    issuer: l('测试发放单位', 'Test issuer'),
    kind: 'compute',
    fiscalYear: 2026,
    budget: 100_000_000,
    rate: { bps: 5000 },
    capPerCompanyYear: 20_000_000,
    maxYears: 3,
    window: { opens: '2026-11-01T09:00:00+08:00', closes: '2027-10-31T17:00:00+08:00' },
    redemption: 'pre_issue',
    validityDays: 365,
    publicNoticeDays: 5,
    rules: l('测试规则。', 'Test rules.'),
    ...overrides,
  });
  return { ...data, slug };
}

export async function approveProvider(
  db: Db,
  companyId: number,
  kind = 'compute',
  at = new Date('2026-11-01T00:00:00Z'),
) {
  await db
    .insert(voucherProviders)
    .values({ companyId, kind, status: 'approved', createdAt: at, decidedAt: at });
}

let next = 0;

export async function insertApplication(
  db: Db,
  values: {
    programmeSlug: string;
    companyId: number;
    applicantId: number;
    providerCompanyId: number;
  } & Partial<typeof voucherApplications.$inferInsert>,
) {
  const at = new Date('2026-11-20T02:00:00Z');
  const [row] = await db
    .insert(voucherApplications)
    .values({
      contractRef: `CONTRACT-${++next}`,
      plannedSpendFen: 2_000_000,
      requestedFen: 1_000_000,
      declaredUnrelated: true,
      declaredNotSubsidised: true,
      createdAt: at,
      updatedAt: at,
      ...values,
    })
    .returning();
  if (!row) throw new Error('insertApplication failed');
  return row;
}

/** An issued voucher (notice over, valid a year) of an approved application. */
export async function insertIssuedVoucher(
  db: Db,
  application: { id: number; programmeSlug: string; companyId: number; providerCompanyId: number },
  amountFen: number,
  serial = `C2026-TEST${String(++next).padStart(4, '0')}`,
) {
  const at = new Date('2026-11-01T02:00:00Z');
  await db.insert(vouchers).values({
    applicationId: application.id,
    programmeSlug: application.programmeSlug,
    companyId: application.companyId,
    providerCompanyId: application.providerCompanyId,
    serial,
    amountFen,
    issueAfter: at,
    expiresAt: new Date('2027-11-01T02:00:00Z'),
    createdAt: at,
    updatedAt: at,
  });
  return serial;
}
