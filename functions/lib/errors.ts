/**
 * The small set of typed errors services throw. One handler maps them to problem+json (RFC 9457).
 * `code` is stable and part of the API contract; `messageKey` is translated per request language.
 */
import type { MessageKey } from './messages';

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: MessageKey,
    readonly params: Record<string, string | number> = {},
    readonly fieldErrors?: FieldErrors,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const notFound = (code = 'not_found') => new AppError(404, code, 'error.notFound');
export const unauthorized = (code = 'unauthorized') => new AppError(401, code, 'error.unauthorized');
export const forbidden = (code = 'forbidden') => new AppError(403, code, 'error.forbidden');
export const conflict = (
  code: string,
  messageKey: MessageKey = 'error.conflict',
  params?: Record<string, string | number>,
) => new AppError(409, code, messageKey, params);
export const validation = (fieldErrors: FieldErrors, code = 'validation_failed') =>
  new AppError(422, code, 'error.validation', {}, fieldErrors);
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError(429, 'rate_limited', 'error.rateLimited', { seconds: retryAfterSeconds });
export const unavailable = (code = 'service_unavailable') => new AppError(503, code, 'error.unavailable');

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
