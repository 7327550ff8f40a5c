/**
 * The cron's expiry of vouchers and the finance office's CSV.
 *
 * Expiry gives a voucher's unused amount (amount − redeemed − pending claims) back to its
 * programme's budget exactly once: one batch lowers the budgets by the sum over the vouchers due and
 * then marks those same vouchers expired. SQLite runs write transactions one at a time, so a second,
 * overlapping cron run finds no voucher left to expire and releases nothing.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { companies, voucherApplications, vouchers } from '../../db/schema';
import { auditInsert } from '../../lib/audit';
import { type Cell, toCsv } from '../../lib/csv';
import { shanghaiIso } from '../../lib/shanghai-time';
import { requireProgramme } from './records';

export async function expireVouchers(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
): Promise<{ expired: number; releasedFen: number }> {
  const now = ctx.now.getTime();
  // A voucher held by an open objection waits for the answer (which may keep it, with a new term).
  const due = sql`status = 'granted' and expires_at <= ${now} and not exists (select 1 from voucher_objections o
    where o.application_id = vouchers.application_id and o.status = 'open')`;
  const [, expired] = await ctx.db.batch([
    ctx.db.run(sql`update voucher_budgets set committed_fen = committed_fen - (
        select coalesce(sum(amount_fen - redeemed_fen - pending_fen), 0) from vouchers v
        where v.programme_slug = voucher_budgets.programme_slug and v.id in (select id from vouchers where ${due}))
      where programme_slug in (select programme_slug from vouchers where ${due})`),
    ctx.db.all<{ released: number }>(sql`update vouchers set status = 'expired',
        released_fen = amount_fen - redeemed_fen - pending_fen, updated_at = ${now}
      where ${due} returning released_fen as released`),
  ]);
  return { expired: expired.length, releasedFen: expired.reduce((sum, r) => sum + Number(r.released), 0) };
}

const provider = alias(companies, 'provider');

/** Every application of a programme past draft, for the finance office (UTF-8 with BOM, neutralised). */
export async function exportProgrammeCsv({ ctx, slug }: { ctx: ServiceContext; slug: string }) {
  const user = requireRole(ctx, 'organizer');
  const programme = requireProgramme(ctx, slug);
  const [rows] = await ctx.db.batch([
    ctx.db
      .select({
        id: voucherApplications.id,
        company: companies.name,
        creditCode: companies.creditCode,
        provider: provider.name,
        contractRef: voucherApplications.contractRef,
        plannedSpend: voucherApplications.plannedSpendFen,
        requested: voucherApplications.requestedFen,
        status: voucherApplications.status,
        granted: voucherApplications.grantedFen,
        grantYear: voucherApplications.grantYear,
        decidedAt: voucherApplications.decidedAt,
        serial: vouchers.serial,
        voucherStatus: vouchers.status,
        redeemed: vouchers.redeemedFen,
        pending: vouchers.pendingFen,
        released: vouchers.releasedFen,
        expiresAt: vouchers.expiresAt,
      })
      .from(voucherApplications)
      .innerJoin(companies, eq(companies.id, voucherApplications.companyId))
      .innerJoin(provider, eq(provider.id, voucherApplications.providerCompanyId))
      .leftJoin(vouchers, eq(vouchers.applicationId, voucherApplications.id))
      .where(
        and(
          eq(voucherApplications.programmeSlug, programme.slug),
          inArray(voucherApplications.status, ['submitted', 'returned', 'rejected', 'approved', 'cancelled']),
        ),
      )
      .orderBy(asc(voucherApplications.id)),
    auditInsert(ctx, {
      action: 'voucher_programme.export',
      targetType: 'voucher_programme',
      targetId: programme.slug,
      actor: user,
    }),
  ]);
  const yuan = (fen: number | null) => (fen === null ? '' : (fen / 100).toFixed(2));
  const header = [
    'application_id',
    'company',
    'credit_code',
    'provider',
    'contract_ref',
    'planned_spend_yuan',
    'requested_yuan',
    'status',
    'granted_yuan',
    'grant_year',
    'decided_at',
    'serial',
    'voucher_status',
    'redeemed_yuan',
    'pending_yuan',
    'released_yuan',
    'expires_at',
  ];
  const body: Cell[][] = rows.map((r) => [
    r.id,
    r.company,
    r.creditCode,
    r.provider,
    r.contractRef,
    yuan(r.plannedSpend),
    yuan(r.requested),
    r.status,
    yuan(r.granted),
    r.grantYear,
    r.decidedAt ? shanghaiIso(r.decidedAt) : '',
    r.serial,
    r.voucherStatus,
    yuan(r.redeemed),
    yuan(r.pending),
    yuan(r.released),
    r.expiresAt ? shanghaiIso(r.expiresAt) : '',
  ]);
  return { filename: `vouchers-${programme.slug}.csv`, csv: toCsv(header, body) };
}
