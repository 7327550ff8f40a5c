/**
 * Personal access tokens (decision 021): POST/GET /v1/me/tokens and DELETE /v1/me/tokens/{id} for
 * the signed-in person (creating one takes a browser session: a token cannot mint another), and
 * GET /v1/admin/tokens, DELETE /v1/admin/tokens/{id} for organizers and admins.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { jsonBody, jsonResponse, problemResponse } from '../schemas/api';
import { CreatedToken, CreateToken, StaffTokenSummary, TokenIdParams, TokenSummary } from '../schemas/tokens';
import { createToken } from '../services/tokens/create-token';
import { listAllTokens, listMyTokens } from '../services/tokens/list-tokens';
import { revokeToken } from '../services/tokens/revoke-token';
import { toTokenSummary } from '../services/tokens/shared';

const createRouteDef = createRoute({
  method: 'post',
  path: '/v1/me/tokens',
  operationId: 'createAccessToken',
  tags: ['tokens'],
  summary: 'Create a personal access token (shown once)',
  description:
    'Takes a browser session, not a token. Scopes: `read`, `write`; organizers and admins also `admin:read`, ' +
    '`admin:write`. The expiry is 1–365 days. Use the token as `Authorization: Bearer opc_pat_…`.',
  request: jsonBody(CreateToken),
  responses: {
    201: jsonResponse(CreatedToken, 'The new token, with its secret this once'),
    401: problemResponse('Not signed in'),
    403: problemResponse('Asked with a token: a browser session is required'),
    409: problemResponse('Already 20 live tokens'),
    422: problemResponse('Invalid name, scopes (or a scope the role may not hold) or expiry'),
  },
});

const listMineRoute = createRoute({
  method: 'get',
  path: '/v1/me/tokens',
  operationId: 'listMyAccessTokens',
  tags: ['tokens'],
  summary: 'Your personal access tokens, with when they were created and last used',
  responses: {
    200: jsonResponse(z.object({ items: z.array(TokenSummary) }), 'Your tokens, newest first'),
    401: problemResponse('Not signed in'),
  },
});

const revokeMineRoute = createRoute({
  method: 'delete',
  path: '/v1/me/tokens/{id}',
  operationId: 'revokeMyAccessToken',
  tags: ['tokens'],
  summary: 'Revoke one of your tokens, at once',
  request: { params: TokenIdParams },
  responses: {
    204: { description: 'Revoked' },
    401: problemResponse('Not signed in'),
    404: problemResponse('No such token of yours'),
  },
});

const listAllRoute = createRoute({
  method: 'get',
  path: '/v1/admin/tokens',
  operationId: 'listAllAccessTokens',
  tags: ['tokens'],
  summary: 'Every personal access token with its owner (organizers and admins; newest 200)',
  responses: {
    200: jsonResponse(z.object({ items: z.array(StaffTokenSummary) }), 'Tokens, newest first'),
    401: problemResponse('Not signed in'),
    403: problemResponse('Not an organizer'),
  },
});

const revokeAnyRoute = createRoute({
  method: 'delete',
  path: '/v1/admin/tokens/{id}',
  operationId: 'revokeAccessToken',
  tags: ['tokens'],
  summary: "Revoke anyone's token, at once (organizers and admins)",
  request: { params: TokenIdParams },
  responses: {
    204: { description: 'Revoked' },
    401: problemResponse('Not signed in'),
    403: problemResponse('Not an organizer'),
    404: problemResponse('No such token'),
  },
});

export function registerTokens(app: OpenAPIHono<AppEnv>) {
  app.openapi(createRouteDef, async (c) => {
    const created = await createToken({ ctx: c.var.ctx, input: c.req.valid('json') });
    return c.json(created, 201, { 'cache-control': 'no-store' });
  });

  app.openapi(listMineRoute, async (c) => {
    const rows = await listMyTokens({ ctx: c.var.ctx });
    return c.json({ items: rows.map(toTokenSummary) }, 200);
  });

  app.openapi(revokeMineRoute, async (c) => {
    await revokeToken({ ctx: c.var.ctx, id: c.req.valid('param').id });
    return c.body(null, 204);
  });

  app.openapi(listAllRoute, async (c) => {
    const rows = await listAllTokens({ ctx: c.var.ctx });
    return c.json({ items: rows.map((row) => ({ ...toTokenSummary(row), owner: row.owner })) }, 200);
  });

  app.openapi(revokeAnyRoute, async (c) => {
    await revokeToken({ ctx: c.var.ctx, id: c.req.valid('param').id, asStaff: true });
    return c.body(null, 204);
  });
}
