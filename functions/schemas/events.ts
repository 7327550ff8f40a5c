/** Query and response schemas of events (from content/; times with their +08:00 offset). */
import { z } from '@hono/zod-openapi';
import { Instant, LocalizedText } from './api';
import { PageQuery, pageOf } from './pagination';

export const EVENT_WHEN = ['upcoming', 'past'] as const;

export const EventListQuery = PageQuery.extend({
  when: z
    .preprocess((value) => (value === '' ? undefined : value), z.enum(EVENT_WHEN).default('upcoming'))
    .openapi({ description: 'upcoming (not yet ended, soonest first) or past (latest first)' }),
  community: z
    .preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .string()
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
        .max(100)
        .optional(),
    )
    .openapi({ description: 'Community slug' }),
});
export type EventListQuery = z.infer<typeof EventListQuery>;

export const EventSummary = z
  .object({
    slug: z.string(),
    title: LocalizedText,
    sample: z.boolean(),
    community: z.string().nullable(),
    startsAt: Instant,
    endsAt: Instant,
    venue: LocalizedText,
    summary: LocalizedText,
    capacity: z.int().nullable(),
  })
  .openapi('EventSummary');
export type EventSummary = z.infer<typeof EventSummary>;

export const EventPage = pageOf(EventSummary).openapi('EventPage');

export const EventDetail = EventSummary.extend({ description: LocalizedText }).openapi('EventDetail');
export type EventDetail = z.infer<typeof EventDetail>;
