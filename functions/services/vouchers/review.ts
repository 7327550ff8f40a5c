/**
 * The organizers' review of voucher applications: 形式审查 → 复核 → 审定. Each stage is decided by
 * someone other than the previous stage's reviewer (so at least two organizers approve), never by
 * someone connected to the applicant or the provider (their owner, or the applicant). Every decision
 * is one conditional statement: a stale or repeated decision changes nothing.
 *
 * The final approval commits the grant in one batch (decision 022): it makes the voucher (its random
 * serial marks this request's work), then moves the application, the programme's committed budget
 * and the company's year total — each conditioned on that voucher — with the CHECKs of
 * voucher_budgets and voucher_company_years refusing, and so rolling back, any approval that would
 * commit more than the budget or the cap holds. Racing approvals never over-commit.
 */
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { RequestUser, ServiceContext } from '../../context';
import { sqliteFailure } from '../../db/errors';
import type { ReviewStage } from '../../db/schema';
import { voucherApplications, voucherCompanyYears, vouchers } from '../../db/schema';
import { auditInsertWhere } from '../../lib/audit';
import { AppError, validation } from '../../lib/errors';
import { randomBytes } from '../../lib/ids';
import { translate } from '../../lib/messages';
import { formatYuan } from '../../lib/money';
import type { VoucherDecision } from '../../schemas/vouchers';
import { deliverWebhooks } from '../webhooks/deliver-webhooks';
import { webhookInsert } from '../webhooks/events';
import { allowedGrant, type GrantOutcome, grantYear, programmeSeries } from './programme-rules';
import {
  type ApplicationRecord,
  applicationNotFound,
  applicationsQuery,
  budgetRowsQuery,
  budgetUpsert,
  loadApplication,
  requireProgramme,
  toBudgetFigures,
  voucherConflict,
} from './records';

const DAY = 86_400_000;
const NEXT: Record<ReviewStage, ReviewStage | null> = { formal: 'review', review: 'final', final: null };

/** Why this organizer may not decide this application's current stage, or null. */
export function reviewerObstacle(
  row: ApplicationRecord,
  user: Pick<RequestUser, 'id'>,
): 'reviewer_conflict' | 'same_reviewer' | null {
  if (row.companyOwnerId === user.id || row.providerOwnerId === user.id || row.applicantId === user.id)
    return 'reviewer_conflict';
  if (row.stage === 'review' && row.formalBy === user.id) return 'same_reviewer';
  if (row.stage === 'final' && row.reviewBy === user.id) return 'same_reviewer';
  return null;
}

/** Companies' granted totals per series and year, as a query for a batch. */
export const companyYearsQuery = (db: ServiceContext['db'], companyIds: SQL) =>
  db
    .select({
      series: voucherCompanyYears.series,
      companyId: voucherCompanyYears.companyId,
      year: voucherCompanyYears.year,
      granted: voucherCompanyYears.grantedFen,
    })
    .from(voucherCompanyYears)
    .where(inArray(voucherCompanyYears.companyId, companyIds));

/**
 * An application with the figures of its grant (its programme's budget, its company's year totals),
 * in one round trip: a decision reads everything it checks at once.
 */
async function applicationWithFigures(ctx: ServiceContext, id: number) {
  const [rows, budgetRows, years] = await ctx.db.batch([
    applicationsQuery(ctx.db, eq(voucherApplications.id, id)),
    budgetRowsQuery(
      ctx.db,
      ctx.catalog.vouchers.map((p) => p.slug),
    ),
    companyYearsQuery(ctx.db, sql`(select company_id from voucher_applications where id = ${id})`),
  ]);
  const row = rows[0];
  if (!row) throw applicationNotFound();
  return { row, budgetRows, years };
}

export type CompanyYearRow = { series: string; companyId: number; year: number; granted: number };

/** The same from rows already read (the review page reads them for its whole queue in one batch). */
export function grantFromFigures(
  ctx: Pick<ServiceContext, 'catalog' | 'now'>,
  row: ApplicationRecord,
  budgetRows: ReadonlyArray<{ slug: string; committed: number; redeemed: number }>,
  yearRows: readonly CompanyYearRow[],
): GrantOutcome & { year: number } {
  const programme = requireProgramme(ctx, row.programmeSlug);
  const year = grantYear(ctx.now);
  const series = programmeSeries(programme);
  const budget = toBudgetFigures(
    programme,
    budgetRows.find((b) => b.slug === programme.slug),
  );
  const years = yearRows.filter((y) => y.series === series && y.companyId === row.companyId);
  const outcome = allowedGrant(programme, {
    plannedSpendFen: row.plannedSpendFen,
    requestedFen: row.requestedFen,
    grantedThisYearFen: years.find((y) => y.year === year)?.granted ?? 0,
    otherYears: years.filter((y) => y.year !== year && y.granted > 0).length,
    availableFen: budget.available,
  });
  return { ...outcome, year };
}

