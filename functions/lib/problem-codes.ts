/**
 * Every `code` a problem+json body can carry. The codes are part of the API contract: clients branch
 * on them, so a code is never renamed; add one here before throwing it. The OpenAPI document lists
 * the same codes (functions/schemas/api.ts).
 */
export const PROBLEM_CODES = [
  // The request itself
  'malformed_request',
  'unsupported_media_type',
  'payload_too_large',
  'method_not_allowed',
  'not_found',
  'foreign_origin',
  'validation_failed',
  'invalid_cursor',
  'idempotency_in_progress',
  'idempotency_key_reused',
  'rate_limited',
  // Access
  'unauthorized',
  'forbidden',
  'email_not_verified',
  // Accounts
  'invalid_credentials',
  'token_invalid',
  'already_verified',
  'wrong_password',
  'leads_active_team',
  // Things that do not exist (or are not visible to the caller)
  'user_not_found',
  'company_not_found',
  'product_not_found',
  'revision_not_found',
  'membership_not_found',
  'community_not_found',
  'event_not_found',
  'contest_not_found',
  'team_not_found',
  'entry_not_found',
  'objection_not_found',
  // Staff, companies, memberships, moderation
  'cannot_demote_self',
  'credit_code_taken',
  'membership_exists',
  'already_decided',
  'company_not_verified',
  'company_not_owned',
  'product_not_owned',
  // Teams
  'invite_invalid',
  'already_in_team',
  'team_full',
  'team_too_small',
  'team_name_taken',
  'not_team_member',
  'leader_only',
  'leader_cannot_leave',
  'leader_changed',
  'registration_closed',
  'submission_closed',
  // Judging
  'not_judge',
  'judge_already_assigned',
  'judge_is_contestant',
  'judge_cannot_compete',
  'judge_not_assigned',
  'judging_not_open',
  'judging_closed',
  'submissions_open',
  'invalid_prize',
  'winner_needs_shortlist',
  'prize_full',
  'entry_changed',
  'entries_not_public',
  'already_published',
  'results_published',
  'results_changed',
  'results_not_published',
  'objection_closed',
  'entry_not_in_contest',
  // The server
  'service_unavailable',
  'database_unavailable',
  'internal_error',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];
