/**
 * A founder's voucher applications: create (as a draft or submitted at once), change a draft or a
 * returned application, submit, withdraw; list and read their own. Applications belong to the
 * company: its owner manages them. The window, eligibility and the provider are checked on the
 * server at every submission; the partial unique index on (provider, contract) makes one contract
 * subsidised once across all programmes, whatever requests race.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { requireVerifiedUser } from '../../auth/guards';
import type { VoucherProgramme } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import { isUniqueViolation } from '../../db/errors';
import { communityMemberships, companies, voucherApplications, voucherProviders } from '../../db/schema';
import { auditInsertWhere } from '../../lib/audit';
import { AppError, companyNotFound, validation } from '../../lib/errors';
import { formatInstant } from '../../lib/format-instant';
import { translate } from '../../lib/messages';
import type { CreateVoucherApplication, UpdateVoucherApplication } from '../../schemas/vouchers';
import { type EligibilityFailure, eligibilityFailures, programmeWindow } from './programme-rules';
import {
  type ApplicationRecord,
  applicationNotFound,
  applicationsQuery,
  approvedProviders,
  loadApplication,
  requireProgramme,
  voucherConflict,
} from './records';

const EDITABLE = ['draft', 'returned'] as const;

export function assertWindowOpen(ctx: Pick<ServiceContext, 'now' | 'locale'>, programme: VoucherProgramme) {
  const state = programmeWindow(programme, ctx.now);
  if (state === 'not_open')
    throw voucherConflict('voucher_window_not_open', 'voucher.windowNotOpen', {
      opens: formatInstant(ctx.locale, programme.window.opens),
    });
  if (state === 'closed') throw voucherConflict('voucher_window_closed', 'voucher.windowClosed');
}

const FAILURE_TEXT: Record<EligibilityFailure, { zh: string; en: string }> = {
  company_not_verified: { zh: '公司尚未通过认证', en: 'the company is not verified' },
  district: {
    zh: '公司注册地不在本计划的适用区域',
    en: 'the company is not registered in a district the programme covers',
  },
  community: {
    zh: '公司尚未加入本计划指定的社区',
    en: 'the company is not a member of a community the programme names',
  },
};

export const failureText = (locale: ServiceContext['locale'], failure: EligibilityFailure) =>
  FAILURE_TEXT[failure][locale === 'en' ? 'en' : 'zh'];

/** A company of the user with what eligibility needs (status, district, approved communities). */
async function ownCompany(ctx: ServiceContext, companyId: number, userId: number) {
  const [rows, memberships] = await ctx.db.batch([
    ctx.db
      .select({ id: companies.id, status: companies.status, district: companies.district })
      .from(companies)
      .where(and(eq(companies.id, companyId), eq(companies.ownerId, userId))),
    ctx.db
      .select({ slug: communityMemberships.communitySlug })
      .from(communityMemberships)
      .where(and(eq(communityMemberships.companyId, companyId), eq(communityMemberships.status, 'approved'))),
  ]);
  const company = rows[0];
  if (!company) throw companyNotFound();
  return { ...company, communities: memberships.map((m) => m.slug) };
}

function assertEligible(
  ctx: ServiceContext,
  programme: VoucherProgramme,
  company: Awaited<ReturnType<typeof ownCompany>>,
) {
  const failures = eligibilityFailures(programme, company);
  if (failures.length > 0) {
    const separator = ctx.locale === 'en' ? '; ' : '；';
    throw new AppError(409, 'not_eligible', 'voucher.notEligible', {
      reasons: failures.map((f) => failureText(ctx.locale, f)).join(separator),
    });
  }
}

/**
 * The provider must be approved for the programme's kind, verified, and not the applicant: neither
 * the applying company nor another company of the same owner (who would redeem their own voucher).
 */
async function assertProvider(
  ctx: ServiceContext,
  programme: VoucherProgramme,
  providerId: number,
  companyId: number,
  ownerId: number,
) {
  const [row] = await ctx.db
    .select({ id: voucherProviders.id })
    .from(voucherProviders)
    .innerJoin(companies, eq(companies.id, voucherProviders.companyId))
    .where(
      and(
        eq(voucherProviders.companyId, providerId),
        eq(voucherProviders.kind, programme.kind),
        eq(voucherProviders.status, 'approved'),
        eq(companies.status, 'verified'),
        sql`coalesce(${companies.ownerId}, 0) <> ${ownerId}`,
      ),
    );
  if (!row || providerId === companyId)
    throw validation({ providerCompanyId: [translate(ctx.locale, 'voucher.providerNotApproved')] });
}

