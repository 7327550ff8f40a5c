/**
 * Creates a team and makes its creator the leader, atomically (one batch): the unique indexes refuse
 * a second team of the same name in the contest and a creator already in a team of this contest.
 */
import { and, eq, sql } from 'drizzle-orm';
import { requireVerifiedUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { isTriggerRefusal, isUniqueViolation, sqliteFailure } from '../../db/errors';
import { companies, teams } from '../../db/schema';
import { AppError, validation } from '../../lib/errors';
import { randomToken } from '../../lib/ids';
import { translate } from '../../lib/messages';
import type { CreateTeam } from '../../schemas/teams';
import { assertRegistrationOpen, contestOf, phaseOf, publicationQuery } from './rules';
import { alreadyInTeam, judgeCannotCompete } from './shared';

export interface CreatedTeam {
  id: number;
  contestSlug: string;
  track: string;
  name: string;
  inviteCode: string;
}

export async function createTeam({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: CreateTeam & { contestSlug: string };
}): Promise<CreatedTeam> {
  const user = requireVerifiedUser(ctx);
  const contest = contestOf(ctx, input.contestSlug);
  if (!contest.tracks.some((t) => t.key === input.track)) {
    throw validation({ track: [translate(ctx.locale, 'field.track')] });
  }
  const { db } = ctx;
  const [publication, ownCompany] = await db.batch([
    publicationQuery(ctx, contest.slug),
    db
      .select({ id: companies.id })
      .from(companies)
      .where(and(eq(companies.id, input.companyId ?? -1), eq(companies.ownerId, user.id))),
  ]);
  assertRegistrationOpen(phaseOf(contest, ctx.now, publication[0]?.publishedAt));
  if (input.companyId !== undefined && ownCompany.length === 0) {
    throw new AppError(403, 'company_not_owned', 'team.companyNotOwned');
  }
  // 80 random bits: well beyond the 40 the rules ask for, and join attempts are rate limited.
  const inviteCode = randomToken(10);
  try {
    const [inserted] = await db.batch([
      db
        .insert(teams)
        .values({
          contestSlug: contest.slug,
          track: input.track,
          name: input.name,
          nameEn: input.nameEn ?? null,
          leaderId: user.id,
          companyId: input.companyId ?? null,
          inviteCode,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning({ id: teams.id }),
      db.run(sql`INSERT INTO team_members (team_id, user_id, contest_slug, joined_at)
        SELECT id, ${user.id}, contest_slug, ${ctx.now.getTime()} FROM teams WHERE invite_code = ${inviteCode}`),
    ]);
    const id = inserted[0]?.id;
    if (id === undefined) throw new Error('team insert returned no id');
    return { id, contestSlug: contest.slug, track: input.track, name: input.name, inviteCode };
  } catch (err) {
    if (isUniqueViolation(err)) {
      const message = sqliteFailure(err)?.message ?? '';
      if (/teams\.contest_slug, teams\.name|teams_contest_name/.test(message))
        throw new AppError(409, 'team_name_taken', 'team.nameTaken');
      throw alreadyInTeam();
    }
    if (isTriggerRefusal(err, 'judge_cannot_compete')) throw judgeCannotCompete();
    throw err;
  }
}
