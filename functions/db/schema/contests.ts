import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { companies } from './companies';
import { products } from './products';
import { users } from './users';

/**
 * Contest teams. Contests live in content/ and are referred to by slug. `member_count` is kept by
 * triggers so the size limit is a conditional insert checked by the database, not by JavaScript.
 */
export const teams = sqliteTable(
  'teams',
  {
    id: integer('id').primaryKey(),
    contestSlug: text('contest_slug').notNull(),
    track: text('track').notNull(),
    name: text('name').notNull(),
    /** Optional English name, shown on /en/ pages (the Chinese one, marked zh-CN, when missing). */
    nameEn: text('name_en'),
    leaderId: integer('leader_id').references(() => users.id, { onDelete: 'set null' }),
    companyId: integer('company_id').references(() => companies.id, { onDelete: 'set null' }),
    /** Unguessable (≥ 40 bits), shared by the leader; unique across contests. */
    inviteCode: text('invite_code').notNull(),
    memberCount: integer('member_count').notNull().default(0),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('teams_invite_code_unique').on(t.inviteCode),
    uniqueIndex('teams_contest_name_unique').on(t.contestSlug, t.name),
    index('teams_contest_track_idx').on(t.contestSlug, t.track),
    check('teams_member_count_nonneg', sql`${t.memberCount} >= 0`),
  ],
);

/** The unique (contest, user) index is "one team per person per contest". */
export const teamMembers = sqliteTable(
  'team_members',
  {
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    contestSlug: text('contest_slug').notNull(),
    joinedAt: integer('joined_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId] }),
    uniqueIndex('team_members_one_team_per_contest').on(t.contestSlug, t.userId),
    index('team_members_user_idx').on(t.userId),
  ],
);

export const ENTRY_STATUSES = ['submitted', 'shortlisted', 'winner', 'not_selected'] as const;

/** One entry per team (unique team_id), editable until the contest's submissionCloses. */
export const entries = sqliteTable(
  'entries',
  {
    id: integer('id').primaryKey(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    contestSlug: text('contest_slug').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    demoUrl: text('demo_url').notNull(),
    repoUrl: text('repo_url').notNull(),
    productId: integer('product_id').references(() => products.id, { onDelete: 'set null' }),
    status: text('status', { enum: ENTRY_STATUSES }).notNull().default('submitted'),
    prizeKey: text('prize_key'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('entries_team_unique').on(t.teamId),
    index('entries_contest_status_idx').on(t.contestSlug, t.status),
  ],
);

/**
 * Judging is an assignment of a user to a contest, not a role. When a judge deletes their account
 * after publication the row stays for the published "n of m": `user_id` becomes NULL and
 * `judge_pseudonym` holds the judge's audit pseudonym (functions/lib/audit.ts), the same on their
 * scores (decision 011). The CHECK makes a deletion that does not detach the judge first fail.
 */
export const judgeAssignments = sqliteTable(
  'judge_assignments',
  {
    contestSlug: text('contest_slug').notNull(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    judgePseudonym: text('judge_pseudonym'),
    assignedBy: integer('assigned_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('judge_assignments_contest_user_unique').on(t.contestSlug, t.userId),
    uniqueIndex('judge_assignments_contest_pseudonym_unique').on(t.contestSlug, t.judgePseudonym),
    index('judge_assignments_user_idx').on(t.userId),
    check('judge_assignments_judge_known', sql`${t.userId} IS NOT NULL OR ${t.judgePseudonym} IS NOT NULL`),
  ],
);

/**
 * A judge's score of one rubric criterion of one entry, with a comment. Like the assignment, a
 * deleted judge's scores of a published contest stay under `judge_pseudonym` with `judge_id` NULL.
 */
export const scores = sqliteTable(
  'scores',
  {
    entryId: integer('entry_id')
      .notNull()
      .references(() => entries.id, { onDelete: 'cascade' }),
    judgeId: integer('judge_id').references(() => users.id, { onDelete: 'set null' }),
    judgePseudonym: text('judge_pseudonym'),
    criterion: text('criterion').notNull(),
    score: real('score').notNull(),
    comment: text('comment').notNull().default(''),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('scores_entry_judge_criterion_unique').on(t.entryId, t.judgeId, t.criterion),
    uniqueIndex('scores_entry_pseudonym_criterion_unique').on(t.entryId, t.judgePseudonym, t.criterion),
    index('scores_judge_idx').on(t.judgeId),
    check('scores_nonneg', sql`${t.score} >= 0`),
    check('scores_judge_known', sql`${t.judgeId} IS NOT NULL OR ${t.judgePseudonym} IS NOT NULL`),
  ],
);

/** What the public sees of an entry: the judge's entry, the gallery and the results. */
export interface EntrySummary {
  id: number;
  title: string;
  summary: string;
  demoUrl: string;
  repoUrl: string;
  teamName: string;
  track: string;
}

/** One entry of the published results: its public summary and aggregates (never who scored what). */
export interface PublishedResult {
  rank: number | null;
  entry: EntrySummary;
  status: (typeof ENTRY_STATUSES)[number];
  prizeKey: string | null;
  mean: number | null;
  median: number | null;
  scoredBy: number;
  judgeCount: number;
}

/** The copy stored at publication: exactly what the public results show, in their order. */
export interface PublishedResults {
  judgeCount: number;
  items: PublishedResult[];
}

/**
 * Publishing results is an organizer action; its instant starts the 公示 objection window. `results`
 * is what the public sees, computed and stored by the publishing batch (decision 011): the public
 * pages read it, never the live rows. NULL only on rows published before migration 0010, which the
 * first read fills in (services/judging/published-results.ts). Triggers of 0010 refuse changes to
 * scores, judges and entry statuses of a published contest, and to a stored copy.
 */
export const resultPublications = sqliteTable('result_publications', {
  contestSlug: text('contest_slug').primaryKey(),
  publishedAt: integer('published_at', { mode: 'timestamp_ms' }).notNull(),
  publishedBy: integer('published_by').references(() => users.id, { onDelete: 'set null' }),
  results: text('results', { mode: 'json' }).$type<PublishedResults>(),
});

/**
 * A publication withdrawn by an organizer during its objection window: the publication row is moved
 * here (deleting it from result_publications unfreezes scores and statuses, see 0010), so the public
 * page can say results were withdrawn, when and why, and the contest can be published again.
 */
export const resultWithdrawals = sqliteTable(
  'result_withdrawals',
  {
    id: integer('id').primaryKey(),
    contestSlug: text('contest_slug').notNull(),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }).notNull(),
    withdrawnAt: integer('withdrawn_at', { mode: 'timestamp_ms' }).notNull(),
    withdrawnBy: integer('withdrawn_by').references(() => users.id, { onDelete: 'set null' }),
    reason: text('reason').notNull(),
  },
  (t) => [index('result_withdrawals_contest_idx').on(t.contestSlug, t.withdrawnAt)],
);

/** A real-name objection during 公示; only organizers see the objector. */
export const objections = sqliteTable(
  'objections',
  {
    id: integer('id').primaryKey(),
    contestSlug: text('contest_slug').notNull(),
    entryId: integer('entry_id').references(() => entries.id, { onDelete: 'set null' }),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    realName: text('real_name').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['open', 'resolved'] })
      .notNull()
      .default('open'),
    answer: text('answer'),
    answeredBy: integer('answered_by').references(() => users.id, { onDelete: 'set null' }),
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('objections_contest_idx').on(t.contestSlug, t.createdAt)],
);
