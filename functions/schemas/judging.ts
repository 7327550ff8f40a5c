/**
 * Inputs of judging, results and 公示 objections, shared by forms, the API and the OpenAPI document.
 * A criterion's maximum depends on the contest, so the range and step checks against the rubric
 * are the service's (all criteria at once); here a score is a number.
 */
import { z } from '@hono/zod-openapi';
import { Email } from './auth';
import { PositiveId, plainLine, plainText } from './common';

/** The statuses of an entry, as in db/schema/contests.ts (schemas import no database code). */
export const ENTRY_STATUSES = ['submitted', 'shortlisted', 'winner', 'not_selected'] as const;

const key = z
  .string()
  .regex(/^[a-z0-9-]+$/, { error: 'field.invalid' })
  .max(40);

export const AssignJudge = z
  .object({
    email: Email,
  })
  .openapi('AssignJudge');
export type AssignJudge = z.infer<typeof AssignJudge>;

export const JudgeRef = z.object({ userId: PositiveId }).openapi('JudgeRef');
export type JudgeRef = z.infer<typeof JudgeRef>;

/** The organizer's entries table filters; an empty value (the "all" option of a GET form) means none. */
export const EntryFilter = z.object({
  track: z
    .string()
    .max(40)
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  status: z
    .enum([...ENTRY_STATUSES, ''])
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
});
export type EntryFilter = z.infer<typeof EntryFilter>;

export const SetEntryStatus = z
  .object({
    status: z.enum(ENTRY_STATUSES, { error: 'field.invalid' }),
    prizeKey: key.nullable().optional(),
  })
  .openapi('SetEntryStatus');
export type SetEntryStatus = z.infer<typeof SetEntryStatus>;

export const CriterionScore = z
  .object({
    // Only "a number" here: the range and the step depend on the criterion, so the service checks
    // them for every criterion at once and names the range in each error (judging.scoreRange).
    score: z
      .number({ error: 'judging.scoreNumber' })
      .refine(Number.isFinite, { error: 'judging.scoreNumber' })
      .openapi({
        description: '0 to the criterion’s max, integers or halves',
        minimum: 0,
        maximum: 100,
        multipleOf: 0.5,
      }),
    comment: plainText(1000, 0).default(''),
  })
  .openapi('CriterionScore');

export const SaveScores = z
  .object({
    scores: z.record(key, CriterionScore).openapi({
      description: 'Every criterion of the contest’s rubric, by key',
      example: { innovation: { score: 8.5, comment: '思路新颖' } },
    }),
  })
  .openapi('SaveScores');
export type SaveScores = z.infer<typeof SaveScores>;

export const FileObjection = z
  .object({
    realName: plainLine(40, 2),
    reason: plainText(2000, 10),
    entryId: PositiveId.optional(),
  })
  .openapi('FileObjection');
export type FileObjection = z.infer<typeof FileObjection>;

export const AnswerObjection = z.object({ answer: plainText(2000) }).openapi('AnswerObjection');
export type AnswerObjection = z.infer<typeof AnswerObjection>;
