/** Building blocks of the API's response schemas, registered by name in the OpenAPI document. */
import { z } from '@hono/zod-openapi';
import { PROBLEM_CODES } from '../lib/problem-codes';

export const LocalizedText = z
  .object({ zh: z.string(), en: z.string() })
  .openapi('LocalizedText', { example: { zh: '智能体', en: 'AI agents' } });

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    code: z.enum(PROBLEM_CODES),
    requestId: z.string(),
    errors: z.record(z.string(), z.array(z.string())).optional(),
  })
  .openapi('Problem', { description: 'application/problem+json (RFC 9457)' });

/** A problem+json response for a route's `responses`. */
export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

/** A JSON response of a route (OpenAPI `responses`). */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A required JSON request body (OpenAPI `request`). */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

/** An instant as ISO 8601 with its offset (+08:00 for Asia/Shanghai). */
export const Instant = z.string().openapi({ format: 'date-time', example: '2026-12-01T14:00:00+08:00' });

/** A GET form's "all" option sends an empty value: it means no filter. */
export const optionalFilter = <K extends string>(keys: readonly [K, ...K[]]) =>
  z.preprocess((value) => (value === '' ? undefined : value), z.enum(keys).optional());

/** The refusals every founder's create or edit can answer. */
export const submissionErrors = {
  401: problemResponse('Not signed in'),
  422: problemResponse('Invalid input, or an Idempotency-Key reused for a different request'),
  429: problemResponse('Too many submissions; see Retry-After'),
};
