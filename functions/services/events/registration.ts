/**
 * Registering for an event and cancelling. Capacity holds under concurrent requests because the
 * database decides: the registration is one INSERT … SELECT that reads the seat counter kept by
 * triggers and picks confirmed or waitlisted in the same statement, and the CHECK on events refuses
 * any write that would seat more than the capacity. A freed seat goes to the waitlist, first in first
 * out, in the same batch as the cancellation (`promoteQuery`). No read-then-write in JavaScript.
 */
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { and, eq, type Placeholder, sql } from 'drizzle-orm';
import { requireVerifiedUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import type { Db } from '../../db/client';
import {
  type EventAnswers,
  eventRegistrations,
  events,
  isSeated,
  type RegistrationStatus,
} from '../../db/schema';
import { AppError, eventNotFound, validation } from '../../lib/errors';
import { formatInstant } from '../../lib/format-instant';
import { randomBytes } from '../../lib/ids';
import { fieldErrors } from '../../lib/validation';
import { answersSchema } from '../../schemas/event-registration';
import { deliverPending } from '../outbox/deliver-pending';
import { eventMailQuery } from './event-mail';
import { type EventRecord, eventColumns, publicEventQuery, toEventRecord } from './event-record';

/** A ticket code: 80 random bits as 16 base32 characters. */
export const newTicketCode = () => encodeBase32UpperCaseNoPadding(randomBytes(10));

/** The code as people read it: four groups of four. */
export const ticketDisplay = (code: string) => code.replace(/(.{4})(?=.)/g, '$1-');

/** A typed or scanned code, tolerant of spaces, dashes and case. */
export const normalizeTicketCode = (input: string) => input.replace(/[\s-]/g, '').toUpperCase();

export type RegistrationWindow = 'open' | 'not_open' | 'closed' | 'started' | 'cancelled';

/** Whether registration is open at `now`: published, not started, within opens/closes. */
export function registrationWindow(event: EventRecord, now: Date): RegistrationWindow {
  const t = now.getTime();
  if (event.status === 'cancelled') return 'cancelled';
  if (event.status !== 'published') return 'closed';
  if (t >= event.startsAt.getTime()) return 'started';
  if (event.registrationOpensAt && t < event.registrationOpensAt.getTime()) return 'not_open';
  if (event.registrationClosesAt && t >= event.registrationClosesAt.getTime()) return 'closed';
  return 'open';
}

function assertWindow(event: EventRecord, now: Date, ctx: Pick<ServiceContext, 'locale'>) {
  switch (registrationWindow(event, now)) {
    case 'open':
      return;
    case 'cancelled':
      throw new AppError(409, 'event_cancelled', 'event.cancelled');
    case 'started':
      throw new AppError(409, 'event_started', 'event.started');
    case 'not_open':
      throw new AppError(409, 'registration_not_open', 'event.registrationNotOpen', {
        opens: formatInstant(ctx.locale, event.registrationOpensAt ?? event.startsAt),
      });
    case 'closed':
      throw new AppError(409, 'registration_closed', 'event.registrationClosed');
  }
}

export interface MyRegistration {
  id: number;
  status: RegistrationStatus;
  answers: EventAnswers;
  /** 1-based place on the waitlist, when waitlisted. */
  waitlistPosition: number | null;
  /** Only for a seated registration (confirmed or attended). */
  ticketCode: string | null;
  declineReason: string | null;
  checkedInAt: Date | null;
  createdAt: Date;
}

/**
 * The columns of a person's registration, with the number of people ahead of it on the waitlist
 * (a select over `event_registrations`, alone or joined).
 */
export const registrationColumns = {
  id: eventRegistrations.id,
  status: eventRegistrations.status,
  answers: eventRegistrations.answers,
  ticketCode: eventRegistrations.ticketCode,
  declineReason: eventRegistrations.declineReason,
  checkedInAt: eventRegistrations.checkedInAt,
  createdAt: eventRegistrations.createdAt,
  ahead: sql<number>`(SELECT count(*) FROM event_registrations w
    WHERE w.event_id = event_registrations.event_id AND w.status = 'waitlisted'
    AND w.queue_seq < event_registrations.queue_seq)`,
};

/** The viewer's registration for an event with their waitlist place, as a query for a batch. */
export const myRegistrationQuery = (
  db: Db,
  eventId: number | ReturnType<typeof eventIdBySlug>,
  userId: number | Placeholder,
) =>
  db
    .select(registrationColumns)
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.userId, userId)));

