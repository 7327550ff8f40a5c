/**
 * Registration answers, checked against the event's own questions: the schema is built per event,
 * on the server, for the API and the page form alike. Field errors are keyed `answers.<question>`.
 */
import { z } from 'zod';
import type { EventAnswers, EventQuestion } from '../db/schema';
import { choice } from './common';

export const ANSWER_MAX = 500;

/** Validates answers against the questions: required ones answered, choices among the options. */
export function answersSchema(questions: readonly EventQuestion[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const q of questions) {
    const keys = q.options.map((o) => o.key) as [string, ...string[]];
    let field: z.ZodType;
    if (q.kind === 'text') {
      const text = z.string().trim().max(ANSWER_MAX);
      field = q.required ? text.min(1, { error: 'field.required' }) : text.optional();
    } else if (q.kind === 'single') {
      const one = choice(keys);
      field = q.required ? one : one.optional();
    } else {
      const many = z
        .preprocess(
          (v) => (typeof v === 'string' ? [v] : v),
          z.array(z.enum(keys, { error: 'field.invalid' })),
        )
        .transform((list) => [...new Set(list)]);
      field = q.required
        ? many.refine((list) => list.length > 0, { error: 'field.required' })
        : many.optional();
    }
    shape[q.key] = z.preprocess((v) => (v === '' ? undefined : v), field);
  }
  return z.strictObject(shape).transform((answers) => {
    const out: EventAnswers = {};
    for (const [key, value] of Object.entries(answers)) {
      if (value !== undefined && !(Array.isArray(value) && value.length === 0))
        out[key] = value as string | string[];
    }
    return out;
  });
}
