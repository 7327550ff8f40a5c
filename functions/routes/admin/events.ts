/**
 * /v1/admin/events: organizers create and edit events (PATCH also publishes or cancels), read the
 * attendee list, decide approval-required registrations, check tickets in and export the list as CSV.
 * Every change is audited by its service in the same batch.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { requireRole } from '../../auth/guards';
import type { AppEnv } from '../../context';
import { isSeated, REGISTRATION_STATUSES } from '../../db/schema';
import { validation } from '../../lib/errors';
import { translate } from '../../lib/messages';
import { shanghaiIso } from '../../lib/shanghai-time';
import { fieldErrors } from '../../lib/validation';
import { jsonBody, jsonResponse, problemResponse } from '../../schemas/api';
import { positiveIdParam, SlugParams } from '../../schemas/common';
import {
  CheckInRequest,
  EventInput,
  EventStatusChange,
  RegistrationDecision,
} from '../../schemas/event-admin';
import { EventDetail, MyRegistrationOut } from '../../schemas/events';
import {
  checkIn,
  decideRegistration,
  exportAttendeesCsv,
  listAttendees,
} from '../../services/events/attendees';
import {
  createEvent,
  inputOf,
  loadAnyEvent,
  setEventStatus,
  updateEvent,
} from '../../services/events/manage-event';
import { toEventDetail } from '../public-json';

const tags = ['admin: events'];
const errors = {
  401: problemResponse('Not signed in'),
  403: problemResponse('Not an organizer'),
  404: problemResponse('No such event or registration'),
};
const changeErrors = {
  ...errors,
  409: problemResponse('Slug taken, capacity below the confirmed count, cancelled event, or already decided'),
  422: problemResponse('Invalid input'),
};

const AdminEvent = EventDetail.extend({
  status: z.enum(['draft', 'published', 'cancelled']),
  confirmedCount: z.int(),
  attendedCount: z.int(),
}).openapi('AdminEvent');

const CreateEvent = EventInput.and(z.object({ publish: z.boolean().default(false) })).openapi('CreateEvent');
const PatchEvent = z.record(z.string(), z.unknown()).openapi('EventPatch', {
  description:
    'Any fields of EventInput (the rest stay as they are), and optionally `status`: "published", or "cancelled" with a `reason`.',
});

/** What a PATCH may name: EventInput's fields but the slug (fixed once the event exists), and the status change. */
const PATCH_KEYS = new Set([
  ...Object.keys(EventInput.shape).filter((key) => key !== 'slug'),
  'status',
  'reason',
]);

const Attendee = MyRegistrationOut.omit({ answers: true })
  .extend({
    id: z.int(),
    name: z.string(),
    email: z.string(),
    answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    ticketCode: z.string().nullable(),
  })
  .openapi('Attendee');

const CheckInAnswer = z
  .object({
    name: z.string(),
    status: z.enum(REGISTRATION_STATUSES),
    checkedInNow: z.boolean(),
    checkedInAt: z.string().nullable(),
    ticket: z.string(),
  })
  .openapi('CheckInResult');

const RegistrationParams = SlugParams.extend({ id: positiveIdParam('id') });

const routes = {
  create: createRoute({
    method: 'post',
    path: '/v1/admin/events',
    operationId: 'createEvent',
    tags,
    summary: 'Create an event (a draft, or published with `publish: true`)',
    request: jsonBody(CreateEvent),
    responses: { 201: jsonResponse(AdminEvent, 'The event'), ...changeErrors },
  }),
  update: createRoute({
    method: 'patch',
    path: '/v1/admin/events/{slug}',
    operationId: 'updateEvent',
    tags,
    summary: 'Change an event; publish or cancel it',
    description:
      'A new time or place raises the iCalendar SEQUENCE and mails everyone registered; a raised capacity promotes the waitlist.',
    request: { params: SlugParams, ...jsonBody(PatchEvent) },
    responses: { 200: jsonResponse(AdminEvent, 'The event'), ...changeErrors },
  }),
  registrations: createRoute({
    method: 'get',
    path: '/v1/admin/events/{slug}/registrations',
    operationId: 'listEventRegistrations',
    tags,
    summary: 'The attendee list, in queue order, optionally of one state',
    request: {
      params: SlugParams,
      query: z.object({ status: z.enum(REGISTRATION_STATUSES).optional() }),
    },
    responses: {
      200: jsonResponse(z.object({ items: z.array(Attendee) }), 'Registrations'),
      ...errors,
      422: problemResponse('Invalid filter'),
    },
  }),
  decide: createRoute({
    method: 'post',
    path: '/v1/admin/events/{slug}/registrations/{id}/decision',
    operationId: 'decideEventRegistration',
    tags,
    summary: 'Approve (confirmed while seats are left, else waitlisted) or decline a pending registration',
    request: { params: RegistrationParams, ...jsonBody(RegistrationDecision) },
    responses: {
      200: jsonResponse(z.object({ status: z.enum(REGISTRATION_STATUSES) }), 'The new state'),
      ...changeErrors,
    },
  }),
  checkIn: createRoute({
    method: 'post',
    path: '/v1/admin/events/{slug}/check-in',
    operationId: 'checkInTicket',
    tags,
    summary: 'Check a ticket in (once; a second time says when it was first used)',
    request: { params: SlugParams, ...jsonBody(CheckInRequest) },
    responses: {
      200: jsonResponse(CheckInAnswer, 'The ticket'),
      ...errors,
      422: problemResponse('Invalid input'),
    },
  }),
  export: createRoute({
    method: 'get',
    path: '/v1/admin/events/{slug}/export.csv',
    operationId: 'exportEventRegistrationsCsv',
    tags,
    summary: 'The attendee list as CSV (UTF-8 with BOM, one column per question)',
    request: { params: SlugParams },
    responses: {
      200: { description: 'The CSV file', content: { 'text/csv': { schema: z.string() } } },
      ...errors,
    },
  }),
};