export const eventIdBySlug = (db: Db, slug: string | Placeholder) =>
  db.select({ id: events.id }).from(events).where(eq(events.slug, slug));

export function toMyRegistration(
  row: Awaited<ReturnType<typeof myRegistrationQuery>>[number],
): MyRegistration {
  const seated = isSeated(row.status);
  return {
    id: row.id,
    status: row.status,
    answers: row.answers,
    waitlistPosition: row.status === 'waitlisted' ? Number(row.ahead) + 1 : null,
    ticketCode: seated ? row.ticketCode : null,
    declineReason: row.status === 'declined' ? row.declineReason : null,
    checkedInAt: row.checkedInAt,
    createdAt: row.createdAt,
  };
}

/**
 * Seats freed on one event (or on every event) go to the first waitlisted people, in queue order,
 * exactly as many as are free: one statement, so it runs in the batch that freed the seats. Returns
 * the promoted registrations, to be mailed.
 */
export const promoteQuery = (db: Db, now: Date, eventId: number | null) =>
  db.all<{ id: number; eventId: number; userId: number }>(sql`UPDATE event_registrations
    SET status = 'confirmed', promoted_at = ${now.getTime()}, updated_at = ${now.getTime()}
    WHERE id IN (
      SELECT id FROM (
        SELECT r.id AS id,
          row_number() OVER (PARTITION BY r.event_id ORDER BY r.queue_seq) AS place,
          coalesce(e.capacity - e.confirmed_count, e.waitlist_count) AS free
        FROM event_registrations r JOIN events e ON e.id = r.event_id
        WHERE r.status = 'waitlisted' AND e.status = 'published'
          AND (e.capacity IS NULL OR e.capacity > e.confirmed_count) AND e.starts_at > ${now.getTime()}
          ${eventId === null ? sql`` : sql`AND r.event_id = ${eventId}`}
      ) WHERE place <= free
    )
    RETURNING id, event_id AS eventId, user_id AS userId`);

/** The mail to everyone promoted at this instant (in the batch right after `promoteQuery`). */
export const promotionMailQuery = (
  ctx: Pick<ServiceContext, 'db' | 'now' | 'config' | 'origin'>,
  event: EventRecord,
) =>
  eventMailQuery(ctx, {
    kind: 'promoted',
    event,
    recipients: sql`r.event_id = ${event.id} AND r.status = 'confirmed' AND r.promoted_at = ${ctx.now.getTime()}`,
    dedupe: PROMOTION_DEDUPE,
  });

/** One promotion mail per registration cycle (queue_seq is new each time someone registers). */
export const PROMOTION_DEDUPE = sql`'event-promoted:' || r.id || ':' || r.queue_seq`;

async function loadEvent(ctx: Pick<ServiceContext, 'db'>, slug: string): Promise<EventRecord> {
  const [row] = await publicEventQuery(ctx.db, slug);
  if (!row) throw eventNotFound();
  return toEventRecord(row);
}

export interface RegistrationResult {
  event: EventRecord;
  registration: MyRegistration;
  /** False when the person was already registered: registering twice is one registration. */
  created: boolean;
}