const grantRefused = (reason: Exclude<GrantOutcome, { ok: true }>['reason'], maxYears: number) => {
  switch (reason) {
    case 'budget_exhausted':
      return voucherConflict('budget_exhausted', 'voucher.budgetExhausted');
    case 'company_cap_reached':
      return voucherConflict('company_cap_reached', 'voucher.capReached');
    case 'max_years_reached':
      return voucherConflict('max_years_reached', 'voucher.maxYears', { years: maxYears });
  }
};

/** A random serial: kind letter, fiscal year, 8 base32 characters (40 bits), e.g. C2026-7KQ3M9ZP. */
const newSerial = (kind: string, fiscalYear: number) =>
  `${kind.slice(0, 1).toUpperCase()}${fiscalYear}-${encodeBase32UpperCaseNoPadding(randomBytes(5))}`;

export async function decideApplication({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: number;
  input: VoucherDecision;
}): Promise<ApplicationRecord> {
  const user = requireRole(ctx, 'organizer');
  const { row, budgetRows, years } = await applicationWithFigures(ctx, id);
  if (row.status !== 'submitted' || row.stage !== input.stage)
    throw voucherConflict('stage_mismatch', 'voucher.stageMismatch');
  const obstacle = reviewerObstacle(row, user);
  if (obstacle === 'reviewer_conflict')
    throw new AppError(403, 'reviewer_conflict', 'voucher.reviewerConflict');
  if (obstacle === 'same_reviewer') throw new AppError(403, 'same_reviewer', 'voucher.sameReviewer');
  if (input.decision === 'approve' && input.stage === 'final')
    return approve(ctx, user, row, grantFromFigures(ctx, row, budgetRows, years), input.amount);

  // The condition every decision of this stage repeats in SQL: still waiting here, and this
  // reviewer is neither connected nor the previous stage's.
  const pending = and(
    eq(voucherApplications.id, id),
    eq(voucherApplications.status, 'submitted'),
    eq(voucherApplications.stage, input.stage),
    sql`coalesce(${voucherApplications.applicantId}, 0) <> ${user.id}`,
    sql`not exists (select 1 from companies c where c.id in (${voucherApplications.companyId}, ${voucherApplications.providerCompanyId}) and c.owner_id = ${user.id})`,
    input.stage === 'review' ? sql`coalesce(${voucherApplications.formalBy}, 0) <> ${user.id}` : undefined,
    input.stage === 'final' ? sql`coalesce(${voucherApplications.reviewBy}, 0) <> ${user.id}` : undefined,
  );
  const next = NEXT[input.stage];
  const set =
    input.decision === 'approve'
      ? {
          stage: next,
          ...(input.stage === 'formal' ? { formalBy: user.id } : { reviewBy: user.id }),
          updatedAt: ctx.now,
        }
      : input.decision === 'return'
        ? { status: 'returned' as const, stage: null, reason: input.reason ?? null, updatedAt: ctx.now }
        : {
            status: 'rejected' as const,
            stage: null,
            reason: input.reason ?? null,
            decidedAt: ctx.now,
            updatedAt: ctx.now,
          };
  const marker = sql`exists (select 1 from ${voucherApplications} where ${voucherApplications.id} = ${id}
    and ${voucherApplications.updatedAt} = ${ctx.now.getTime()})`;
  const [changed] = await ctx.db.batch([
    ctx.db.update(voucherApplications).set(set).where(pending).returning({ id: voucherApplications.id }),
    auditInsertWhere(
      ctx,
      {
        action: `voucher_application.${input.decision === 'approve' ? 'pass' : input.decision}`,
        targetType: 'voucher_application',
        targetId: id,
        before: { status: row.status, stage: row.stage },
        after: { ...set, updatedAt: undefined, reason: input.reason ?? undefined },
        actor: user,
      },
      marker,
    ),
  ]);
  if (changed.length === 0) throw voucherConflict('stage_mismatch', 'voucher.stageMismatch');
  return loadApplication(ctx, id);
}

