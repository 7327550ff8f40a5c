/**
 * What organizers write about an event, one schema for the API (`POST /v1/admin/events`, `PATCH
 * …/{slug}`) and the /admin form (which sends Beijing wall time; the page adds +08:00). Chinese is
 * required, English optional. The service checks what needs the database (the community, the slug).
 */
import { z } from '@hono/zod-openapi';
import { QUESTION_KINDS } from '../db/schema';
import { httpUrl, instant, plainLine, plainText, slug } from './common';

const optionalLine = (max: number) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), plainLine(max).optional());
const optionalText = (max: number) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), plainText(max).optional());
const optionalInstant = z.preprocess((v) => (v === '' || v === null ? undefined : v), instant.optional());

export const QuestionInput = z
  .object({
    kind: z.enum(QUESTION_KINDS),
    labelZh: plainLine(100),
    labelEn: optionalLine(100),
    /** For the choice kinds, 2–10 options. */
    options: z
      .array(z.object({ zh: plainLine(60), en: optionalLine(60) }))
      .max(10, { error: 'field.tooMany' })
      .default([]),
    required: z.boolean().default(false),
  })
  .refine((q) => q.kind === 'text' || q.options.length >= 2, {
    error: 'event.optionsNeeded',
    path: ['options'],
  })
  .openapi('EventQuestionInput');
export type QuestionInput = z.infer<typeof QuestionInput>;

export const EventInput = z
  .object({
    slug: slug.max(80, { error: 'field.tooLong' }),
    community: z.preprocess((v) => (v === '' || v === null ? undefined : v), slug.optional()),
    titleZh: plainLine(100),
    titleEn: optionalLine(100),
    summaryZh: plainLine(200),
    summaryEn: optionalLine(200),
    descriptionZh: plainText(5000),
    descriptionEn: optionalText(5000),
    venueZh: optionalLine(200),
    venueEn: optionalLine(200),
    roomZh: optionalLine(100),
    roomEn: optionalLine(100),
    roomPrivate: z.boolean().default(false),
    onlineUrl: z.preprocess((v) => (v === '' || v === null ? undefined : v), httpUrl.optional()),
    startsAt: instant,
    endsAt: instant,
    /** Absent: unlimited. */
    capacity: z.preprocess(
      (v) => (v === '' || v === null ? undefined : v),
      z.int({ error: 'field.invalid' }).min(1, { error: 'field.tooSmall' }).max(100_000).optional(),
    ),
    registrationOpensAt: optionalInstant,
    registrationClosesAt: optionalInstant,
    approvalRequired: z.boolean().default(false),
    questions: z.array(QuestionInput).max(5, { error: 'field.tooMany' }).default([]),
  })
  .superRefine((e, issues) => {
    const fail = (
      path: string,
      error:
        | 'event.endBeforeStart'
        | 'event.closesAfterStart'
        | 'event.opensAfterCloses'
        | 'event.placeNeeded',
    ) => issues.addIssue({ code: 'custom', path: [path], message: error });
    if (e.endsAt <= e.startsAt) fail('endsAt', 'event.endBeforeStart');
    if (e.registrationClosesAt && e.registrationClosesAt > e.startsAt)
      fail('registrationClosesAt', 'event.closesAfterStart');
    if (e.registrationOpensAt && e.registrationOpensAt >= (e.registrationClosesAt ?? e.startsAt))
      fail('registrationOpensAt', 'event.opensAfterCloses');
    if (!e.venueZh && !e.onlineUrl) fail('venueZh', 'event.placeNeeded');
  })
  .openapi('EventInput');
export type EventInput = z.infer<typeof EventInput>;

export const EventStatusChange = z.discriminatedUnion('status', [
  z.object({ status: z.literal('published') }),
  z.object({ status: z.literal('cancelled'), reason: plainLine(300) }),
]);
export type EventStatusChange = z.infer<typeof EventStatusChange>;

export const RegistrationDecision = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('approve') }),
    z.object({ decision: z.literal('decline'), reason: plainLine(300) }),
  ])
  .openapi('RegistrationDecision');
export type RegistrationDecision = z.infer<typeof RegistrationDecision>;

export const CheckInRequest = z
  .object({ code: z.string().trim().min(1, { error: 'field.required' }).max(40, { error: 'field.tooLong' }) })
  .openapi('CheckInRequest');

export const AttendeeMessage = z
  .object({
    to: z.enum(['confirmed', 'waitlisted']),
    message: plainText(2000),
  })
  .openapi('AttendeeMessage');
export type AttendeeMessage = z.infer<typeof AttendeeMessage>;