function assertDeclarations(
  ctx: ServiceContext,
  a: { declaredUnrelated: boolean; declaredNotSubsidised: boolean },
) {
  const errors: Record<string, string[]> = {};
  const message = translate(ctx.locale, 'voucher.declarationRequired');
  if (!a.declaredUnrelated) errors.declaredUnrelated = [message];
  if (!a.declaredNotSubsidised) errors.declaredNotSubsidised = [message];
  if (Object.keys(errors).length > 0) throw validation(errors);
}

const contractTaken = () => voucherConflict('contract_already_subsidised', 'voucher.contractTaken');

export async function createApplication({
  ctx,
  slug,
  input,
}: {
  ctx: ServiceContext;
  slug: string;
  input: CreateVoucherApplication;
}): Promise<ApplicationRecord> {
  const user = requireVerifiedUser(ctx);
  const programme = requireProgramme(ctx, slug);
  assertWindowOpen(ctx, programme);
  const company = await ownCompany(ctx, input.companyId, user.id);
  assertEligible(ctx, programme, company);
  await assertProvider(ctx, programme, input.providerCompanyId, input.companyId, user.id);
  if (input.submit) assertDeclarations(ctx, input);
  try {
    const [inserted] = await ctx.db
      .insert(voucherApplications)
      .values({
        programmeSlug: programme.slug,
        companyId: input.companyId,
        applicantId: user.id,
        providerCompanyId: input.providerCompanyId,
        contractRef: input.contractRef,
        plannedSpendFen: input.plannedSpend,
        requestedFen: input.requestedAmount,
        declaredUnrelated: input.declaredUnrelated,
        declaredNotSubsidised: input.declaredNotSubsidised,
        status: input.submit ? 'submitted' : 'draft',
        stage: input.submit ? 'formal' : null,
        submittedAt: input.submit ? ctx.now : null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning({ id: voucherApplications.id });
    return await loadApplication(ctx, (inserted as { id: number }).id);
  } catch (err) {
    if (isUniqueViolation(err)) throw contractTaken();
    throw err;
  }
}

/** An application of one of the user's companies (404 for anyone else's: its existence is private). */
export async function ownApplication(ctx: ServiceContext, id: number): Promise<ApplicationRecord> {
  const user = requireVerifiedUser(ctx);
  const row = await loadApplication(ctx, id);
  if (row.companyOwnerId !== user.id) throw applicationNotFound();
  return row;
}

/**
 * The founder's own application with its programme and the providers of the programme's kind, in
 * one round trip (the edit page): the providers of every kind travel with the application.
 */
export async function ownApplicationToEdit(
  ctx: ServiceContext,
  id: number,
): Promise<{
  application: ApplicationRecord;
  programme: VoucherProgramme;
  providers: Array<{ id: number; name: string }>;
}> {
  const user = requireVerifiedUser(ctx);
  const kinds = [...new Set(ctx.catalog.vouchers.map((p) => p.kind))];
  const [[application], providers] = await ctx.db.batch([
    applicationsQuery(ctx.db, eq(voucherApplications.id, id)),
    approvedProviders(ctx.db, kinds),
  ]);
  if (!application || application.companyOwnerId !== user.id) throw applicationNotFound();
  const programme = requireProgramme(ctx, application.programmeSlug);
  return {
    application,
    programme,
    providers: providers.filter((p) => p.kind === programme.kind).map(({ id, name }) => ({ id, name })),
  };
}

export async function updateApplication({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: number;
  input: UpdateVoucherApplication;
}): Promise<ApplicationRecord> {
  const current = await ownApplication(ctx, id);
  if (!(EDITABLE as readonly string[]).includes(current.status))
    throw voucherConflict('application_not_editable', 'voucher.notEditable');
  const programme = requireProgramme(ctx, current.programmeSlug);
  const next = {
    providerCompanyId: input.providerCompanyId ?? current.providerCompanyId,
    contractRef: input.contractRef ?? current.contractRef,
    plannedSpendFen: input.plannedSpend ?? current.plannedSpendFen,
    requestedFen: input.requestedAmount ?? current.requestedFen,
    declaredUnrelated: input.declaredUnrelated ?? current.declaredUnrelated,
    declaredNotSubsidised: input.declaredNotSubsidised ?? current.declaredNotSubsidised,
  };
  if (next.requestedFen > next.plannedSpendFen)
    throw validation({ requestedAmount: [translate(ctx.locale, 'voucher.requestedAboveSpend')] });
  if (input.providerCompanyId !== undefined)
    await assertProvider(
      ctx,
      programme,
      next.providerCompanyId,
      current.companyId,
      current.companyOwnerId ?? 0,
    );
  try {
    const [changed] = await ctx.db
      .update(voucherApplications)
      .set({ ...next, updatedAt: ctx.now })
      .where(and(eq(voucherApplications.id, id), inArray(voucherApplications.status, EDITABLE)))
      .returning({ id: voucherApplications.id });
    if (!changed) throw voucherConflict('application_not_editable', 'voucher.notEditable');
  } catch (err) {
    if (isUniqueViolation(err)) throw contractTaken();
    throw err;
  }
  return loadApplication(ctx, id);
}

/** Submits a draft or answers a return: back to 形式审查 with the stages' reviewers cleared. */
export async function submitApplication({ ctx, id }: { ctx: ServiceContext; id: number }) {
  const current = await ownApplication(ctx, id);
  if (!(EDITABLE as readonly string[]).includes(current.status))
    throw voucherConflict('application_not_editable', 'voucher.notEditable');
  const programme = requireProgramme(ctx, current.programmeSlug);
  assertWindowOpen(ctx, programme);
  const user = requireVerifiedUser(ctx);
  assertEligible(ctx, programme, await ownCompany(ctx, current.companyId, user.id));
  await assertProvider(ctx, programme, current.providerCompanyId, current.companyId, user.id);
  assertDeclarations(ctx, current);
  try {
    const [changed] = await ctx.db.batch([
      ctx.db
        .update(voucherApplications)
        .set({
          status: 'submitted',
          stage: 'formal',
          formalBy: null,
          reviewBy: null,
          submittedAt: ctx.now,
          updatedAt: ctx.now,
        })
        .where(and(eq(voucherApplications.id, id), inArray(voucherApplications.status, EDITABLE)))
        .returning({ id: voucherApplications.id }),
      auditInsertWhere(
        ctx,
        {
          action: 'voucher_application.submit',
          targetType: 'voucher_application',
          targetId: id,
          before: { status: current.status },
          after: { status: 'submitted', stage: 'formal' },
          actor: user,
        },
        sql`exists (select 1 from ${voucherApplications} where ${voucherApplications.id} = ${id}
          and ${voucherApplications.status} = 'submitted' and ${voucherApplications.submittedAt} = ${ctx.now.getTime()})`,
      ),
    ]);
    if (changed.length === 0) throw voucherConflict('application_not_editable', 'voucher.notEditable');
  } catch (err) {
    if (isUniqueViolation(err)) throw contractTaken();
    throw err;
  }
  return loadApplication(ctx, id);
}

export async function withdrawApplication({ ctx, id }: { ctx: ServiceContext; id: number }) {
  await ownApplication(ctx, id);
  const [changed] = await ctx.db
    .update(voucherApplications)
    .set({ status: 'withdrawn', stage: null, updatedAt: ctx.now })
    .where(
      and(
        eq(voucherApplications.id, id),
        inArray(voucherApplications.status, ['draft', 'submitted', 'returned']),
      ),
    )
    .returning({ id: voucherApplications.id });
  if (!changed) throw voucherConflict('application_not_editable', 'voucher.notEditable');
  return loadApplication(ctx, id);
}

export async function listMyApplications({ ctx }: { ctx: ServiceContext }) {
  return myApplicationsQuery(ctx.db, requireVerifiedUser(ctx).id);
}

/** The applications of one owner's companies, latest change first, as a query for a batch. */
export const myApplicationsQuery = (db: ServiceContext['db'], ownerId: number) =>
  applicationsQuery(db, eq(companies.ownerId, ownerId)).orderBy(desc(voucherApplications.updatedAt));
