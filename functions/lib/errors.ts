/**
 * The small set of typed errors services throw. One handler maps them to problem+json (RFC 9457).
 * `code` is stable and part of the API contract (every code is listed in ./problem-codes);
 * `messageKey` is translated per request language.
 */
import type { MessageKey } from './messages';
import type { ProblemCode } from './problem-codes';

export { PROBLEM_CODES, type ProblemCode } from './problem-codes';

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly messageKey: MessageKey,
    readonly params: Record<string, string | number> = {},
    readonly fieldErrors?: FieldErrors,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const notFound = (code: ProblemCode = 'not_found') => new AppError(404, code, 'error.notFound');
export const unauthorized = (code: ProblemCode = 'unauthorized') =>
  new AppError(401, code, 'error.unauthorized');
export const forbidden = (code: ProblemCode = 'forbidden') => new AppError(403, code, 'error.forbidden');
export const conflict = (
  code: ProblemCode,
  messageKey: MessageKey = 'error.conflict',
  params?: Record<string, string | number>,
) => new AppError(409, code, messageKey, params);
export const validation = (fieldErrors: FieldErrors, code: ProblemCode = 'validation_failed') =>
  new AppError(422, code, 'error.validation', {}, fieldErrors);
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError(429, 'rate_limited', 'error.rateLimited', { seconds: retryAfterSeconds });
export const unavailable = (code: ProblemCode = 'service_unavailable') =>
  new AppError(503, code, 'error.unavailable');

export const emailNotVerified = () => new AppError(403, 'email_not_verified', 'error.emailNotVerified');
export const payloadTooLarge = () => new AppError(413, 'payload_too_large', 'error.payloadTooLarge');
export const databaseUnavailable = () => unavailable('database_unavailable');
export const idempotencyInProgress = () =>
  new AppError(409, 'idempotency_in_progress', 'error.idempotencyInProgress');
/** A list cursor that does not decode to the expected shape; `message` is the field error. */
export const invalidCursor = (message: string) => validation({ cursor: [message] }, 'invalid_cursor');

/** Things several services look up by id or slug. */
export const contestNotFound = () => notFound('contest_not_found');
export const communityNotFound = () => notFound('community_not_found');
export const eventNotFound = () => notFound('event_not_found');
export const companyNotFound = () => notFound('company_not_found');
export const productNotFound = () => notFound('product_not_found');
export const entryNotFound = () => notFound('entry_not_found');
/** A moderation decision on an item that is no longer pending. */
export const alreadyDecided = () => conflict('already_decided', 'moderation.alreadyDecided');

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
