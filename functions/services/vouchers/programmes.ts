/**
 * What the public and applicants read of voucher programmes: the catalogue with live budget figures,
 * a programme with its 公示 list (grants with company name, credit code and amount, no personal
 * data) and its answered objections, and — for a signed-in founder — each of their companies with
 * the eligibility rules it fails. One batch per page.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { VoucherProgramme } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import { type Placeholders, queryShape } from '../../db/query-shape';
import {
  communityMemberships,
  companies,
  voucherApplications,
  voucherObjections,
  vouchers,
} from '../../db/schema';
import { type EligibilityFailure, eligibilityFailures, programmeWindow } from './programme-rules';
import {
  type BudgetFigures,
  budgetRowsQuery,
  providersOfKind,
  requireProgramme,
  toBudgetFigures,
} from './records';

const DAY = 86_400_000;

export async function listProgrammes({ ctx }: { ctx: Pick<ServiceContext, 'db' | 'catalog'> }) {
  const programmes = ctx.catalog.vouchers;
  const rows = await budgetRowsQuery(
    ctx.db,
    programmes.map((p) => p.slug),
  );
  return programmes.map((programme) => ({
    programme,
    budget: toBudgetFigures(
      programme,
      rows.find((r) => r.slug === programme.slug),
    ),
  }));
}

export interface PublicGrant {
  applicationId: number;
  companyName: string;
  creditCode: string;
  amountFen: number;
  approvedAt: Date;
  noticeEndsAt: Date;
  status: 'notice' | 'issued' | 'expired' | 'cancelled';
}

export interface PublicObjection {
  id: number;
  applicationId: number;
  companyName: string;
  reason: string;
  status: 'open' | 'resolved';
  outcome: 'kept' | 'cancelled' | null;
  answer: string | null;
  answeredAt: Date | null;
  createdAt: Date;
}

export interface CompanyEligibility {
  id: number;
  name: string;
  failures: EligibilityFailure[];
}

export interface ProgrammeView {
  programme: VoucherProgramme;
  budget: BudgetFigures;
  window: ReturnType<typeof programmeWindow>;
  grants: PublicGrant[];
  objections: PublicObjection[];
  /** The signed-in viewer's companies and what each fails (none signed out). */
  companies: CompanyEligibility[];
  providers: Array<{ id: number; name: string }>;
}

// The programme page's selects, built once per isolate (functions/db/query-shape.ts).
const grantsShape = queryShape(
  (db, p: Placeholders<'slug'>) =>
    db
      .select({
        applicationId: voucherApplications.id,
        companyName: companies.name,
        creditCode: companies.creditCode,
        amountFen: voucherApplications.grantedFen,
        status: voucherApplications.status,
        approvedAt: voucherApplications.decidedAt,
        issueAfter: vouchers.issueAfter,
        expiresAt: vouchers.expiresAt,
        voucherStatus: vouchers.status,
        open: sql<number>`(select count(*) from voucher_objections o where o.application_id = ${voucherApplications.id} and o.status = 'open')`,
      })
      .from(voucherApplications)
      .innerJoin(companies, eq(companies.id, voucherApplications.companyId))
      .innerJoin(vouchers, eq(vouchers.applicationId, voucherApplications.id))
      .where(
        and(
          eq(voucherApplications.programmeSlug, p.slug),
          inArray(voucherApplications.status, ['approved', 'cancelled']),
        ),
      )
      .orderBy(desc(voucherApplications.decidedAt))
      .limit(200),
  ['slug'],
);
const objectionsShape = queryShape(
  (db, p: Placeholders<'slug'>) =>
    db
      .select({
        id: voucherObjections.id,
        applicationId: voucherObjections.applicationId,
        companyName: companies.name,
        reason: voucherObjections.reason,
        status: voucherObjections.status,
        outcome: voucherObjections.outcome,
        answer: voucherObjections.answer,
        answeredAt: voucherObjections.answeredAt,
        createdAt: voucherObjections.createdAt,
      })
      .from(voucherObjections)
      .innerJoin(voucherApplications, eq(voucherApplications.id, voucherObjections.applicationId))
      .innerJoin(companies, eq(companies.id, voucherApplications.companyId))
      .where(eq(voucherObjections.programmeSlug, p.slug))
      .orderBy(desc(voucherObjections.createdAt))
      .limit(200),
  ['slug'],
);
const ownCompaniesShape = queryShape(
  (db, p: Placeholders<'userId'>) =>
    db
      .select({
        id: companies.id,
        name: companies.name,
        status: companies.status,
        district: companies.district,
      })
      .from(companies)
      .where(and(eq(companies.ownerId, p.userId), inArray(companies.status, ['pending', 'verified'])))
      .orderBy(companies.id),
  ['userId'],
);
const membershipsShape = queryShape(
  (db, p: Placeholders<'userId'>) =>
    db
      .select({ companyId: communityMemberships.companyId, slug: communityMemberships.communitySlug })
      .from(communityMemberships)
      .innerJoin(companies, eq(companies.id, communityMemberships.companyId))
      .where(and(eq(companies.ownerId, p.userId), eq(communityMemberships.status, 'approved'))),
  ['userId'],
);
const providersShape = queryShape((db, p: Placeholders<'kind'>) => providersOfKind(db, p.kind), ['kind']);

export async function getProgramme({
  ctx,
  slug,
}: {
  ctx: ServiceContext;
  slug: string;
}): Promise<ProgrammeView> {
  const programme = requireProgramme(ctx, slug);
  const now = ctx.now.getTime();
  const userId = ctx.user?.id ?? 0;
  const { db } = ctx;
  const [budgetRows, grantRows, objectionRows, ownCompanies, memberships, providers] = await db.batch([
    budgetRowsQuery(db, [programme.slug]),
    grantsShape(db, { slug: programme.slug }),
    objectionsShape(db, { slug: programme.slug }),
    ownCompaniesShape(db, { userId }),
    membershipsShape(db, { userId }),
    providersShape(db, { kind: programme.kind }),
  ]);
  return {
    programme,
    budget: toBudgetFigures(programme, budgetRows[0]),
    window: programmeWindow(programme, ctx.now),
    grants: grantRows.map((g) => ({
      applicationId: g.applicationId,
      companyName: g.companyName,
      creditCode: g.creditCode,
      amountFen: g.amountFen ?? 0,
      approvedAt: g.approvedAt ?? new Date(0),
      noticeEndsAt: new Date((g.approvedAt?.getTime() ?? 0) + programme.publicNoticeDays * DAY),
      status: grantStatus(g, now),
    })),
    objections: objectionRows,
    companies: ownCompanies.map((c) => ({
      id: c.id,
      name: c.name,
      failures: eligibilityFailures(programme, {
        status: c.status,
        district: c.district,
        communities: memberships.filter((m) => m.companyId === c.id).map((m) => m.slug),
      }),
    })),
    providers,
  };
}

function grantStatus(
  g: { status: string; voucherStatus: string; issueAfter: Date; expiresAt: Date; open: number },
  now: number,
): PublicGrant['status'] {
  if (g.status === 'cancelled' || g.voucherStatus === 'cancelled') return 'cancelled';
  if (g.voucherStatus === 'expired' || g.expiresAt.getTime() <= now) return 'expired';
  return g.issueAfter.getTime() <= now && Number(g.open) === 0 ? 'issued' : 'notice';
}

/** When objections to a grant approved at `approvedAt` close. */
export const noticeEnds = (programme: VoucherProgramme, approvedAt: Date) =>
  new Date(approvedAt.getTime() + programme.publicNoticeDays * DAY);
