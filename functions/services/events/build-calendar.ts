/**
 * iCalendar feeds of events from the catalog: all events, one community's, or a single event, in the
 * language of the path (no database round trip).
 */
import type { Event } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import { communityNotFound, eventNotFound } from '../../lib/errors';
import { serializeCalendar } from '../../lib/ical';
import type { Locale } from '../../lib/locale';

export type CalendarScope =
  | { kind: 'all' }
  | { kind: 'community'; slug: string }
  | { kind: 'event'; slug: string };

export interface BuildCalendarInput {
  scope: CalendarScope;
  /** The request's origin, for absolute event URLs. */
  origin: string;
  locale: Locale;
}

const SITE = { 'zh-CN': 'OPC 门户', en: 'OPC Portal' } as const;
const EVENTS = { 'zh-CN': '活动', en: 'Events' } as const;

/** Stable across exports, so calendar apps update an event instead of duplicating it. */
const eventUid = (slug: string) => `${slug}@opc-portal`;

function eventPath(slug: string, locale: Locale): string {
  return `${locale === 'en' ? '/en' : ''}/events/${slug}`;
}

export function buildCalendar({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'catalog' | 'now'>;
  input: BuildCalendarInput;
}): string {
  const { catalog } = ctx;
  const { scope, origin, locale } = input;
  const pick = (value: { zh: string; en: string }) => (locale === 'en' ? value.en : value.zh).trim();
  let name = `${SITE[locale]} · ${EVENTS[locale]}`;
  let events: readonly Event[] = catalog.events;
  if (scope.kind === 'community') {
    const community = catalog.community(scope.slug);
    if (!community) throw communityNotFound();
    name = `${pick(community.name)} · ${EVENTS[locale]}`;
    events = catalog.events.filter((event) => event.community === scope.slug);
  } else if (scope.kind === 'event') {
    const event = catalog.event(scope.slug);
    if (!event) throw eventNotFound();
    name = `${pick(event.title)} · ${SITE[locale]}`;
    events = [event];
  }
  return serializeCalendar({
    name,
    now: ctx.now,
    events: events.map((event) => ({
      uid: eventUid(event.slug),
      start: event.startsAt,
      end: event.endsAt,
      summary: pick(event.title),
      location: pick(event.venue),
      description: pick(event.description),
      url: new URL(eventPath(event.slug, locale), origin).href,
    })),
  });
}
