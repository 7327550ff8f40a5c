/**
 * A founder applies for one of their companies to join a community of the catalog. The unique
 * (company, community) index keeps one application per pair: a pending or approved one answers 409;
 * a declined one is reopened as pending by the same statement, so a founder may re-apply after a
 * decline (docs/decisions/010-submissions-and-moderation.md).
 */
import { and, eq, sql } from 'drizzle-orm';
import { requireVerifiedUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { isUniqueViolation } from '../../db/errors';
import { communityMemberships, companies } from '../../db/schema';
import { companyNotFound, conflict, validation } from '../../lib/errors';
import { translate } from '../../lib/messages';
import type { ApplyMembership } from '../../schemas/submissions';
import { type MembershipRow, membershipColumns } from '../me/own-records';
import { enforceSubmitLimit } from '../me/submit-limit';

/** The company already applied to or belongs to the community. */
const membershipExists = () => conflict('membership_exists', 'membership.exists');

export async function applyMembership({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ApplyMembership & { companyId: number };
}): Promise<MembershipRow> {
  const user = requireVerifiedUser(ctx);
  if (!ctx.catalog.community(input.communitySlug)) {
    throw validation({ communitySlug: [translate(ctx.locale, 'field.community')] });
  }
  // Ownership never changes hands (owner_id only becomes null when the account is deleted).
  const [company] = await ctx.db
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.id, input.companyId), eq(companies.ownerId, user.id)));
  if (!company) throw companyNotFound();
  await enforceSubmitLimit(ctx, user.id);
  try {
    const [row] = await ctx.db
      .insert(communityMemberships)
      .values({
        companyId: company.id,
        communitySlug: input.communitySlug,
        status: 'pending',
        message: input.message ?? null,
        createdAt: ctx.now,
      })
      .onConflictDoUpdate({
        target: [communityMemberships.companyId, communityMemberships.communitySlug],
        set: {
          status: 'pending',
          message: input.message ?? null,
          decisionReason: null,
          decidedBy: null,
          decidedAt: null,
          createdAt: ctx.now,
        },
        setWhere: sql`${communityMemberships.status} = 'declined'`,
      })
      .returning(membershipColumns);
    if (!row) throw membershipExists();
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) throw membershipExists();
    throw err;
  }
}
