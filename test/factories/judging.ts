/** Builders of judging rows for tests: entries, judge assignments, team members and raw scores. */
import type { Db } from '~/functions/db/client';
import { entries, judgeAssignments, scores, teamMembers } from '~/functions/db/schema';

const at = new Date('2026-10-20T10:00:00+08:00');
let sequence = 0;

export async function insertEntry(
  db: Db,
  team: { id: number; contestSlug: string },
  overrides: Partial<typeof entries.$inferInsert> = {},
) {
  sequence += 1;
  const [row] = await db
    .insert(entries)
    .values({
      teamId: team.id,
      contestSlug: team.contestSlug,
      title: `作品${sequence}`,
      summary: '作品简介',
      demoUrl: 'https://demo.example.com',
      repoUrl: 'https://git.example.com/repo',
      createdAt: at,
      updatedAt: at,
      ...overrides,
    })
    .returning();
  if (!row) throw new Error('insertEntry failed');
  return row;
}

export async function addMember(
  db: Db,
  team: { id: number; contestSlug: string },
  userId: number,
  joinedAt = new Date('2026-11-02T00:00:00Z'),
) {
  await db.insert(teamMembers).values({ teamId: team.id, userId, contestSlug: team.contestSlug, joinedAt });
}

export async function assignJudgeRow(db: Db, contestSlug: string, userId: number, createdAt = at) {
  await db.insert(judgeAssignments).values({ contestSlug, userId, createdAt });
}

/** Scores written straight to the table (e.g. a partial sheet the API would refuse). */
export async function insertScores(db: Db, entryId: number, judgeId: number, sheet: Record<string, number>) {
  await db.insert(scores).values(
    Object.entries(sheet).map(([criterion, score]) => ({
      entryId,
      judgeId,
      criterion,
      score,
      comment: '',
      updatedAt: at,
    })),
  );
}