const adminJson = (event: Awaited<ReturnType<typeof loadAnyEvent>>, now: Date) => ({
  ...toEventDetail(event, null, now),
  status: event.status,
  confirmedCount: event.confirmedCount,
  attendedCount: event.attendedCount,
  onlineUrl: event.onlineUrl,
  room: event.room,
});

export function registerAdminEvents(app: OpenAPIHono<AppEnv>) {
  app.openapi(routes.create, async (c) => {
    const ctx = c.var.ctx;
    const event = await createEvent({ ctx, input: c.req.valid('json') });
    return c.json(adminJson(event, ctx.now), 201);
  });

  app.openapi(routes.update, async (c) => {
    const ctx = c.var.ctx;
    requireRole(ctx, 'organizer');
    const { slug } = c.req.valid('param');
    const body = c.req.valid('json');
    const unknown = Object.keys(body).filter((key) => !PATCH_KEYS.has(key));
    if (unknown.length > 0) {
      throw validation(
        Object.fromEntries(unknown.map((key) => [key, [translate(ctx.locale, 'field.unknown')]])),
      );
    }
    const { status, reason, ...patch } = body;
    // The status change is checked before anything is written, so a bad one changes nothing.
    const change =
      status === undefined && reason === undefined ? null : EventStatusChange.safeParse({ status, reason });
    if (change && !change.success) throw validation(fieldErrors(change.error, ctx.locale));
    let event = await loadAnyEvent(ctx, slug);
    if (Object.keys(patch).length > 0) {
      const parsed = EventInput.safeParse({ ...inputOf(event), ...patch });
      if (!parsed.success) throw validation(fieldErrors(parsed.error, ctx.locale));
      event = await updateEvent({ ctx, input: { before: event, event: parsed.data } });
    }
    if (change?.success)
      event = await setEventStatus({ ctx, input: { slug: event.slug, change: change.data } });
    return c.json(adminJson(event, ctx.now), 200);
  });

  app.openapi(routes.registrations, async (c) => {
    const ctx = c.var.ctx;
    const { attendees } = await listAttendees({
      ctx,
      input: { slug: c.req.valid('param').slug, status: c.req.valid('query').status },
    });
    return c.json(
      {
        items: attendees.map((a) => ({
          id: a.id,
          name: a.name,
          email: a.email,
          status: a.status,
          answers: a.answers,
          waitlistPosition: a.waitlistPosition,
          ticketCode: isSeated(a.status) ? a.ticketCode : null,
          declineReason: a.declineReason,
          checkedInAt: a.checkedInAt ? shanghaiIso(a.checkedInAt) : null,
          registeredAt: shanghaiIso(a.registeredAt),
        })),
      },
      200,
    );
  });

  app.openapi(routes.decide, async (c) => {
    const { slug, id } = c.req.valid('param');
    const result = await decideRegistration({
      ctx: c.var.ctx,
      input: { slug, registrationId: id, decision: c.req.valid('json') },
    });
    return c.json(result, 200);
  });

  app.openapi(routes.checkIn, async (c) => {
    const result = await checkIn({
      ctx: c.var.ctx,
      input: { slug: c.req.valid('param').slug, code: c.req.valid('json').code },
    });
    return c.json(
      { ...result, checkedInAt: result.checkedInAt ? shanghaiIso(result.checkedInAt) : null },
      200,
    );
  });

  app.openapi(routes.export, async (c) => {
    const { filename, csv } = await exportAttendeesCsv({ ctx: c.var.ctx, input: c.req.valid('param') });
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'private, no-store',
    });
  });
}
