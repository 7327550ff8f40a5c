/** Query, body and response schemas of events (instants with their +08:00 offset). */
import { z } from '@hono/zod-openapi';
import { EVENT_STATUSES, QUESTION_KINDS, REGISTRATION_STATUSES } from '../db/schema';
import { Instant } from './api';
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

/** A text written in Chinese and optionally in English (null: show the Chinese). */
export const ChineseFirstText = z
  .object({ zh: z.string(), en: z.string().nullable() })
  .openapi('ChineseFirstText', { example: { zh: 'AI 流动工坊', en: null } });

export const EventSummary = z
  .object({
    slug: z.string(),
    status: z.enum(EVENT_STATUSES.filter((s) => s !== 'draft') as ['published', 'cancelled']),
    title: ChineseFirstText,
    sample: z.boolean(),
    community: z.string().nullable(),
    startsAt: Instant,
    endsAt: Instant,
    venue: ChineseFirstText.nullable(),
    online: z
      .boolean()
      .openapi({ description: 'Whether the event has an online link (shown to confirmed attendees)' }),
    summary: ChineseFirstText,
    capacity: z.int().nullable().openapi({ description: 'Null: unlimited' }),
    seatsLeft: z.int().nullable().openapi({ description: 'Null: unlimited' }),
    waitlistLength: z.int(),
  })
  .openapi('EventSummary');
export type EventSummary = z.infer<typeof EventSummary>;

export const EventPage = pageOf(EventSummary).openapi('EventPage');

export const EventQuestionOut = z
  .object({
    key: z.string(),
    kind: z.enum(QUESTION_KINDS),
    label: ChineseFirstText,
    options: z.array(z.object({ key: z.string(), label: ChineseFirstText })),
    required: z.boolean(),
  })
  .openapi('EventQuestion');

export const MyRegistrationOut = z
  .object({
    status: z.enum(REGISTRATION_STATUSES),
    answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    waitlistPosition: z.int().nullable(),
    ticketCode: z
      .string()
      .nullable()
      .openapi({ description: 'Only for a confirmed or attended registration' }),
    declineReason: z.string().nullable(),
    checkedInAt: Instant.nullable(),
    registeredAt: Instant,
  })
  .openapi('EventRegistration');

export const EventDetail = EventSummary.extend({
  description: ChineseFirstText,
  room: ChineseFirstText.nullable().openapi({ description: 'A private room only for confirmed attendees' }),
  onlineUrl: z.string().nullable().openapi({ description: 'Only for confirmed attendees' }),
  registrationOpensAt: Instant.nullable(),
  registrationClosesAt: Instant.nullable(),
  registrationOpen: z.boolean(),
  approvalRequired: z.boolean(),
  questions: z.array(EventQuestionOut),
  registration: MyRegistrationOut.nullable().openapi({ description: "The viewer's registration" }),
}).openapi('EventDetail');
export type EventDetail = z.infer<typeof EventDetail>;

export const RegistrationRequest = z
  .strictObject({
    answers: z
      .record(z.string().max(40), z.union([z.string().max(500), z.array(z.string().max(40)).max(20)]))
      .default({})
      .openapi({
        description: 'Question key → text, option key, or option keys',
        example: { role: 'founder' },
      }),
  })
  .openapi('RegistrationRequest');

export const RegistrationAnswer = z
  .object({ event: EventDetail, created: z.boolean() })
  .openapi('RegistrationResult');

export const MyEvent = z.object({ event: EventSummary, registration: MyRegistrationOut }).openapi('MyEvent');
