/**
 * Response schemas of judging, results and objections (instants as ISO 8601 with +08:00). Scores are
 * full-precision numbers; pages show two decimals. Rank-ordered lists are whole (a ranking needs every
 * entry of the contest), so their `nextCursor` is always null.
 */
import { z } from '@hono/zod-openapi';
import { Instant } from './api';
import { CONTEST_PHASES } from './contests';
import { ENTRY_STATUSES } from './judging';

const Score = z.number().nullable();
const Phase = z.enum(CONTEST_PHASES);
const Status = z.enum(ENTRY_STATUSES);

const DeletedJudge = 'Null for a judge whose account was deleted after publication (kept under `pseudonym`)';

export const Judge = z
  .object({
    userId: z.int().nullable().openapi({ description: DeletedJudge }),
    pseudonym: z
      .string()
      .nullable()
      .openapi({ description: 'The audit pseudonym of a judge whose account was deleted, else null' }),
    name: z.string().nullable().openapi({ description: DeletedJudge }),
    email: z.string().nullable().openapi({ description: DeletedJudge }),
    assignedAt: Instant,
    scored: z.int().openapi({ description: 'Entries this judge has fully scored' }),
    eligible: z.int().openapi({ description: 'Entries this judge may score (no conflict of interest)' }),
  })
  .openapi('Judge');

export const JudgeList = z.object({ items: z.array(Judge), nextCursor: z.null() }).openapi('JudgeList');

export const AdminEntry = z
  .object({
    id: z.int(),
    teamId: z.int(),
    teamName: z.string(),
    track: z.string(),
    title: z.string(),
    status: Status,
    prizeKey: z.string().nullable(),
    judges: z.array(
      z.object({
        judgeId: z.int().nullable().openapi({ description: DeletedJudge }),
        pseudonym: z.string().nullable(),
        name: z.string().nullable().openapi({ description: DeletedJudge }),
        conflicted: z.boolean(),
        criteria: z.record(z.string(), z.object({ score: z.number(), comment: z.string() })),
        weighted: Score,
      }),
    ),
    mean: Score,
    median: Score,
    scoredBy: z.int(),
    judgeCount: z.int().openapi({ description: 'Assigned judges without a conflict on this entry' }),
    rank: z.int().nullable(),
  })
  .openapi('AdminEntry');

export const AdminEntryList = z
  .object({ phase: Phase, publishedAt: Instant.nullable(), items: z.array(AdminEntry), nextCursor: z.null() })
  .openapi('AdminEntryList');

export const EntryStatusResult = z
  .object({ id: z.int(), status: Status, prizeKey: z.string().nullable() })
  .openapi('EntryStatusResult');

export const Publication = z
  .object({ publishedAt: Instant, objectionCloses: Instant })
  .openapi('ResultPublication');

const objectionFields = {
  id: z.int(),
  entryId: z.int().nullable(),
  entryTitle: z.string().nullable(),
  reason: z.string(),
  status: z.enum(['open', 'resolved']),
  answer: z.string().nullable(),
  answeredAt: Instant.nullable(),
  createdAt: Instant,
};

export const PublicObjection = z.object(objectionFields).openapi('PublicObjection');

export const AdminObjection = z
  .object({
    ...objectionFields,
    realName: z.string(),
    userId: z.int().nullable(),
    userName: z.string().nullable(),
    userEmail: z.string().nullable(),
  })
  .openapi('AdminObjection');

export const AdminObjectionList = z
  .object({ items: z.array(AdminObjection), nextCursor: z.null() })
  .openapi('AdminObjectionList');

export const AdminContest = z
  .object({
    slug: z.string(),
    phase: Phase,
    entries: z.int(),
    judges: z.int(),
    openObjections: z.int(),
  })
  .openapi('AdminContest');

export const AdminContestList = z
  .object({ items: z.array(AdminContest), nextCursor: z.null() })
  .openapi('AdminContestList');

export const JudgeAssignment = z
  .object({
    contest: z.string(),
    phase: Phase,
    judgingOpen: z.boolean(),
    judgingOpens: Instant,
    judgingCloses: Instant,
    scored: z.int(),
    total: z.int(),
  })
  .openapi('JudgeAssignment');

export const JudgeAssignmentList = z
  .object({ items: z.array(JudgeAssignment), nextCursor: z.null() })
  .openapi('JudgeAssignmentList');

export const JudgeEntrySummary = z
  .object({
    id: z.int(),
    title: z.string(),
    teamName: z.string(),
    track: z.string(),
    done: z.boolean(),
    weighted: Score,
  })
  .openapi('JudgeEntrySummary');

export const JudgeEntryList = z
  .object({
    contest: z.string(),
    phase: Phase,
    judgingOpen: z.boolean(),
    judgingCloses: Instant,
    progress: z.object({ scored: z.int(), total: z.int() }),
    items: z.array(JudgeEntrySummary),
    nextCursor: z.null(),
  })
  .openapi('JudgeEntryList');

export const JudgeEntry = z
  .object({
    id: z.int(),
    contest: z.string(),
    title: z.string(),
    summary: z.string(),
    demoUrl: z.string(),
    repoUrl: z.string(),
    teamName: z.string(),
    track: z.string(),
    judgingOpen: z.boolean(),
    judgingCloses: Instant,
    rubric: z.array(z.object({ key: z.string(), weight: z.int(), max: z.int() })),
    scores: z.record(z.string(), z.object({ score: z.number(), comment: z.string() })),
    weighted: Score,
  })
  .openapi('JudgeEntry');

export const GalleryEntry = z
  .object({
    id: z.int(),
    title: z.string(),
    summary: z.string(),
    demoUrl: z.string(),
    repoUrl: z.string(),
    teamName: z.string(),
    track: z.string(),
    status: Status.nullable().openapi({ description: 'Only once results are published' }),
    prizeKey: z.string().nullable(),
  })
  .openapi('GalleryEntry');

export const Gallery = z
  .object({ contest: z.string(), phase: Phase, items: z.array(GalleryEntry), nextCursor: z.null() })
  .openapi('EntryGallery');

export const ResultRow = z
  .object({
    rank: z.int().nullable(),
    entryId: z.int(),
    title: z.string(),
    teamName: z.string(),
    track: z.string(),
    status: Status,
    prizeKey: z.string().nullable(),
    mean: Score,
    median: Score,
    scoredBy: z.int(),
    judgeCount: z.int(),
  })
  .openapi('ResultRow');

export const Results = z
  .object({
    contest: z.string(),
    publishedAt: Instant,
    objectionOpen: z.boolean(),
    objectionCloses: Instant,
    judgeCount: z.int(),
    rubric: z.array(z.object({ key: z.string(), weight: z.int(), max: z.int() })),
    items: z.array(ResultRow),
    objections: z.array(PublicObjection),
  })
  .openapi('Results');

export const ObjectionCreated = z.object({ id: z.int() }).openapi('ObjectionCreated');
