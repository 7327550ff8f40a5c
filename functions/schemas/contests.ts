/** Response schemas of contests: content (rules, timeline) plus the phase and live counts. */
import { z } from '@hono/zod-openapi';
import { Instant, LocalizedText } from './api';
import { PageQuery, pageOf } from './pagination';

export const ContestListQuery = PageQuery;
export type ContestListQuery = z.infer<typeof ContestListQuery>;

export const CONTEST_PHASES = ['upcoming', 'registration', 'submission', 'judging', 'results'] as const;
const DEADLINE_KEYS = [
  'registrationOpens',
  'registrationCloses',
  'submissionCloses',
  'judgingCloses',
  'objectionCloses',
] as const;

export const ContestSummary = z
  .object({
    slug: z.string(),
    title: LocalizedText,
    sample: z.boolean(),
    summary: LocalizedText,
    host: LocalizedText,
    community: z.string().nullable(),
    phase: z.enum(CONTEST_PHASES),
    timeline: z.object({
      registrationOpens: Instant,
      registrationCloses: Instant,
      submissionCloses: Instant,
      judgingCloses: Instant,
    }),
    nextDeadline: z.object({ key: z.enum(DEADLINE_KEYS), at: Instant }).nullable(),
    teamSize: z.object({ min: z.int(), max: z.int() }),
    teamCount: z.int(),
  })
  .openapi('ContestSummary');
export type ContestSummary = z.infer<typeof ContestSummary>;

export const ContestPage = pageOf(ContestSummary).openapi('ContestPage');

export const ContestDetail = ContestSummary.extend({
  rules: LocalizedText,
  objectionDays: z.int(),
  publishedAt: Instant.nullable(),
  objectionCloses: Instant.nullable(),
  tracks: z.array(z.object({ key: z.string(), name: LocalizedText, description: LocalizedText })),
  prizes: z.array(z.object({ key: z.string(), name: LocalizedText, count: z.int(), award: LocalizedText })),
  rubric: z.array(
    z.object({
      key: z.string(),
      name: LocalizedText,
      description: LocalizedText,
      weight: z.int(),
      max: z.int(),
    }),
  ),
}).openapi('ContestDetail');
export type ContestDetail = z.infer<typeof ContestDetail>;
