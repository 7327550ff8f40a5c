/**
 * What /me/vouchers and /admin/vouchers list, each in one batch (one round trip after the session):
 * the founder's applications, vouchers, redemptions, provider standings and companies; the
 * organizers' queue with what the rules allow at 审定, objections, disputes and claims, providers.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { requireRole, requireVerifiedUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { voucherApplications } from '../../db/schema';
import { companyOptionsQuery } from '../me/company-options';
import { myApplicationsQuery } from './applications';
import { staffObjectionsQuery } from './objections';
import { applicationsQuery, budgetRowsQuery, voucherState } from './records';
import {
  heldBy,
  myVouchersQuery,
  providersQuery,
  recordedBy,
  redemptionRowsQuery,
  STAFF_QUEUE,
  toRedemptionRows,
} from './redemptions';
import { companyYearsQuery, grantFromFigures, reviewerObstacle } from './review';

export async function founderDesk({ ctx }: { ctx: ServiceContext }) {
  const user = requireVerifiedUser(ctx);
  const [applications, vouchers, redemptions, standings, recorded, owned] = await ctx.db.batch([
    myApplicationsQuery(ctx.db, user.id),
    myVouchersQuery(ctx.db, user.id),
    redemptionRowsQuery(ctx.db, heldBy(user.id)),
    providersQuery(ctx.db, user.id),
    redemptionRowsQuery(ctx.db, recordedBy(user.id)),
    companyOptionsQuery(ctx.db, user.id),
  ]);
  return {
    applications,
    vouchers: vouchers.map((v) => ({ ...v, state: voucherState(v, Number(v.openObjections), ctx.now) })),
    redemptions: toRedemptionRows(redemptions),
    standings,
    recorded: toRedemptionRows(recorded),
    verifiedCompanies: owned.filter((c) => c.status === 'verified'),
  };
}

export async function reviewDesk({ ctx }: { ctx: ServiceContext }) {
  const user = requireRole(ctx, 'organizer');
  const [queue, budgets, years, objections, redemptions, providers] = await ctx.db.batch([
    applicationsQuery(ctx.db, eq(voucherApplications.status, 'submitted')).orderBy(
      asc(voucherApplications.submittedAt),
    ),
    budgetRowsQuery(
      ctx.db,
      ctx.catalog.vouchers.map((p) => p.slug),
    ),
    companyYearsQuery(
      ctx.db,
      sql`(select company_id from voucher_applications where status = 'submitted' and stage = 'final')`,
    ),
    staffObjectionsQuery(ctx.db),
    redemptionRowsQuery(ctx.db, STAFF_QUEUE),
    providersQuery(ctx.db, null),
  ]);
  return {
    applications: queue.map((row) => ({
      row,
      obstacle: reviewerObstacle(row, user),
      grant:
        row.stage === 'final' && ctx.catalog.voucher(row.programmeSlug)
          ? grantFromFigures(ctx, row, budgets, years)
          : null,
    })),
    objections,
    redemptions: toRedemptionRows(redemptions),
    providers,
  };
}
