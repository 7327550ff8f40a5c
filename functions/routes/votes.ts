/** PUT|DELETE /v1/products/{id}/vote: upvote an approved product or withdraw it; both idempotent. */

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { problemResponse } from '../schemas/api';
import { IdParams } from '../schemas/common';
import { VoteState } from '../schemas/moderation';
import { setVote } from '../services/votes/set-vote';

const responses = {
  200: {
    description: 'Whether you have voted now, and the exact count read right after the write',
    content: { 'application/json': { schema: VoteState } },
  },
  401: problemResponse('Not signed in'),
  403: problemResponse('Email not verified'),
  404: problemResponse('No approved product has this id'),
};

const putRoute = createRoute({
  method: 'put',
  path: '/v1/products/{id}/vote',
  tags: ['products'],
  summary: 'Upvote an approved product (once per user; repeating changes nothing)',
  request: { params: IdParams },
  responses,
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/v1/products/{id}/vote',
  tags: ['products'],
  summary: 'Withdraw your upvote (repeating changes nothing)',
  request: { params: IdParams },
  responses,
});

export function registerVotes(app: OpenAPIHono<AppEnv>) {
  app.openapi(putRoute, async (c) =>
    c.json(
      await setVote({ ctx: c.var.ctx, input: { productId: c.req.valid('param').id, voted: true } }),
      200,
    ),
  );
  app.openapi(deleteRoute, async (c) =>
    c.json(
      await setVote({ ctx: c.var.ctx, input: { productId: c.req.valid('param').id, voted: false } }),
      200,
    ),
  );
}
