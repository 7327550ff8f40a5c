/** GET /v1/communities (filters, cursor) and GET /v1/communities/{slug} (with member companies). */

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { problemResponse } from '../schemas/api';
import { SlugParams } from '../schemas/common';
import { CommunityDetail, CommunityListQuery, CommunityPage } from '../schemas/communities';
import { getCommunity } from '../services/communities/get-community';
import { listCommunities } from '../services/communities/list-communities';
import { toCommunityDetail, toCommunitySummary } from './public-json';

const listRoute = createRoute({
  method: 'get',
  path: '/v1/communities',
  operationId: 'listCommunities',
  tags: ['communities'],
  summary: 'OPC communities, filtered by district and focus',
  request: { query: CommunityListQuery },
  responses: {
    200: { description: 'A page of communities', content: { 'application/json': { schema: CommunityPage } } },
    422: problemResponse('Invalid filter or cursor'),
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/v1/communities/{slug}',
  operationId: 'getCommunity',
  tags: ['communities'],
  summary: 'A community with its verified member companies and upcoming events',
  request: { params: SlugParams },
  responses: {
    200: { description: 'The community', content: { 'application/json': { schema: CommunityDetail } } },
    404: problemResponse('No such community'),
  },
});

export function registerCommunities(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, (c) => {
    const page = listCommunities({ ctx: c.var.ctx, input: c.req.valid('query') });
    return c.json({ items: page.items.map(toCommunitySummary), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(detailRoute, async (c) => {
    const community = await getCommunity({ ctx: c.var.ctx, input: c.req.valid('param') });
    return c.json(toCommunityDetail(community), 200);
  });
}
