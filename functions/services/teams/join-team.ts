/**
 * Joins a team by invite code while registration is open. The size limit and "one team per person
 * per contest" hold under concurrent requests because the database decides: a conditional insert
 * that only adds the row while member_count (kept by triggers) is below the contest's maximum, and
 * the unique (contest, user) index. No read-then-write in JavaScript.
 */
import { eq, sql } from 'drizzle-orm';
import { requireVerifiedUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { isTriggerRefusal, isUniqueViolation } from '../../db/errors';
import { resultPublications, teams } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { enforceRateLimits } from '../../lib/rate-limit';
import type { JoinTeam } from '../../schemas/teams';
import { assertRegistrationOpen, contestOf, phaseOf } from './rules';
import { alreadyInTeam, judgeCannotCompete } from './shared';

export async function joinTeam({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: JoinTeam;
}): Promise<{ teamId: number; contestSlug: string }> {
  const user = requireVerifiedUser(ctx);
  // Invite codes are 80 random bits; the limits still keep anyone from trying them in bulk.
  const rules = ctx.config.rateLimitRules;
  await enforceRateLimits(ctx, [
    { key: `team-join:user:${user.id}`, rule: rules.teamJoinAccount },
    { key: `team-join:ip:${ctx.clientIp}`, rule: rules.teamJoinIp },
  ]);
  const { db } = ctx;
  // The team and its contest's publication in one round trip.
  const [found, publications] = await db.batch([
    db
      .select({ id: teams.id, contestSlug: teams.contestSlug })
      .from(teams)
      .where(eq(teams.inviteCode, input.inviteCode)),
    db
      .select({ publishedAt: resultPublications.publishedAt })
      .from(resultPublications)
      .where(
        eq(
          resultPublications.contestSlug,
          db.select({ slug: teams.contestSlug }).from(teams).where(eq(teams.inviteCode, input.inviteCode)),
        ),
      ),
  ]);
  const team = found[0];
  if (!team) throw new AppError(404, 'invite_invalid', 'team.inviteInvalid');
  const contest = contestOf(ctx, team.contestSlug);
  assertRegistrationOpen(phaseOf(contest, ctx.now, publications[0]?.publishedAt));

  let added: number;
  try {
    const result = await db.run(sql`INSERT INTO team_members (team_id, user_id, contest_slug, joined_at)
      SELECT id, ${user.id}, contest_slug, ${ctx.now.getTime()} FROM teams
      WHERE id = ${team.id} AND member_count < ${contest.teamSize.max}`);
    added = result.rowsAffected;
  } catch (err) {
    if (isUniqueViolation(err)) throw alreadyInTeam();
    if (isTriggerRefusal(err, 'judge_cannot_compete')) throw judgeCannotCompete();
    throw err;
  }
  if (added === 0) throw new AppError(409, 'team_full', 'team.full', { max: contest.teamSize.max });
  return { teamId: team.id, contestSlug: contest.slug };
}
