/**
 * What the generated OpenAPI document learns from the access rules rather than from each route: every
 * operation's security requirement, from `routeAccess` (functions/auth/scopes.ts), and the refusals
 * that the middleware, the body checks and the database can give on any route. A route's own answer
 * for a status is never replaced: it knows its cases better.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { type RouteAccess, routeAccess } from '../auth/scopes';

type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>;
type PathItem = NonNullable<OpenApiDocument['paths']>[string];
type Operation = NonNullable<PathItem['get']>;
type Responses = NonNullable<Operation['responses']>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

/** The names of `components.securitySchemes` (declared in docs.ts). */
export const SESSION_SCHEME = 'session';
export const BEARER_SCHEME = 'bearer';

/** Who may call an operation: anyone (`{}`), a browser session, a token with the route's scope. */
export function securityOf(access: RouteAccess): Record<string, string[]>[] {
  const credentials = [
    { [SESSION_SCHEME]: [] },
    ...(access.scope === null ? [] : [{ [BEARER_SCHEME]: [access.scope] }]),
  ];
  return access.anonymous ? [{}, ...credentials] : credentials;
}

/** `problemResponse(…)` of functions/schemas/api.ts as the generator writes it: Problem by reference. */
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** The refusals any operation can answer, by who may call it and what it takes. */
function commonProblems(operation: Operation, access: RouteAccess): Responses {
  const body = operation.requestBody;
  const mediaTypes = body && 'content' in body ? Object.keys(body.content) : [];
  return {
    // A bad token is refused even where no one needs to sign in: it is never passed over.
    401: problem(
      access.anonymous
        ? 'An access token was sent, and it is invalid, expired or revoked'
        : 'Not signed in, or the access token is invalid, expired or revoked',
    ),
    403: problem(
      access.scope === null
        ? 'Access tokens are refused here (session_required): sign in on the website'
        : `The access token lacks the ${access.scope} scope (insufficient_scope)`,
    ),
    ...(mediaTypes.length > 0 && {
      400: problem('The body cannot be parsed (malformed JSON or form data)'),
      413: problem('The body is too large'),
      415: problem(`The Content-Type is not ${mediaTypes.join(' or ')}`),
    }),
    429: problem('Too many requests (an access token also has its own limit); see Retry-After'),
    503: problem('The database is unavailable; see Retry-After'),
  };
}

/** The document with every operation's security and common refusals filled in. */
export function withAccess(document: OpenApiDocument): OpenApiDocument {
  const paths: Record<string, PathItem> = {};
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const next: PathItem = { ...item };
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const access = routeAccess(method, path);
      next[method] = {
        ...operation,
        security: securityOf(access),
        // Status codes are integer-like keys, so the merged object lists them in ascending order.
        responses: { ...commonProblems(operation, access), ...operation.responses },
      };
    }
    paths[path] = next;
  }
  return { ...document, paths };
}
