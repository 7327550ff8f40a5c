/**
 * An organizer approves or declines a pending community membership application, in one transaction
 * with its audit row and the founder's notification. Only a verified company can be approved.
 */
import { and, eq } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { communityMemberships, companies, users } from '../../db/schema';
import { alreadyDecided, conflict, notFound } from '../../lib/errors';
import type { MembershipDecision } from '../../schemas/submissions';
import type { DecisionResult } from './decide-company';
import { deliverAfterCommit, recordDecision, subjects } from './record-decision';

export async function decideMembership({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: MembershipDecision & { id: number };
}): Promise<DecisionResult<'approved' | 'declined'>> {
  const actor = requireRole(ctx, 'organizer');
  const result = await ctx.db.transaction(async (tx): Promise<DecisionResult<'approved' | 'declined'>> => {
    const [row] = await tx
      .select({
        status: communityMemberships.status,
        decisionReason: communityMemberships.decisionReason,
        communitySlug: communityMemberships.communitySlug,
        companyName: companies.name,
        companyStatus: companies.status,
        owner: { email: users.email, name: users.name, locale: users.locale },
      })
      .from(communityMemberships)
      .innerJoin(companies, eq(companies.id, communityMemberships.companyId))
      .leftJoin(users, eq(users.id, companies.ownerId))
      .where(eq(communityMemberships.id, input.id));
    if (!row) throw notFound('membership_not_found');
    if (row.status !== 'pending') throw alreadyDecided();
    const status = input.decision === 'approve' ? 'approved' : 'declined';
    if (status === 'approved' && row.companyStatus !== 'verified') {
      throw conflict('company_not_verified', 'moderation.membershipCompanyNotVerified');
    }
    const reason = status === 'declined' ? (input.reason ?? null) : null;
    await tx
      .update(communityMemberships)
      .set({ status, decisionReason: reason, decidedBy: actor.id, decidedAt: ctx.now })
      .where(and(eq(communityMemberships.id, input.id), eq(communityMemberships.status, 'pending')));
    const community = ctx.catalog.community(row.communitySlug)?.name ?? {
      zh: row.communitySlug,
      en: row.communitySlug,
    };
    await recordDecision(tx, ctx, {
      audit: {
        action: `membership.${input.decision}`,
        targetType: 'community_membership',
        targetId: input.id,
        before: { status: row.status, decisionReason: row.decisionReason },
        after: { status, decisionReason: reason },
      },
      owner: row.owner,
      subject: subjects.membership(row.companyName, community),
      decision: status === 'approved' ? 'approved' : 'rejected',
      reason,
    });
    return { id: input.id, status, reason };
  });
  deliverAfterCommit(ctx);
  return result;
}
