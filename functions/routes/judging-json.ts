/** Maps judging service results to their JSON shapes (functions/schemas/judging-api.ts). */
import type { z } from '@hono/zod-openapi';
import { shanghaiIso } from '../lib/shanghai-time';
import type {
  AdminEntry,
  AdminObjection,
  JudgeAssignment,
  JudgeEntry,
  PublicObjection,
  Results,
} from '../schemas/judging-api';
import type { JudgeEntryView } from '../services/judging/get-judge-entry';
import type {
  PublicObjection as PublicObjectionRow,
  Results as ResultsView,
} from '../services/judging/get-results';
import type { JudgeAssignmentView } from '../services/judging/list-my-assignments';
import type { AdminObjection as AdminObjectionRow } from '../services/judging/shared';
import type { Standings } from '../services/judging/standings';

const iso = (d: Date | null) => (d ? shanghaiIso(d) : null);

export const toAdminEntries = (standings: Standings): Array<z.infer<typeof AdminEntry>> =>
  standings.items.map((s) => ({
    id: s.entry.id,
    teamId: s.entry.teamId,
    teamName: s.entry.teamName,
    track: s.entry.track,
    title: s.entry.title,
    status: s.entry.status,
    prizeKey: s.entry.prizeKey,
    judges: s.judges.map((j, i) => ({
      judgeId: j.judgeId,
      pseudonym: standings.judges[i]?.judgePseudonym ?? null,
      name: standings.judges[i]?.name ?? null,
      conflicted: j.conflicted,
      criteria: j.criteria,
      weighted: j.weighted,
    })),
    mean: s.mean,
    median: s.median,
    scoredBy: s.scoredBy,
    judgeCount: s.judgeCount,
    rank: s.rank,
  }));

const toPublicObjection = (o: PublicObjectionRow): z.infer<typeof PublicObjection> => ({
  id: o.id,
  entryId: o.entryId,
  entryTitle: o.entryTitle,
  reason: o.reason,
  status: o.status,
  answer: o.answer,
  answeredAt: iso(o.answeredAt),
  createdAt: shanghaiIso(o.createdAt),
});

export const toAdminObjection = (o: AdminObjectionRow): z.infer<typeof AdminObjection> => ({
  ...toPublicObjection(o),
  realName: o.realName,
  userId: o.userId,
  userName: o.userName,
  userEmail: o.userEmail,
});

export const toJudgeAssignment = (a: JudgeAssignmentView): z.infer<typeof JudgeAssignment> => ({
  contest: a.contest.slug,
  phase: a.phase.phase,
  judgingOpen: a.phase.judgingOpen,
  judgingOpens: shanghaiIso(a.contest.timeline.submissionCloses),
  judgingCloses: shanghaiIso(a.contest.timeline.judgingCloses),
  scored: a.scored,
  total: a.total,
});

const rubricOf = (view: { contest: JudgeEntryView['contest'] }) =>
  view.contest.rubric.map((c) => ({ key: c.key, weight: c.weight, max: c.max }));

export const toJudgeEntry = (view: JudgeEntryView): z.infer<typeof JudgeEntry> => ({
  ...view.entry,
  contest: view.contest.slug,
  judgingOpen: view.phase.judgingOpen,
  judgingCloses: shanghaiIso(view.contest.timeline.judgingCloses),
  rubric: rubricOf(view),
  scores: view.scores,
  weighted: view.weighted,
});

export const toResults = (r: ResultsView): z.infer<typeof Results> => ({
  contest: r.contest.slug,
  publishedAt: shanghaiIso(r.publishedAt),
  objectionOpen: r.phase.objectionOpen,
  objectionCloses: shanghaiIso(r.phase.objectionCloses ?? r.publishedAt),
  judgeCount: r.judgeCount,
  rubric: rubricOf(r),
  items: r.items.map((row) => ({
    rank: row.rank,
    entryId: row.entry.id,
    title: row.entry.title,
    teamName: row.entry.teamName,
    track: row.entry.track,
    status: row.status,
    prizeKey: row.prizeKey,
    mean: row.mean,
    median: row.median,
    scoredBy: row.scoredBy,
    judgeCount: row.judgeCount,
  })),
  objections: r.objections.map(toPublicObjection),
});
