/**
 * A team's one entry (unique team_id): created or edited by any member until submissionCloses, to
 * the second; after that every change is refused and the entry stays as submitted. A team below the
 * contest's minimum size cannot submit. The optional product must be an approved product of the
 * team's company.
 */
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { entries, products } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { SaveEntry } from '../../schemas/teams';
import { loadTeam } from './load-team';
import { assertSubmissionOpen } from './rules';
import { notTeamMember } from './shared';

export async function saveEntry({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: SaveEntry & { teamId: number };
}) {
  const team = await loadTeam({ ctx, input: { teamId: input.teamId } });
  if (!team.isMember) throw notTeamMember();
  assertSubmissionOpen(ctx, team.contest, team.phase);
  if (team.members.length < team.contest.teamSize.min) {
    throw new AppError(409, 'team_too_small', 'team.tooSmall', { min: team.contest.teamSize.min });
  }
  const { db } = ctx;
  const values = {
    title: input.title,
    summary: input.summary,
    demoUrl: input.demoUrl,
    repoUrl: input.repoUrl,
    productId: input.productId ?? null,
    updatedAt: ctx.now,
  };
  if (input.productId !== undefined) {
    const [owned] = await db
      .select({ id: products.id })
      .from(products)
      .where(
        and(
          eq(products.id, input.productId),
          eq(products.status, 'approved'),
          eq(products.companyId, team.companyId ?? -1),
        ),
      );
    if (!owned) throw new AppError(422, 'product_not_owned', 'team.productNotOwned');
  }
  const [saved] = await db
    .insert(entries)
    .values({ teamId: team.id, contestSlug: team.contest.slug, ...values, createdAt: ctx.now })
    .onConflictDoUpdate({ target: entries.teamId, set: values })
    .returning();
  if (!saved) throw new Error('entry upsert returned no row');
  return saved;
}
