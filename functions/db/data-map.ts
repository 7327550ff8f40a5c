/**
 * The data map: every column of every table, whether it is personal, and what deleting an account
 * does to it (decision 008, the privacy page). `test/integration/erasure.test.ts` fails when a table
 * or column of the migrated database is missing here, and searches the whole database for a deleted
 * person's values. The deletion batch (`services/accounts/delete-account.ts`) takes the columns it
 * blanks from `erasedValues`, so a column marked `erased` here is erased there.
 *
 * What deletion does, per column:
 * - `kept`: not personal (or not the deleted person's), stays as it is;
 * - `row deleted`: the person's rows go (by the deletion batch or a foreign-key cascade);
 * - `erased`: blanked in the person's rows that stay (`blank`: '' where NOT NULL, else NULL);
 * - `unlinked`: a reference to the person, set NULL by its foreign key;
 * - `pseudonymized`: kept, naming the person only by the audit pseudonym (functions/lib/audit.ts);
 * - `derived`: a copy that triggers keep from another table's column.
 */

import { getTableColumns } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';

export type Deletion = 'kept' | 'row deleted' | 'erased' | 'unlinked' | 'pseudonymized' | 'derived';

export type ColumnEntry =
  | { personal: boolean; deletion: Exclude<Deletion, 'erased'>; note?: string }
  | { personal: true; deletion: 'erased'; blank: '' | null; note?: string };

export interface TableEntry {
  /** Which rows are the person's, and what happens to them. */
  rows: string;
  columns: Record<string, ColumnEntry>;
}

const kept = (note?: string): ColumnEntry => ({
  personal: false,
  deletion: 'kept',
  ...(note ? { note } : {}),
});
const gone = (personal: boolean): ColumnEntry => ({ personal, deletion: 'row deleted' });
const unlinked: ColumnEntry = { personal: true, deletion: 'unlinked' };
const derived: ColumnEntry = { personal: false, deletion: 'derived' };
const erased = (blank: '' | null, note?: string): ColumnEntry => ({
  personal: true,
  deletion: 'erased',
  blank,
  ...(note ? { note } : {}),
});
/** Columns of a table whose rows all go with the person (personal: the named ones). */
const allGone = (columns: string[], personal: string[] = columns) =>
  Object.fromEntries(columns.map((c) => [c, gone(personal.includes(c))]));
const allKept = (columns: string[]) => Object.fromEntries(columns.map((c) => [c, kept()]));
const timestamps = { created_at: kept(), updated_at: kept() };

