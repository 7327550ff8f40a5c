/** GET /v1/events (upcoming or past, by community) and GET /v1/events/{slug}. */

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { problemResponse } from '../schemas/api';
import { SlugParams } from '../schemas/common';
import { EventDetail, EventListQuery, EventPage } from '../schemas/events';
import { getEvent } from '../services/events/get-event';
import { listEvents } from '../services/events/list-events';
import { toEventDetail, toEventSummary } from './public-json';

const listRoute = createRoute({
  method: 'get',
  path: '/v1/events',
  tags: ['events'],
  summary: 'Upcoming or past events',
  request: { query: EventListQuery },
  responses: {
    200: { description: 'A page of events', content: { 'application/json': { schema: EventPage } } },
    422: problemResponse('Invalid filter or cursor'),
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/v1/events/{slug}',
  tags: ['events'],
  summary: 'An event',
  request: { params: SlugParams },
  responses: {
    200: { description: 'The event', content: { 'application/json': { schema: EventDetail } } },
    404: problemResponse('No such event'),
  },
});

export function registerEvents(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, (c) => {
    const page = listEvents({ ctx: c.var.ctx, input: c.req.valid('query') });
    return c.json({ items: page.items.map(toEventSummary), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(detailRoute, (c) => {
    const { event } = getEvent({ ctx: c.var.ctx, input: c.req.valid('param') });
    return c.json(toEventDetail(event), 200);
  });
}
