/** problem+json bodies (RFC 9457) with a stable `code`, the request id and per-field errors. */
import { type AppError, isAppError } from './errors';
import type { Locale } from './locale';
import { translate } from './messages';
import type { ProblemCode } from './problem-codes';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  requestId: string;
  errors?: Record<string, string[]>;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problemFromAppError(err: AppError, locale: Locale, requestId: string): Problem {
  const body: Problem = {
    type: `urn:opc-portal:problem:${err.code}`,
    title: TITLES[err.status] ?? 'Error',
    status: err.status,
    detail: translate(locale, err.messageKey, { ...err.params, requestId }),
    code: err.code,
    requestId,
  };
  if (err.fieldErrors) body.errors = err.fieldErrors;
  return body;
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
  });
}

export function internalProblem(locale: Locale, requestId: string): Problem {
  return {
    type: 'urn:opc-portal:problem:internal_error',
    title: TITLES[500] ?? 'Internal Server Error',
    status: 500,
    detail: translate(locale, 'error.internal', { requestId }),
    code: 'internal_error',
    requestId,
  };
}

export { isAppError };
