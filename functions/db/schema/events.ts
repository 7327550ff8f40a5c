import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './users';

export const EVENT_STATUSES = ['draft', 'published', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const QUESTION_KINDS = ['text', 'single', 'multiple'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** A registration question (at most 5 per event); options only for the choice kinds. */
export interface EventQuestion {
  key: string;
  kind: QuestionKind;
  label: { zh: string; en: string | null };
  options: Array<{ key: string; label: { zh: string; en: string | null } }>;
  required: boolean;
}

/** A person's answers: the question's key → the text, the chosen option or the chosen options. */
export type EventAnswers = Record<string, string | string[]>;

/**
 * Events (issue 13), written by organizers in /admin; the demo seed writes the seven demo events.
 * Texts are Chinese first: `*_en` may be null, and pages then show the Chinese text marked
 * `lang="zh-CN"`. `confirmed_count`, `waitlist_count` and `attended_count` are kept by triggers (migration 0011), and
 * the CHECK below is the capacity limit: no write can seat more people than the event has seats.
 */
export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    communitySlug: text('community_slug'),
    status: text('status', { enum: EVENT_STATUSES }).notNull().default('draft'),
    sample: integer('sample', { mode: 'boolean' }).notNull().default(false),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en'),
    summaryZh: text('summary_zh').notNull(),
    summaryEn: text('summary_en'),
    descriptionZh: text('description_zh').notNull(),
    descriptionEn: text('description_en'),
    /** The public place (a venue and its address); null for an online-only event. */
    venueZh: text('venue_zh'),
    venueEn: text('venue_en'),
    /** The exact room: shown to everyone, or only to confirmed attendees when `room_private`. */
    roomZh: text('room_zh'),
    roomEn: text('room_en'),
    roomPrivate: integer('room_private', { mode: 'boolean' }).notNull().default(false),
    /** Shown only to confirmed attendees. */
    onlineUrl: text('online_url'),
    startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
    endsAt: integer('ends_at', { mode: 'timestamp_ms' }).notNull(),
    /** Null: unlimited. */
    capacity: integer('capacity'),
    /** Null: open from publication. */
    registrationOpensAt: integer('registration_opens_at', { mode: 'timestamp_ms' }),
    /** Null: open until the start. */
    registrationClosesAt: integer('registration_closes_at', { mode: 'timestamp_ms' }),
    approvalRequired: integer('approval_required', { mode: 'boolean' }).notNull().default(false),
    questions: text('questions', { mode: 'json' }).$type<EventQuestion[]>().notNull().default(sql`'[]'`),
    /** iCalendar SEQUENCE: raised when the time or the place changes, so calendars update. */
    sequence: integer('sequence').notNull().default(0),
    confirmedCount: integer('confirmed_count').notNull().default(0),
    waitlistCount: integer('waitlist_count').notNull().default(0),
    attendedCount: integer('attended_count').notNull().default(0),
    cancelReason: text('cancel_reason'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('events_slug_unique').on(t.slug),
    index('events_status_starts_idx').on(t.status, t.startsAt),
    index('events_community_idx').on(t.communitySlug, t.startsAt),
    check('events_time_order', sql`${t.startsAt} < ${t.endsAt}`),
    check('events_capacity_positive', sql`${t.capacity} IS NULL OR ${t.capacity} > 0`),
    check('events_within_capacity', sql`${t.capacity} IS NULL OR ${t.confirmedCount} <= ${t.capacity}`),
    check('events_counts_nonneg', sql`${t.confirmedCount} >= 0 AND ${t.waitlistCount} >= 0`),
  ],
);

export const REGISTRATION_STATUSES = [
  'confirmed',
  'waitlisted',
  'pending',
  'declined',
  'cancelled',
  'attended',
] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** The states that hold a seat: a checked-in attendee keeps theirs. */
export const SEATED: readonly RegistrationStatus[] = ['confirmed', 'attended'];
export const isSeated = (status: RegistrationStatus) => SEATED.includes(status);

/**
 * One row per person and event (registering twice is one registration). `queue_seq` orders the
 * waitlist first in, first out; `ticket_code` (≥ 80 bits) is the ticket of a seated registration.
 */
export const eventRegistrations = sqliteTable(
  'event_registrations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: REGISTRATION_STATUSES }).notNull(),
    answers: text('answers', { mode: 'json' }).$type<EventAnswers>().notNull().default(sql`'{}'`),
    queueSeq: integer('queue_seq'),
    ticketCode: text('ticket_code').notNull(),
    declineReason: text('decline_reason'),
    promotedAt: integer('promoted_at', { mode: 'timestamp_ms' }),
    checkedInAt: integer('checked_in_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('event_registrations_one_per_person').on(t.eventId, t.userId),
    uniqueIndex('event_registrations_ticket_unique').on(t.ticketCode),
    index('event_registrations_queue_idx').on(t.eventId, t.status, t.queueSeq),
    index('event_registrations_user_idx').on(t.userId),
  ],
);
