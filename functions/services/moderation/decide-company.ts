/**
 * An organizer verifies or rejects a pending company, in one transaction with its audit row and the
 * founder's notification. Only pending companies are decided; a rejected founder resubmits.
 */
import { and, eq } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { companies, users } from '../../db/schema';
import { alreadyDecided, companyNotFound } from '../../lib/errors';
import type { CompanyDecision } from '../../schemas/submissions';
import { deliverAfterCommit, recordDecision, subjects } from './record-decision';

export interface DecisionResult<S extends string> {
  id: number;
  status: S;
  reason: string | null;
}

export async function decideCompany({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: CompanyDecision & { id: number };
}): Promise<DecisionResult<'verified' | 'rejected'>> {
  const actor = requireRole(ctx, 'organizer');
  const result = await ctx.db.transaction(async (tx): Promise<DecisionResult<'verified' | 'rejected'>> => {
    const [row] = await tx
      .select({
        name: companies.name,
        status: companies.status,
        rejectionReason: companies.rejectionReason,
        owner: { email: users.email, name: users.name, locale: users.locale },
      })
      .from(companies)
      .leftJoin(users, eq(users.id, companies.ownerId))
      .where(eq(companies.id, input.id));
    if (!row) throw companyNotFound();
    if (row.status !== 'pending') throw alreadyDecided();
    const status = input.decision === 'verify' ? 'verified' : 'rejected';
    const reason = status === 'rejected' ? (input.reason ?? null) : null;
    await tx
      .update(companies)
      .set({ status, rejectionReason: reason, reviewedBy: actor.id, reviewedAt: ctx.now, updatedAt: ctx.now })
      .where(and(eq(companies.id, input.id), eq(companies.status, 'pending')));
    await recordDecision(tx, ctx, {
      audit: {
        action: `company.${input.decision}`,
        targetType: 'company',
        targetId: input.id,
        before: { status: row.status, rejectionReason: row.rejectionReason },
        after: { status, rejectionReason: reason },
      },
      owner: row.owner,
      subject: subjects.company(row.name),
      decision: status === 'verified' ? 'approved' : 'rejected',
      reason,
    });
    return { id: input.id, status, reason };
  });
  deliverAfterCommit(ctx);
  return result;
}