export const DATA_MAP: Record<string, TableEntry> = {
  users: {
    rows: 'The account: deleted.',
    columns: allGone(
      [
        'id',
        'email',
        'name',
        'password_hash',
        'role',
        'locale',
        'email_verified_at',
        'consent_version',
        'consented_at',
        'created_at',
        'updated_at',
      ],
      ['id', 'email', 'name', 'password_hash'],
    ),
  },
  sessions: {
    rows: 'Deleted (cascade).',
    columns: allGone(['id', 'user_id', 'secret_hash', 'created_at', 'expires_at'], ['user_id']),
  },
  access_tokens: {
    rows: 'Personal access tokens: deleted (cascade).',
    columns: allGone(
      ['id', 'user_id', 'name', 'scopes', 'secret_hash', 'created_at', 'expires_at', 'last_used_at'],
      ['user_id', 'name'],
    ),
  },
  webhook_endpoints: {
    rows: 'Organizers’ webhook endpoints: kept; the person who registered one is unlinked.',
    columns: { ...allKept(['id', 'url', 'events', 'secret', 'created_at']), created_by: unlinked },
  },
  webhook_deliveries: {
    rows: 'Deliveries of public events to organizers’ endpoints: not personal.',
    columns: allKept([
      'id',
      'endpoint_id',
      'message_id',
      'event_type',
      'payload',
      'status',
      'attempts',
      'last_status',
      'last_error',
      'next_attempt_at',
      'delivered_at',
      'created_at',
    ]),
  },
  email_tokens: {
    rows: 'Deleted (cascade).',
    columns: allGone(
      [
        'id',
        'user_id',
        'purpose',
        'token_hash',
        'password_hash',
        'new_email',
        'expires_at',
        'used_at',
        'created_at',
      ],
      // The password hash typed at a sign-up travels with its verification link (decision 008); an
      // email-change link holds the address asked for.
      ['user_id', 'password_hash', 'new_email'],
    ),
  },
  companies: {
    rows:
      'Owned by the person: kept as the business record (the credit code is public), owner unlinked, ' +
      'the founder’s name erased; a pending registration is withdrawn so nobody can approve it.',
    columns: {
      id: kept(),
      name: kept('A business name, public once verified.'),
      name_en: kept('The business name in English, public once verified.'),
      credit_code: kept('统一社会信用代码: public business registration.'),
      owner_id: unlinked,
      founder_name: erased(''),
      district: kept(),
      business_scope: kept(),
      business_scope_en: kept(),
      website: kept(),
      status: kept('pending → withdrawn.'),
      rejection_reason: kept('Written by an organizer about the company.'),
      reviewed_by: unlinked,
      reviewed_at: kept(),
      ...timestamps,
    },
  },
  community_memberships: {
    rows:
      "Of the person's companies: pending applications deleted; decided ones kept (the company's " +
      'public membership) with the applicant’s message erased.',
    columns: {
      id: kept(),
      company_id: kept(),
      community_slug: kept(),
      status: kept(),
      message: erased(null, 'Free text by the applicant.'),
      decision_reason: kept('Written by an organizer.'),
      decided_by: unlinked,
      decided_at: kept(),
      created_at: kept(),
    },
  },
  products: {
    rows:
      'Owned by the person: approved ones kept (public, of the company), owner unlinked; unapproved ones ' +
      'deleted.',
    columns: {
      ...allKept([
        'id',
        'company_id',
        'name',
        'tagline',
        'description',
        'name_en',
        'tagline_en',
        'description_en',
        'website',
        'kind',
        'category',
        'tags',
        'pricing',
        'model',
        'filing_number',
        'status',
        'rejection_reason',
        'search_text',
        'vote_count',
        'approved_at',
      ]),
      owner_id: unlinked,
      ...timestamps,
    },
  },
  product_tags: { rows: 'Follow products.', columns: { tag: derived, product_id: derived } },
  product_listings: {
    rows: 'Follow products.',
    columns: { facet: derived, product_id: derived, approved_at: derived, vote_count: derived },
  },
  products_fts: { rows: 'Follow approved products.', columns: { search_text: derived } },
  products_fts_config: { rows: 'FTS5 internals.', columns: { k: derived, v: derived } },
  products_fts_data: { rows: 'FTS5 index of products.', columns: { id: derived, block: derived } },
  products_fts_docsize: { rows: 'FTS5 index of products.', columns: { id: derived, sz: derived } },
  products_fts_idx: {
    rows: 'FTS5 index of products.',
    columns: { segid: derived, term: derived, pgno: derived },
  },
  product_revisions: {
    rows: 'Submitted by the person: undecided and rejected ones deleted; approved ones kept (history of public text).',
    columns: {
      ...allKept([
        'id',
        'product_id',
        'name',
        'tagline',
        'description',
        'name_en',
        'tagline_en',
        'description_en',
        'website',
        'kind',
        'category',
        'tags',
        'pricing',
        'model',
        'filing_number',
        'status',
        'rejection_reason',
        'decided_at',
        'created_at',
      ]),
      submitted_by: unlinked,
      decided_by: unlinked,
    },
  },
  votes: {
    rows: 'Deleted (cascade).',
    columns: allGone(['user_id', 'product_id', 'created_at'], ['user_id']),
  },
  teams: {
    rows: 'Led by the person: kept (entries and results hang on them), leader unlinked.',
    columns: {
      ...allKept([
        'id',
        'contest_slug',
        'track',
        'name',
        'name_en',
        'company_id',
        'invite_code',
        'member_count',
      ]),
      leader_id: unlinked,
      ...timestamps,
    },
  },
  team_members: {
    rows: 'Deleted (cascade).',
    columns: allGone(['team_id', 'user_id', 'contest_slug', 'joined_at'], ['user_id']),
  },
  entries: {
    rows: "A team's entry, not a person's: kept.",
    columns: allKept([
      'id',
      'team_id',
      'contest_slug',
      'title',
      'summary',
      'demo_url',
      'repo_url',
      'product_id',
      'status',
      'prize_key',
      'created_at',
      'updated_at',
    ]),
  },
  judge_assignments: {
    rows: 'Of published contests: kept under the pseudonym (decision 011); of unpublished contests: deleted.',
    columns: {
      contest_slug: kept(),
      user_id: { personal: true, deletion: 'pseudonymized', note: 'NULL, judge_pseudonym set.' },
      judge_pseudonym: { personal: false, deletion: 'pseudonymized' },
      assigned_by: unlinked,
      created_at: kept(),
    },
  },
  scores: {
    rows: 'Like judge_assignments: kept under the pseudonym after publication, else deleted.',
    columns: {
      entry_id: kept(),
      judge_id: { personal: true, deletion: 'pseudonymized', note: 'NULL, judge_pseudonym set.' },
      judge_pseudonym: { personal: false, deletion: 'pseudonymized' },
      criterion: kept(),
      score: kept(),
      comment: kept("The judge's remark on an entry, part of the published scores."),
      updated_at: kept(),
    },
  },
  result_publications: {
    rows: 'An organizer action: kept.',
    columns: {
      contest_slug: kept(),
      published_at: kept(),
      published_by: unlinked,
      results: kept('The public results as published: entries and aggregates, no judge and no member.'),
    },
  },
  result_withdrawals: {
    rows: 'An organizer action: kept (the public page says results were withdrawn and why).',
    columns: {
      id: kept(),
      contest_slug: kept(),
      published_at: kept(),
      withdrawn_at: kept(),
      withdrawn_by: unlinked,
      reason: kept('Written by an organizer, shown publicly.'),
    },
  },
  objections: {
    rows: 'Filed by the person: kept (the reason is public), objector unlinked, real name erased.',
    columns: {
      id: kept(),
      contest_slug: kept(),
      entry_id: kept(),
      user_id: unlinked,
      real_name: erased(''),
      reason: kept('Public: the form says so.'),
      status: kept(),
      answer: kept('Written by an organizer.'),
      answered_by: unlinked,
      answered_at: kept(),
      created_at: kept(),
    },
  },
  voucher_budgets: {
    rows: 'Programme budgets: not personal.',
    columns: allKept(['programme_slug', 'budget_fen', 'committed_fen']),
  },
  voucher_company_years: {
    rows: 'What a company was granted per year: not personal.',
    columns: allKept(['series', 'company_id', 'year', 'granted_fen', 'cap_fen']),
  },
  voucher_providers: {
    rows: 'Companies approved as providers: kept; the deciding organizer is unlinked.',
    columns: {
      ...allKept(['id', 'company_id', 'kind', 'status', 'decision_reason', 'decided_at', 'created_at']),
      decided_by: unlinked,
    },
  },
  voucher_applications: {
    rows: 'A company’s applications: kept with the company (finance records); the applicant and reviewers are unlinked.',
    columns: {
      ...allKept([
        'id',
        'programme_slug',
        'company_id',
        'provider_company_id',
        'contract_ref',
        'planned_spend_fen',
        'requested_fen',
        'declared_unrelated',
        'declared_not_subsidised',
        'status',
        'stage',
        'reason',
        'granted_fen',
        'grant_year',
        'decided_at',
        'submitted_at',
      ]),
      ...timestamps,
      applicant_id: unlinked,
      formal_by: unlinked,
      review_by: unlinked,
      approved_by: unlinked,
    },
  },
  vouchers: {
    rows: 'A company’s vouchers: kept with the company; not personal.',
    columns: {
      ...allKept([
        'id',
        'application_id',
        'programme_slug',
        'company_id',
        'provider_company_id',
        'serial',
        'amount_fen',
        'redeemed_fen',
        'pending_fen',
        'released_fen',
        'status',
        'issue_after',
        'expires_at',
      ]),
      ...timestamps,
    },
  },
  voucher_redemptions: {
    rows: 'Redemptions and claims of a company’s vouchers: kept (finance records); the people are unlinked.',
    columns: {
      ...allKept([
        'id',
        'voucher_id',
        'kind',
        'ref_scope',
        'ref',
        'amount_fen',
        'status',
        'dispute_reason',
        'disputed_at',
        'decision_reason',
        'decided_at',
        'decision_key',
        'created_at',
      ]),
      recorded_by: unlinked,
      decided_by: unlinked,
    },
  },
  voucher_objections: {
    rows: 'Filed by the person: kept (the reason is public), objector unlinked, real name erased.',
    columns: {
      id: kept(),
      application_id: kept(),
      programme_slug: kept(),
      user_id: unlinked,
      real_name: erased(''),
      reason: kept('Public: the form says so.'),
      status: kept(),
      outcome: kept(),
      answer: kept('Written by an organizer.'),
      answered_by: unlinked,
      answered_at: kept(),
      created_at: kept(),
    },
  },
  events: {
    rows: 'Created by an organizer: kept, the creator unlinked.',
    columns: {
      ...allKept([
        'id',
        'slug',
        'community_slug',
        'status',
        'sample',
        'title_zh',
        'title_en',
        'summary_zh',
        'summary_en',
        'description_zh',
        'description_en',
        'venue_zh',
        'venue_en',
        'room_zh',
        'room_en',
        'room_private',
        'online_url',
        'starts_at',
        'ends_at',
        'capacity',
        'registration_opens_at',
        'registration_closes_at',
        'approval_required',
        'questions',
        'sequence',
        'cancel_reason',
      ]),
      confirmed_count: derived,
      waitlist_count: derived,
      attended_count: derived,
      created_by: unlinked,
      ...timestamps,
    },
  },
  media: {
    rows:
      'Pictures the person uploaded, and the business licences of their companies: deleted, and their ' +
      'R2 objects erased once no other row uses the same bytes (decision 019).',
    columns: {
      ...allGone(
        [
          'id',
          'product_id',
          'company_id',
          'event_id',
          'kind',
          'state',
          'position',
          'hash',
          'ext',
          'variants',
        ],
        ['hash'],
      ),
      width: gone(false),
      height: gone(false),
      bytes: gone(false),
      uploaded_by: gone(true),
      created_at: gone(false),
    },
  },
  media_erasures: {
    rows: 'R2 objects waiting to be deleted: emptied by the Worker after the deletion.',
    columns: allGone(['id', 'hash', 'ext', 'variants', 'kind'], ['hash']),
  },
  event_registrations: {
    rows: 'The person’s registrations, answers and tickets: deleted (a freed seat goes to the waitlist).',
    columns: allGone(
      [
        'id',
        'event_id',
        'user_id',
        'status',
        'answers',
        'queue_seq',
        'ticket_code',
        'decline_reason',
        'promoted_at',
        'checked_in_at',
        'created_at',
        'updated_at',
      ],
      ['user_id', 'answers', 'ticket_code', 'decline_reason', 'checked_in_at'],
    ),
  },
  audit_log: {
    rows: 'Kept: the actor is a pseudonym; before/after hold ids, statuses and organizers’ text, never names or emails.',
    columns: {
      id: kept(),
      actor: { personal: false, deletion: 'pseudonymized' },
      ...allKept([
        'actor_role',
        'action',
        'target_type',
        'target_id',
        'before',
        'after',
        'request_id',
        'created_at',
      ]),
    },
  },
  outbox: {
    rows: 'Mail to the address: deleted (mail only ever goes to the person concerned).',
    columns: allGone(
      [
        'id',
        'to_email',
        'template',
        'locale',
        'subject',
        'body',
        'status',
        'attempts',
        'last_error',
        'next_attempt_at',
        'sent_at',
        'created_at',
        'dedupe_key',
      ],
      ['to_email', 'subject', 'body'],
    ),
  },
  idempotency_keys: {
    rows: "The person's stored answers (scoped by user id, or the sign-up answer holding the email): deleted.",
    columns: allGone(['scope', 'key', 'request_hash', 'status', 'body', 'created_at'], ['scope', 'body']),
  },
  rate_limits: {
    rows: 'Counters keyed by the user id or the email hash: deleted.',
    columns: allGone(['key', 'window_start', 'count'], ['key']),
  },
  live_figures: { rows: 'Counters, nobody’s.', columns: { name: kept(), value: derived } },
  sqlite_sequence: { rows: 'SQLite internals.', columns: allKept(['name', 'seq']) },
  __drizzle_migrations: { rows: 'Migration journal.', columns: allKept(['id', 'hash', 'created_at']) },
};

/**
 * The `set` of the deletion batch's update for one table: every column the map marks `erased`, with
 * its blank value, named by the drizzle key.
 */
export function erasedValues(table: SQLiteTable): Record<string, '' | null> {
  const { name } = getTableConfig(table);
  const entry = DATA_MAP[name];
  if (!entry) throw new Error(`data map: no entry for table ${name}`);
  const set: Record<string, '' | null> = {};
  for (const key of Object.keys(getTableColumns(table))) {
    const column = entry.columns[toSnakeCase(key)];
    if (column?.deletion === 'erased') set[key] = column.blank;
  }
  if (Object.keys(set).length === 0) throw new Error(`data map: nothing to erase in ${name}`);
  return set;
}
