/** GET /v1/contests and GET /v1/contests/{slug}: content plus phase, timeline and team count. */

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { problemResponse } from '../schemas/api';
import { SlugParams } from '../schemas/common';
import { ContestDetail, ContestListQuery, ContestPage } from '../schemas/contests';
import { getContest } from '../services/contests/get-contest';
import { listContests } from '../services/contests/list-contests';
import { toContestDetail, toContestSummary } from './public-json';

const listRoute = createRoute({
  method: 'get',
  path: '/v1/contests',
  tags: ['contests'],
  summary: 'Contests, latest first, with their phase',
  request: { query: ContestListQuery },
  responses: {
    200: { description: 'A page of contests', content: { 'application/json': { schema: ContestPage } } },
    422: problemResponse('Invalid cursor or limit'),
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/v1/contests/{slug}',
  tags: ['contests'],
  summary: 'A contest: rules, timeline, team size, tracks, prizes, rubric, phase and team count',
  request: { params: SlugParams },
  responses: {
    200: { description: 'The contest', content: { 'application/json': { schema: ContestDetail } } },
    404: problemResponse('No such contest'),
  },
});

export function registerContests(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const page = await listContests({ ctx: c.var.ctx, input: c.req.valid('query') });
    return c.json({ items: page.items.map(toContestSummary), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(detailRoute, async (c) => {
    const contest = await getContest({ ctx: c.var.ctx, input: c.req.valid('param') });
    return c.json(toContestDetail(contest), 200);
  });
}
