/**
 * An event as services pass it on: the row of `events` with its texts paired by language. Texts are
 * Chinese first: `en` is null where the organizer wrote none, and pages then show the Chinese text
 * marked `lang="zh-CN"`. The online link and a private room stay in the record; what a viewer may
 * see is decided where it is shown (`visibleDetails`).
 */

import { and, eq, ne, type Placeholder, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type EventQuestion, type EventStatus, events } from '../../db/schema';
import type { Locale } from '../../lib/locale';
import { currentMediaOf, type MediaRecord, parseMediaJson } from '../media/media-record';

export interface LocalText {
  zh: string;
  en: string | null;
}

export interface EventRecord {
  id: number;
  slug: string;
  community: string | null;
  status: EventStatus;
  sample: boolean;
  title: LocalText;
  summary: LocalText;
  description: LocalText;
  venue: LocalText | null;
  room: LocalText | null;
  roomPrivate: boolean;
  onlineUrl: string | null;
  startsAt: Date;
  endsAt: Date;
  /** Null: unlimited. */
  capacity: number | null;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
  approvalRequired: boolean;
  questions: EventQuestion[];
  sequence: number;
  confirmedCount: number;
  waitlistCount: number;
  attendedCount: number;
  cancelReason: string | null;
  updatedAt: Date;
  /** The cover picture (public with the event). */
  cover: MediaRecord | null;
}

/** A Chinese-first text in a language (the Chinese where there is no English); '' for none. */
export const textIn = (locale: Locale, value: LocalText | null) =>
  value ? ((locale === 'en' && value.en) || value.zh).trim() : '';

/** The columns an `EventRecord` is built from, for `db.select(eventColumns)`. */
export const eventColumns = {
  id: events.id,
  slug: events.slug,
  communitySlug: events.communitySlug,
  status: events.status,
  sample: events.sample,
  titleZh: events.titleZh,
  titleEn: events.titleEn,
  summaryZh: events.summaryZh,
  summaryEn: events.summaryEn,
  descriptionZh: events.descriptionZh,
  descriptionEn: events.descriptionEn,
  venueZh: events.venueZh,
  venueEn: events.venueEn,
  roomZh: events.roomZh,
  roomEn: events.roomEn,
  roomPrivate: events.roomPrivate,
  onlineUrl: events.onlineUrl,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  capacity: events.capacity,
  registrationOpensAt: events.registrationOpensAt,
  registrationClosesAt: events.registrationClosesAt,
  approvalRequired: events.approvalRequired,
  questions: events.questions,
  sequence: events.sequence,
  confirmedCount: events.confirmedCount,
  waitlistCount: events.waitlistCount,
  attendedCount: events.attendedCount,
  cancelReason: events.cancelReason,
  updatedAt: events.updatedAt,
};

/** The same with the cover picture (a subquery: not for RETURNING). */
export const eventColumnsWithCover = {
  ...eventColumns,
  cover: currentMediaOf('event_id', events.id, 'cover'),
};

type EventRow = Pick<typeof events.$inferSelect, keyof typeof eventColumns> & { cover?: string | null };

const text = (zh: string | null, en: string | null): LocalText | null => (zh ? { zh, en: en || null } : null);

export function toEventRecord(row: EventRow): EventRecord {
  return {
    id: row.id,
    slug: row.slug,
    community: row.communitySlug,
    status: row.status,
    sample: row.sample,
    title: { zh: row.titleZh, en: row.titleEn || null },
    summary: { zh: row.summaryZh, en: row.summaryEn || null },
    description: { zh: row.descriptionZh, en: row.descriptionEn || null },
    venue: text(row.venueZh, row.venueEn),
    room: text(row.roomZh, row.roomEn),
    roomPrivate: row.roomPrivate,
    onlineUrl: row.onlineUrl,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    capacity: row.capacity,
    registrationOpensAt: row.registrationOpensAt,
    registrationClosesAt: row.registrationClosesAt,
    approvalRequired: row.approvalRequired,
    questions: row.questions,
    sequence: row.sequence,
    confirmedCount: row.confirmedCount,
    waitlistCount: row.waitlistCount,
    attendedCount: row.attendedCount,
    cancelReason: row.cancelReason,
    updatedAt: row.updatedAt,
    cover: parseMediaJson(row.cover),
  };
}

/** Published and cancelled events are public; drafts only in /admin. */
export const isPublic = ne(events.status, 'draft');

/** The public event with this slug, as a query that can join a page's batch. */
export const publicEventQuery = (db: Db, slug: string | Placeholder) =>
  db
    .select(eventColumnsWithCover)
    .from(events)
    .where(and(eq(events.slug, slug), isPublic));

/** An event is upcoming until it ends, so one in progress still shows among upcoming events. */
export const isUpcoming = (event: Pick<EventRecord, 'endsAt'>, now: Date) =>
  event.endsAt.getTime() > now.getTime();

/** Seats left (null: unlimited). */
export const seatsLeft = (event: Pick<EventRecord, 'capacity' | 'confirmedCount'>): number | null =>
  event.capacity === null ? null : Math.max(0, event.capacity - event.confirmedCount);

/** Upcoming published events (not cancelled ones), soonest first, as a query that can join a batch. */
/** `now` may be a placeholder (epoch milliseconds) in a query shape (functions/db/query-shape.ts). */
export const upcomingEventsQuery = (db: Db, now: Date | Placeholder, limit: number, community?: string) =>
  db
    .select(eventColumnsWithCover)
    .from(events)
    .where(
      and(
        eq(events.status, 'published'),
        sql`${events.endsAt} > ${now instanceof Date ? now.getTime() : now}`,
        community === undefined ? undefined : eq(events.communitySlug, community),
      ),
    )
    .orderBy(events.startsAt, events.slug)
    .limit(limit);