export async function register({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string; answers: unknown };
}): Promise<RegistrationResult> {
  const user = requireVerifiedUser(ctx);
  const event = await loadEvent(ctx, input.slug);
  assertWindow(event, ctx.now, ctx);
  const parsed = answersSchema(event.questions).safeParse(input.answers ?? {});
  if (!parsed.success) {
    // Keyed by question (`answers.tools`, not `answers.tools.1`), as the form names its fields.
    const errors: Record<string, string[]> = {};
    for (const [path, messages] of Object.entries(fieldErrors(parsed.error, ctx.locale))) {
      const key = path.split('.')[0];
      const field = key && key !== '_' ? `answers.${key}` : 'answers';
      errors[field] = [...(errors[field] ?? []), ...messages];
    }
    throw validation(errors);
  }
  const now = ctx.now.getTime();
  const { db } = ctx;
  // One statement decides: the window is checked again against the row, and the status comes from
  // the seat counter as it is when the write happens. A cancelled registration is taken up again
  // at the end of the queue; any other existing one stays as it is (idempotent).
  const write = db.all<{ id: number }>(sql`INSERT INTO event_registrations
      (event_id, user_id, status, answers, queue_seq, ticket_code, created_at, updated_at)
    SELECT e.id, ${user.id},
      CASE WHEN e.approval_required THEN 'pending'
           WHEN e.waitlist_count = 0 AND (e.capacity IS NULL OR e.confirmed_count < e.capacity) THEN 'confirmed'
           ELSE 'waitlisted' END,
      ${JSON.stringify(parsed.data)},
      (SELECT coalesce(max(queue_seq), 0) + 1 FROM event_registrations q WHERE q.event_id = e.id),
      ${newTicketCode()}, ${now}, ${now}
    FROM events e
    WHERE e.id = ${event.id} AND e.status = 'published' AND e.starts_at > ${now}
      AND (e.registration_opens_at IS NULL OR e.registration_opens_at <= ${now})
      AND (e.registration_closes_at IS NULL OR e.registration_closes_at > ${now})
    ON CONFLICT (event_id, user_id) DO UPDATE SET
      status = excluded.status, answers = excluded.answers, queue_seq = excluded.queue_seq,
      decline_reason = NULL, promoted_at = NULL, checked_in_at = NULL, updated_at = excluded.updated_at
    WHERE event_registrations.status = 'cancelled'
    RETURNING id`);
  // The mail of this registration's outcome, once per registration (a repeat finds its key taken).
  const outcomeMail = (kind: 'confirmed' | 'waitlisted' | 'pending') =>
    eventMailQuery(ctx, {
      kind,
      event,
      recipients: sql`r.event_id = ${event.id} AND r.user_id = ${user.id} AND r.status = ${kind}`,
      dedupe: sql`'event-registration:' || r.id || ':' || r.queue_seq`,
    });
  const [written, , , , , , mine, after] = await db.batch([
    write,
    // Nobody registers past the queue: with people waiting, a newcomer is waitlisted, and any seat
    // free at this moment (freed outside a request, e.g. by a deleted account) goes to the queue now.
    promoteQuery(db, ctx.now, event.id),
    promotionMailQuery(ctx, event),
    outcomeMail('confirmed'),
    outcomeMail('waitlisted'),
    outcomeMail('pending'),
    myRegistrationQuery(db, event.id, user.id),
    db.select(eventColumns).from(events).where(eq(events.id, event.id)),
  ]);
  const row = mine[0];
  const fresh = after[0];
  if (!row || !fresh) throw eventNotFound();
  const registration = toMyRegistration(row);
  if (written.length === 0 && registration.status === 'declined') {
    throw new AppError(409, 'registration_declined', 'event.declined');
  }
  ctx.waitUntil(deliverPending(ctx));
  return { event: toEventRecord(fresh), registration, created: written.length > 0 };
}

export async function cancelRegistration({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string };
}): Promise<{
  event: EventRecord;
  registration: MyRegistration;
  promoted: Array<{ id: number; userId: number }>;
}> {
  const user = requireVerifiedUser(ctx);
  const event = await loadEvent(ctx, input.slug);
  if (ctx.now.getTime() >= event.startsAt.getTime())
    throw new AppError(409, 'event_started', 'event.started');
  const { db } = ctx;
  const now = ctx.now.getTime();
  const [cancelled, promoted, , mine, after] = await db.batch([
    db
      .update(eventRegistrations)
      .set({ status: 'cancelled', updatedAt: ctx.now })
      .where(
        and(
          eq(eventRegistrations.eventId, event.id),
          eq(eventRegistrations.userId, user.id),
          sql`${eventRegistrations.status} IN ('confirmed', 'waitlisted', 'pending')`,
          sql`(SELECT starts_at FROM events WHERE id = ${event.id}) > ${now}`,
        ),
      )
      .returning({ id: eventRegistrations.id }),
    promoteQuery(db, ctx.now, event.id),
    promotionMailQuery(ctx, event),
    myRegistrationQuery(db, event.id, user.id),
    db.select(eventColumns).from(events).where(eq(events.id, event.id)),
  ]);
  const row = mine[0];
  const fresh = after[0];
  if (!row || !fresh) throw new AppError(404, 'not_registered', 'event.notRegistered');
  if (cancelled.length === 0 && row.status === 'declined') {
    throw new AppError(409, 'registration_declined', 'event.declined');
  }
  if (cancelled.length === 0 && row.status === 'attended') {
    throw new AppError(409, 'event_started', 'event.started');
  }
  ctx.waitUntil(deliverPending(ctx));
  return {
    event: toEventRecord(fresh),
    registration: toMyRegistration(row),
    promoted: promoted.map((p) => ({ id: p.id, userId: p.userId })),
  };
}