async function approve(
  ctx: ServiceContext,
  user: RequestUser,
  row: ApplicationRecord,
  grant: GrantOutcome & { year: number },
  lowered: number | undefined,
): Promise<ApplicationRecord> {
  const programme = requireProgramme(ctx, row.programmeSlug);
  if (!grant.ok) throw grantRefused(grant.reason, programme.maxYears);
  if (lowered !== undefined && lowered > grant.amountFen)
    throw validation({
      amount: [
        translate(ctx.locale, 'voucher.grantExceeded', { max: formatYuan(ctx.locale, grant.amountFen) }),
      ],
    });
  const amount = lowered ?? grant.amountFen;
  const serial = newSerial(programme.kind, programme.fiscalYear);
  const now = ctx.now.getTime();
  const issueAfter = now + programme.publicNoticeDays * DAY;
  const expiresAt = issueAfter + programme.validityDays * DAY;
  const series = programmeSeries(programme);
  const ours = sql`exists (select 1 from ${vouchers} where ${vouchers.serial} = ${serial})`;
  try {
    const [, created] = await ctx.db.batch([
      budgetUpsert(ctx.db, programme),
      // The voucher, only while the application still waits for 审定 and this reviewer may decide it.
      ctx.db.run(sql`insert into ${vouchers}
        (application_id, programme_slug, company_id, provider_company_id, serial, amount_fen,
         status, issue_after, expires_at, created_at, updated_at)
        select a.id, a.programme_slug, a.company_id, a.provider_company_id, ${serial}, ${amount},
          'granted', ${issueAfter}, ${expiresAt}, ${now}, ${now}
        from voucher_applications a
        where a.id = ${row.id} and a.status = 'submitted' and a.stage = 'final'
          and coalesce(a.review_by, 0) <> ${user.id} and coalesce(a.applicant_id, 0) <> ${user.id}
          and not exists (select 1 from companies c where c.id in (a.company_id, a.provider_company_id)
            and c.owner_id = ${user.id})
          -- Still a verified company, with a provider still approved for the kind.
          and exists (select 1 from companies c where c.id = a.company_id and c.status = 'verified')
          and exists (select 1 from voucher_providers p join companies pc on pc.id = p.company_id
            where p.company_id = a.provider_company_id and p.kind = ${programme.kind} and p.status = 'approved'
              and pc.status = 'verified')`),
      ctx.db
        .update(voucherApplications)
        .set({
          status: 'approved',
          stage: null,
          approvedBy: user.id,
          grantedFen: amount,
          grantYear: grant.year,
          reason: null,
          decidedAt: ctx.now,
          updatedAt: ctx.now,
        })
        .where(and(eq(voucherApplications.id, row.id), ours)),
      // The CHECK (committed ≤ budget) refuses the whole batch when the budget cannot hold it.
      ctx.db.run(sql`update voucher_budgets set committed_fen = committed_fen + ${amount}
        where programme_slug = ${programme.slug} and ${ours}`),
      // The CHECK (granted ≤ cap) refuses it when the company's year would pass its cap.
      ctx.db.run(sql`insert into ${voucherCompanyYears} (series, company_id, year, granted_fen, cap_fen)
        select ${series}, ${row.companyId}, ${grant.year}, ${amount}, ${programme.capPerCompanyYear} where ${ours}
        on conflict (series, company_id, year) do update
          set granted_fen = granted_fen + excluded.granted_fen, cap_fen = excluded.cap_fen`),
      auditInsertWhere(
        ctx,
        {
          action: 'voucher_application.approve',
          targetType: 'voucher_application',
          targetId: row.id,
          before: { status: row.status, stage: row.stage },
          after: { status: 'approved', grantedFen: amount, serial, allowedFen: grant.amountFen },
          actor: user,
        },
        ours,
      ),
      ctx.db.run(
        webhookInsert(
          ctx,
          'voucher_grant.published',
          {
            programme: programme.slug,
            applicationId: row.id,
            company: { name: row.companyName, creditCode: row.creditCode },
            amount,
            noticeEndsAt: new Date(issueAfter).toISOString(),
          },
          ours,
        ),
      ),
    ]);
    if (created.rowsAffected === 0) throw voucherConflict('stage_mismatch', 'voucher.stageMismatch');
  } catch (err) {
    const failure = sqliteFailure(err);
    if (failure?.message.includes('voucher_budgets_within'))
      throw voucherConflict('budget_exhausted', 'voucher.budgetExhausted');
    if (failure?.message.includes('voucher_company_years_cap'))
      throw voucherConflict('company_cap_reached', 'voucher.capReached');
    throw err;
  }
  ctx.waitUntil(deliverWebhooks(ctx));
  return loadApplication(ctx, row.id);
}
