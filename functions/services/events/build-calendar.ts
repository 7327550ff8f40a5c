/**
 * iCalendar feeds of public events: all events, one community's, or a single event, in the language
 * of the path (one round trip). A changed event keeps its UID and carries a higher SEQUENCE; a
 * cancelled one says STATUS:CANCELLED, so subscribed calendars update instead of duplicating.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { events } from '../../db/schema';
import { communityNotFound, eventNotFound } from '../../lib/errors';
import { type IcalEvent, serializeCalendar } from '../../lib/ical';
import type { Locale } from '../../lib/locale';
import { type EventRecord, eventColumns, isPublic, textIn, toEventRecord } from './event-record';

export type CalendarScope =
  | { kind: 'all' }
  | { kind: 'community'; slug: string }
  | { kind: 'event'; slug: string };

export interface BuildCalendarInput {
  scope: CalendarScope;
  /** The site's origin, for absolute event URLs. */
  origin: string;
  locale: Locale;
}

const SITE = { 'zh-CN': 'OPC 门户', en: 'OPC Portal' } as const;
const EVENTS = { 'zh-CN': '活动', en: 'Events' } as const;

/** Stable across exports and changes, so calendar apps update an event instead of duplicating it. */
export const eventUid = (slug: string) => `${slug}@opc-portal`;

function eventPath(slug: string, locale: Locale): string {
  return `${locale === 'en' ? '/en' : ''}/events/${slug}`;
}

/** One event as an iCalendar VEVENT (the public place only: a private room or link is not in feeds). */
export function icalEventOf(event: EventRecord, locale: Locale, origin: string): IcalEvent {
  const place = [
    event.venue && textIn(locale, event.venue),
    !event.roomPrivate && event.room && textIn(locale, event.room),
  ]
    .filter(Boolean)
    .join(' ');
  return {
    uid: eventUid(event.slug),
    start: event.startsAt,
    end: event.endsAt,
    summary: textIn(locale, event.title),
    ...(place ? { location: place } : {}),
    description: textIn(locale, event.description),
    url: new URL(eventPath(event.slug, locale), origin).href,
    sequence: event.sequence,
    cancelled: event.status === 'cancelled',
  };
}

export async function buildCalendar({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'catalog' | 'now' | 'db'>;
  input: BuildCalendarInput;
}): Promise<string> {
  const { catalog, db } = ctx;
  const { scope, origin, locale } = input;
  let name = `${SITE[locale]} · ${EVENTS[locale]}`;
  let where = isPublic;
  if (scope.kind === 'community') {
    const community = catalog.community(scope.slug);
    if (!community) throw communityNotFound();
    name = `${(locale === 'en' ? community.name.en : community.name.zh).trim()} · ${EVENTS[locale]}`;
    where = and(isPublic, eq(events.communitySlug, scope.slug)) ?? isPublic;
  } else if (scope.kind === 'event') {
    where = and(isPublic, eq(events.slug, scope.slug)) ?? isPublic;
  }
  const rows = (await db.select(eventColumns).from(events).where(where).orderBy(asc(events.startsAt))).map(
    toEventRecord,
  );
  if (scope.kind === 'event') {
    const [event] = rows;
    if (!event) throw eventNotFound();
    name = `${textIn(locale, event.title)} · ${SITE[locale]}`;
  }
  return serializeCalendar({
    name,
    now: ctx.now,
    events: rows.map((event) => icalEventOf(event, locale, origin)),
  });
}
