/**
 * 公示 of voucher grants: during the programme's notice days after an approval, verified users file
 * real-name objections (the objector's name is for organizers only); an organizer answers publicly
 * and either keeps the grant — the voucher is issued once the notice is over and no objection is
 * open, no earlier than the answer — or cancels it, which releases its amount to the budget and the
 * company's year total in the same batch.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { requireRole, requireVerifiedUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { isUniqueViolation } from '../../db/errors';
import { companies, voucherApplications, voucherObjections } from '../../db/schema';
import { auditInsertWhere } from '../../lib/audit';
import { AppError, isAppError, notFound } from '../../lib/errors';
import type { VoucherObjection, VoucherObjectionAnswer } from '../../schemas/vouchers';
import { programmeSeries } from './programme-rules';
import { noticeEnds } from './programmes';
import { loadApplication, requireProgramme, voucherConflict } from './records';

const DAY = 86_400_000;

export async function fileObjection({
  ctx,
  input,
  slug,
}: {
  ctx: ServiceContext;
  input: VoucherObjection;
  /** The programme whose page the objection comes from: a grant of another programme is not found. */
  slug?: string;
}) {
  const user = requireVerifiedUser(ctx);
  const application = await loadApplication(ctx, input.applicationId).catch((err: unknown) => {
    if (isAppError(err) && err.status === 404) return null;
    throw err;
  });
  if (
    !application ||
    (slug !== undefined && application.programmeSlug !== slug) ||
    !application.decidedAt ||
    !['approved', 'cancelled'].includes(application.status)
  )
    throw notFound('voucher_application_not_found');
  const programme = requireProgramme(ctx, application.programmeSlug);
  const closes = noticeEnds(programme, application.decidedAt).getTime();
  // The window is checked again by the insert itself.
  const [inserted] = await ctx.db
    .all<{ id: number }>(sql`insert into voucher_objections
      (application_id, programme_slug, user_id, real_name, reason, status, created_at)
      select a.id, a.programme_slug, ${user.id}, ${input.realName}, ${input.reason}, 'open', ${ctx.now.getTime()}
      from voucher_applications a
      where a.id = ${application.id} and a.status = 'approved' and ${ctx.now.getTime()} < ${closes}
      returning id`)
    .catch((err: unknown) => {
      // One open objection per person and grant (a partial unique index).
      if (isUniqueViolation(err)) throw voucherConflict('already_decided', 'voucher.objectionOpen');
      throw err;
    });
  if (!inserted) throw voucherConflict('notice_closed', 'voucher.noticeClosed');
  return { id: inserted.id, closes: new Date(closes) };
}

/** Objections for organizers, open first, with the objector's real name. */
export async function listObjectionsForStaff({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx, 'organizer');
  return staffObjectionsQuery(ctx.db);
}

export const staffObjectionsQuery = (db: ServiceContext['db']) =>
  db
    .select({
      id: voucherObjections.id,
      applicationId: voucherObjections.applicationId,
      programmeSlug: voucherObjections.programmeSlug,
      companyName: companies.name,
      realName: voucherObjections.realName,
      reason: voucherObjections.reason,
      status: voucherObjections.status,
      outcome: voucherObjections.outcome,
      answer: voucherObjections.answer,
      createdAt: voucherObjections.createdAt,
    })
    .from(voucherObjections)
    .innerJoin(voucherApplications, eq(voucherApplications.id, voucherObjections.applicationId))
    .innerJoin(companies, eq(companies.id, voucherApplications.companyId))
    .orderBy(sql`${voucherObjections.status} = 'resolved'`, desc(voucherObjections.createdAt))
    .limit(200);

export async function answerObjection({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: VoucherObjectionAnswer;
}) {
  const user = requireRole(ctx, 'organizer');
  const [objection] = await ctx.db
    .select({ applicationId: voucherObjections.applicationId, status: voucherObjections.status })
    .from(voucherObjections)
    .where(eq(voucherObjections.id, input.objectionId));
  if (!objection) throw notFound('objection_not_found');
  const application = await loadApplication(ctx, objection.applicationId);
  if (
    application.companyOwnerId === user.id ||
    application.providerOwnerId === user.id ||
    application.applicantId === user.id
  )
    throw new AppError(403, 'reviewer_conflict', 'voucher.reviewerConflict');
  const programme = requireProgramme(ctx, application.programmeSlug);
  const now = ctx.now.getTime();
  const answered = sql`exists (select 1 from voucher_objections o where o.id = ${input.objectionId}
    and o.answered_at = ${now} and o.answered_by = ${user.id})`;
  const unused = sql`(select amount_fen - redeemed_fen - pending_fen from vouchers v
    where v.application_id = ${application.id} and v.status = 'granted')`;
  const effects =
    input.outcome === 'kept'
      ? [
          // Issued after the notice and after this answer, valid for its full term from then.
          ctx.db.run(sql`update vouchers set issue_after = max(issue_after, ${now}),
            expires_at = max(issue_after, ${now}) + ${programme.validityDays * DAY}, updated_at = ${now}
            where application_id = ${application.id} and status = 'granted' and ${answered}`),
        ]
      : [
          ctx.db.run(sql`update voucher_budgets set committed_fen = committed_fen - coalesce(${unused}, 0)
            where programme_slug = ${programme.slug} and ${answered}`),
          ctx.db.run(sql`update voucher_company_years set granted_fen = granted_fen - coalesce(${unused}, 0)
            where series = ${programmeSeries(programme)} and company_id = ${application.companyId}
              and year = ${application.grantYear ?? 0} and ${answered}`),
          ctx.db.run(sql`update vouchers set status = 'cancelled', released_fen = amount_fen - redeemed_fen - pending_fen,
            updated_at = ${now} where application_id = ${application.id} and status = 'granted' and ${answered}`),
          ctx.db
            .update(voucherApplications)
            .set({ status: 'cancelled', reason: input.answer, updatedAt: ctx.now })
            .where(
              and(
                eq(voucherApplications.id, application.id),
                eq(voucherApplications.status, 'approved'),
                answered,
              ),
            ),
        ];
  const [changed] = await ctx.db.batch([
    ctx.db
      .update(voucherObjections)
      .set({
        status: 'resolved',
        outcome: input.outcome,
        answer: input.answer,
        answeredBy: user.id,
        answeredAt: ctx.now,
      })
      .where(and(eq(voucherObjections.id, input.objectionId), eq(voucherObjections.status, 'open')))
      .returning({ id: voucherObjections.id }),
    ...effects,
    auditInsertWhere(
      ctx,
      {
        action: 'voucher_objection.answer',
        targetType: 'voucher_objection',
        targetId: input.objectionId,
        before: { status: 'open' },
        after: { status: 'resolved', outcome: input.outcome, applicationId: application.id },
        actor: user,
      },
      answered,
    ),
  ]);
  if (changed.length === 0) throw voucherConflict('already_decided', 'moderation.alreadyDecided');
}
