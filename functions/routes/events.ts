/**
 * Events: GET /v1/events (upcoming or past, by community), GET /v1/events/{slug} (with seats left,
 * the waitlist and the viewer's registration), PUT and DELETE /v1/events/{slug}/registration
 * (register with answers, idempotent; cancel), GET /v1/me/events.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { jsonBody, problemResponse } from '../schemas/api';
import { SlugParams } from '../schemas/common';
import {
  EventDetail,
  EventListQuery,
  EventPage,
  MyEvent,
  RegistrationAnswer,
  RegistrationRequest,
} from '../schemas/events';
import { getEvent } from '../services/events/get-event';
import { listEvents } from '../services/events/list-events';
import { listMyEvents } from '../services/events/list-my-events';
import { cancelRegistration, register } from '../services/events/registration';
import { toEventDetail, toEventSummary, toRegistrationJson } from './public-json';

const listRoute = createRoute({
  method: 'get',
  path: '/v1/events',
  operationId: 'listEvents',
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
  operationId: 'getEvent',
  tags: ['events'],
  summary: "An event, with seats left and the viewer's registration",
  request: { params: SlugParams },
  responses: {
    200: { description: 'The event', content: { 'application/json': { schema: EventDetail } } },
    404: problemResponse('No such event'),
  },
});

const registerRoute = createRoute({
  method: 'put',
  path: '/v1/events/{slug}/registration',
  operationId: 'registerForEvent',
  tags: ['events'],
  summary: 'Register (confirmed, waitlisted or pending approval); registering again changes nothing',
  request: { params: SlugParams, ...jsonBody(RegistrationRequest) },
  responses: {
    200: {
      description: 'Your registration (`created` is false when you were already registered)',
      content: { 'application/json': { schema: RegistrationAnswer } },
    },
    401: problemResponse('Not signed in'),
    403: problemResponse('Email not verified'),
    404: problemResponse('No such event'),
    409: problemResponse(
      'Registration is not open, has closed, the event started or was cancelled; or declined',
    ),
    422: problemResponse('Answers do not fit the questions'),
  },
});

const cancelRoute = createRoute({
  method: 'delete',
  path: '/v1/events/{slug}/registration',
  operationId: 'cancelEventRegistration',
  tags: ['events'],
  summary: 'Cancel your registration before the event starts (a freed seat goes to the waitlist)',
  request: { params: SlugParams },
  responses: {
    200: {
      description: 'Your registration, now cancelled',
      content: { 'application/json': { schema: RegistrationAnswer } },
    },
    401: problemResponse('Not signed in'),
    403: problemResponse('Email not verified'),
    404: problemResponse('No such event, or not registered'),
    409: problemResponse('The event has started'),
  },
});

const myEventsRoute = createRoute({
  method: 'get',
  path: '/v1/me/events',
  operationId: 'listMyEvents',
  tags: ['me'],
  summary: 'Your event registrations, soonest event first',
  responses: {
    200: {
      description: 'Your registrations',
      content: { 'application/json': { schema: z.object({ items: z.array(MyEvent) }) } },
    },
    401: problemResponse('Not signed in'),
  },
});

export function registerEvents(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const page = await listEvents({ ctx: c.var.ctx, input: c.req.valid('query') });
    return c.json({ items: page.items.map(toEventSummary), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(detailRoute, async (c) => {
    const { event, registration } = await getEvent({ ctx: c.var.ctx, input: c.req.valid('param') });
    return c.json(toEventDetail(event, registration, c.var.ctx.now), 200);
  });

  app.openapi(registerRoute, async (c) => {
    const ctx = c.var.ctx;
    const result = await register({
      ctx,
      input: { slug: c.req.valid('param').slug, answers: c.req.valid('json').answers },
    });
    return c.json(
      { event: toEventDetail(result.event, result.registration, ctx.now), created: result.created },
      200,
    );
  });

  app.openapi(cancelRoute, async (c) => {
    const ctx = c.var.ctx;
    const result = await cancelRegistration({ ctx, input: { slug: c.req.valid('param').slug } });
    return c.json({ event: toEventDetail(result.event, result.registration, ctx.now), created: false }, 200);
  });

  app.openapi(myEventsRoute, async (c) => {
    const items = await listMyEvents({ ctx: c.var.ctx });
    return c.json(
      {
        items: items.map(({ event, registration }) => ({
          event: toEventSummary(event),
          registration: toRegistrationJson(registration),
        })),
      },
      200,
    );
  });
}
