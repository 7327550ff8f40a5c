/**
 * Shared reads of the voucher services: a programme from the catalog, its live budget figures, an
 * application with its companies' names, and the SQL that says whether a voucher is issued.
 */
import { and, eq, inArray, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { VoucherProgramme } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import type { Db } from '../../db/client';
import {
  companies,
  voucherApplications,
  voucherBudgets,
  voucherObjections,
  voucherProviders,
  vouchers,
} from '../../db/schema';
import { AppError, notFound } from '../../lib/errors';

export const programmeNotFound = () => notFound('voucher_programme_not_found');
export const applicationNotFound = () => notFound('voucher_application_not_found');

export function requireProgramme(ctx: Pick<ServiceContext, 'catalog'>, slug: string): VoucherProgramme {
  const programme = ctx.catalog.voucher(slug);
  if (!programme) throw programmeNotFound();
  return programme;
}

export interface BudgetFigures {
  budget: number;
  committed: number;
  redeemed: number;
  available: number;
}

/** Committed (from the budget row) and redeemed (over the vouchers) per programme, one query. */
export const budgetRowsQuery = (db: Db, slugs: readonly string[]) =>
  db.all<{ slug: string; committed: number; redeemed: number }>(sql`
    SELECT s.value AS slug,
      coalesce((SELECT committed_fen FROM voucher_budgets b WHERE b.programme_slug = s.value), 0) AS committed,
      coalesce((SELECT sum(redeemed_fen) FROM vouchers v WHERE v.programme_slug = s.value), 0) AS redeemed
    FROM json_each(${JSON.stringify(slugs)}) s`);

export function toBudgetFigures(
  programme: VoucherProgramme,
  row: { committed: number; redeemed: number } | undefined,
): BudgetFigures {
  const committed = Number(row?.committed ?? 0);
  return {
    budget: programme.budget,
    committed,
    redeemed: Number(row?.redeemed ?? 0),
    available: Math.max(0, programme.budget - committed),
  };
}

const provider = alias(companies, 'provider');

/** The columns of an application with its company's and provider's names. */
export const applicationColumns = {
  id: voucherApplications.id,
  programmeSlug: voucherApplications.programmeSlug,
  companyId: voucherApplications.companyId,
  companyName: companies.name,
  companyOwnerId: companies.ownerId,
  creditCode: companies.creditCode,
  applicantId: voucherApplications.applicantId,
  providerCompanyId: voucherApplications.providerCompanyId,
  providerName: provider.name,
  providerOwnerId: provider.ownerId,
  contractRef: voucherApplications.contractRef,
  plannedSpendFen: voucherApplications.plannedSpendFen,
  requestedFen: voucherApplications.requestedFen,
  declaredUnrelated: voucherApplications.declaredUnrelated,
  declaredNotSubsidised: voucherApplications.declaredNotSubsidised,
  status: voucherApplications.status,
  stage: voucherApplications.stage,
  formalBy: voucherApplications.formalBy,
  reviewBy: voucherApplications.reviewBy,
  reason: voucherApplications.reason,
  grantedFen: voucherApplications.grantedFen,
  grantYear: voucherApplications.grantYear,
  submittedAt: voucherApplications.submittedAt,
  decidedAt: voucherApplications.decidedAt,
  createdAt: voucherApplications.createdAt,
  updatedAt: voucherApplications.updatedAt,
};

export const applicationsQuery = (db: Db, where: SQL | undefined) =>
  db
    .select(applicationColumns)
    .from(voucherApplications)
    .innerJoin(companies, eq(companies.id, voucherApplications.companyId))
    .innerJoin(provider, eq(provider.id, voucherApplications.providerCompanyId))
    .where(where);

export type ApplicationRecord = Awaited<ReturnType<typeof applicationsQuery>>[number];

export async function loadApplication(
  ctx: Pick<ServiceContext, 'db'>,
  id: number,
): Promise<ApplicationRecord> {
  const [row] = await applicationsQuery(ctx.db, eq(voucherApplications.id, id));
  if (!row) throw applicationNotFound();
  return row;
}

export function toApplicationJson(row: ApplicationRecord) {
  return {
    id: row.id,
    programme: row.programmeSlug,
    companyId: row.companyId,
    companyName: row.companyName,
    providerCompanyId: row.providerCompanyId,
    providerName: row.providerName,
    contractRef: row.contractRef,
    plannedSpend: row.plannedSpendFen,
    requestedAmount: row.requestedFen,
    declaredUnrelated: row.declaredUnrelated,
    declaredNotSubsidised: row.declaredNotSubsidised,
    status: row.status,
    stage: row.stage,
    reason: row.reason,
    grantedAmount: row.grantedFen,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * A voucher is issued — usable, its serial shown — from `issue_after` (the end of 公示, or the
 * answer to an objection after it) while no objection to its grant is open, until it expires.
 * `v` is the vouchers table's name or alias in the surrounding query.
 */
export const issuedSql = (now: Date, v = 'vouchers') =>
  sql.raw(`${v}.status = 'granted' AND ${v}.issue_after <= ${now.getTime()} AND ${v}.expires_at > ${now.getTime()}
    AND NOT EXISTS (SELECT 1 FROM voucher_objections o WHERE o.application_id = ${v}.application_id AND o.status = 'open')`);

export type VoucherState = 'notice' | 'held' | 'issued' | 'expired' | 'cancelled';

/** The same rule in JavaScript, for display. `held`: the notice is over but an objection is open. */
export function voucherState(
  v: { status: string; issueAfter: Date; expiresAt: Date },
  openObjections: number,
  now: Date,
): VoucherState {
  if (v.status === 'cancelled') return 'cancelled';
  if (v.status === 'expired' || v.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (openObjections > 0) return 'held';
  if (v.issueAfter.getTime() > now.getTime()) return 'notice';
  return 'issued';
}

/** Companies approved as providers of `kind`, for the application form's choice. */
export const providersOfKind = (db: Db, kind: string | Placeholder) => approvedProviders(db, [kind]);

/** The approved providers of `kinds` (name order), each with its kind. */
export const approvedProviders = (db: Db, kinds: ReadonlyArray<string | Placeholder>) =>
  db
    .select({ id: companies.id, name: companies.name, kind: voucherProviders.kind })
    .from(voucherProviders)
    .innerJoin(companies, eq(companies.id, voucherProviders.companyId))
    .where(
      and(
        inArray(voucherProviders.kind, [...kinds]),
        eq(voucherProviders.status, 'approved'),
        eq(companies.status, 'verified'),
      ),
    )
    .orderBy(companies.name);

/** The open objections per application, for display. */
export const openObjectionCounts = (db: Db, applicationIds: number[]) =>
  db
    .select({ applicationId: voucherObjections.applicationId, n: sql<number>`count(*)` })
    .from(voucherObjections)
    .where(
      and(inArray(voucherObjections.applicationId, applicationIds), eq(voucherObjections.status, 'open')),
    )
    .groupBy(voucherObjections.applicationId);

/** The budget row kept in step with the programme's content, as the first statement of a batch. */
export const budgetUpsert = (db: Db, programme: VoucherProgramme) =>
  db
    .insert(voucherBudgets)
    .values({ programmeSlug: programme.slug, budgetFen: programme.budget, committedFen: 0 })
    .onConflictDoUpdate({ target: voucherBudgets.programmeSlug, set: { budgetFen: programme.budget } });

export const voucherRowsOf = (db: Db, where: SQL) => db.select().from(vouchers).where(where);

/** A 409 with a voucher message. */
export const voucherConflict = (
  code: ConstructorParameters<typeof AppError>[1],
  key: ConstructorParameters<typeof AppError>[2],
  params?: Record<string, string | number>,
) => new AppError(409, code, key, params);
