/**
 * The leader links the team's company after creation (say, once the company is verified) and,
 * through the entry, one of that company's approved products, until the contest's submissionCloses
 * (to the second), like every other change to what the team submits. The company must be one of
 * the leader's own verified companies; keeping the one already linked is always allowed (a new
 * leader need not own the company the team was created with). Choosing another company drops an
 * entry's product of the old company unless a product of the new one is given. The writes and the
 * audit row (team.link_company) are one batch, each on condition that the caller still leads.
 */
import { and, eq, sql } from 'drizzle-orm';
import { requireUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { companies, entries, products, teams } from '../../db/schema';
import { auditInsertWhere } from '../../lib/audit';
import { AppError, type ProblemCode } from '../../lib/errors';
import { formatInstant } from '../../lib/format-instant';
import { type MessageKey, translate } from '../../lib/messages';
import type { LinkTeamCompany } from '../../schemas/teams';
import { loadTeam } from './load-team';
import { leaderChanged, leaderOnly, notTeamMember } from './shared';

export interface LinkedCompany {
  companyId: number | null;
  /** The entry's product now (null also when the team has no entry). */
  productId: number | null;
  /** Whether anything changed (an unchanged form writes nothing and logs nothing). */
  changed: boolean;
}

export async function linkTeamCompany({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: LinkTeamCompany & { teamId: number };
}): Promise<LinkedCompany> {
  const user = requireUser(ctx);
  const team = await loadTeam({ ctx, input: { teamId: input.teamId } });
  if (!team.isMember) throw notTeamMember();
  if (!team.isLeader) throw leaderOnly();
  if (!team.phase.submissionOpen) {
    throw new AppError(409, 'submission_closed', 'team.linkClosed', {
      deadline: formatInstant(ctx.locale, team.contest.timeline.submissionCloses),
    });
  }
  const userId = user.id;
  const { db } = ctx;
  const companyId = input.companyId;
  const currentProductId = team.entry?.productId ?? null;
  const productToCheck = input.productId === undefined ? currentProductId : input.productId;
  const [companyRows, productRows] = await db.batch([
    db
      .select({ ownerId: companies.ownerId, status: companies.status })
      .from(companies)
      .where(eq(companies.id, companyId ?? -1)),
    db
      .select({ id: products.id, companyId: products.companyId, status: products.status })
      .from(products)
      .where(eq(products.id, productToCheck ?? -1)),
  ]);

  /** A refusal that also marks the form field it is about. */
  const fieldError = (field: 'companyId' | 'productId', status: number, code: ProblemCode, key: MessageKey) =>
    new AppError(status, code, key, {}, { [field]: [translate(ctx.locale, key)] });

  if (companyId !== null && companyId !== team.companyId) {
    const company = companyRows[0];
    if (!company || company.ownerId !== userId)
      throw fieldError('companyId', 403, 'company_not_owned', 'team.companyNotOwned');
    if (company.status !== 'verified')
      throw fieldError('companyId', 409, 'company_not_verified', 'team.companyNotVerified');
  }

  const product = productRows[0];
  let productId: number | null;
  if (input.productId === undefined) {
    // Kept while it still belongs to the team's company.
    productId = product && companyId !== null && product.companyId === companyId ? product.id : null;
  } else if (input.productId === null) {
    productId = null;
  } else {
    if (!team.entry) throw fieldError('productId', 422, 'validation_failed', 'team.productNeedsEntry');
    if (!product || companyId === null || product.companyId !== companyId || product.status !== 'approved')
      throw fieldError('productId', 422, 'product_not_owned', 'team.productNotOwned');
    productId = product.id;
  }
  if (!team.entry) productId = null;

  const before = { companyId: team.companyId, productId: currentProductId };
  const after = { companyId, productId };
  if (before.companyId === after.companyId && before.productId === after.productId) {
    return { ...after, changed: false };
  }
  const stillLeads = sql`exists (select 1 from ${teams} where ${teams.id} = ${team.id} and ${teams.leaderId} = ${userId})`;
  const audit = auditInsertWhere(
    ctx,
    { action: 'team.link_company', targetType: 'team', targetId: team.id, actor: user, before, after },
    stillLeads,
  );
  const setCompany = db
    .update(teams)
    .set({ companyId, updatedAt: ctx.now })
    .where(and(eq(teams.id, team.id), eq(teams.leaderId, userId)))
    .returning({ id: teams.id });
  const [updated] =
    productId === currentProductId
      ? await db.batch([setCompany, audit])
      : await db.batch([
          setCompany,
          db
            .update(entries)
            .set({ productId, updatedAt: ctx.now })
            .where(and(eq(entries.teamId, team.id), stillLeads)),
          audit,
        ]);
  if (updated.length === 0) throw leaderChanged();
  return { ...after, changed: true };
}
