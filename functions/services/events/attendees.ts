/**
 * Organizers' side of registrations: the attendee list (state, answers, check-in time) with a state
 * filter, decisions on approval-required registrations, check-in by ticket code, the CSV export and
 * a message to everyone confirmed or waitlisted. Only organizers see attendee data; every change is
 * audited in the batch that makes it.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import type { Db } from '../../db/client';
import {
  type EventAnswers,
  eventRegistrations,
  events,
  isSeated,
  type RegistrationStatus,
  users,
} from '../../db/schema';
import { auditInsert, auditInsertWhere } from '../../lib/audit';
import { type Cell, toCsv } from '../../lib/csv';
import { AppError, eventNotFound } from '../../lib/errors';
import { formatInstant } from '../../lib/format-instant';
import { randomToken } from '../../lib/ids';
import type { AttendeeMessage, RegistrationDecision } from '../../schemas/event-admin';
import { deliverPending } from '../outbox/deliver-pending';
import { eventMailQuery } from './event-mail';
import { type EventRecord, eventColumnsWithCover, toEventRecord } from './event-record';
import { loadAnyEvent } from './manage-event';
import { eventIdBySlug, normalizeTicketCode, ticketDisplay } from './registration';

/** Enough for any event here; the benchmark measures an event with 2,000. */
export const ATTENDEE_LIMIT = 5000;

export interface Attendee {
  id: number;
  name: string;
  email: string;
  status: RegistrationStatus;
  answers: EventAnswers;
  waitlistPosition: number | null;
  ticketCode: string;
  declineReason: string | null;
  checkedInAt: Date | null;
  registeredAt: Date;
}

/** Attendees per page of the admin event page; the CSV and the API list them all. */
export const ATTENDEE_PAGE = 100;

/** A page's position in the queue: the last row's queue place and id, `12.345`. */
const CURSOR = /^(\d{1,15})\.(\d{1,15})$/;

export async function listAttendees({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: {
    slug: string;
    status?: RegistrationStatus | undefined;
    /** One page of ATTENDEE_PAGE after this cursor (null: the first); absent: everyone. */
    cursor?: string | null | undefined;
  };
}): Promise<{ event: EventRecord; attendees: Attendee[]; total: number; nextCursor: string | null }> {
  requireRole(ctx, 'organizer');
  const { db } = ctx;
  const paged = input.cursor !== undefined;
  const after = input.cursor ? CURSOR.exec(input.cursor) : null;
  const eventId = eventIdBySlug(db, input.slug);
  const filter = and(
    eq(eventRegistrations.eventId, eventId),
    input.status ? eq(eventRegistrations.status, input.status) : undefined,
  );
  const seq = sql`coalesce(${eventRegistrations.queueSeq}, 0)`;
  // The event, one page of its registrations in queue order and their count, in one round trip.
  const [found, rows, counted] = await db.batch([
    db.select(eventColumnsWithCover).from(events).where(eq(events.slug, input.slug)),
    db
      .select({
        id: eventRegistrations.id,
        name: users.name,
        email: users.email,
        status: eventRegistrations.status,
        answers: eventRegistrations.answers,
        ticketCode: eventRegistrations.ticketCode,
        declineReason: eventRegistrations.declineReason,
        checkedInAt: eventRegistrations.checkedInAt,
        registeredAt: eventRegistrations.createdAt,
        queueSeq: seq.mapWith(Number),
        // A waitlisted row's place: the waitlisted rows ahead of it, on any page.
        ahead: sql<number>`(select count(*) from event_registrations w where w.event_id = ${eventRegistrations.eventId}
          and w.status = 'waitlisted' and coalesce(w.queue_seq, 0) < ${seq})`,
      })
      .from(eventRegistrations)
      .innerJoin(users, eq(users.id, eventRegistrations.userId))
      .where(
        and(
          filter,
          after
            ? sql`(${seq}, ${eventRegistrations.id}) > (${Number(after[1])}, ${Number(after[2])})`
            : undefined,
        ),
      )
      .orderBy(seq, asc(eventRegistrations.id))
      .limit(paged ? ATTENDEE_PAGE + 1 : ATTENDEE_LIMIT),
    db.select({ n: sql<number>`count(*)` }).from(eventRegistrations).where(filter),
  ]);
  const [row] = found;
  if (!row) throw eventNotFound();
  const shown = paged ? rows.slice(0, ATTENDEE_PAGE) : rows;
  const last = shown[shown.length - 1];
  const attendees = shown.map(({ ahead, queueSeq: _, ...a }) => ({
    ...a,
    waitlistPosition: a.status === 'waitlisted' ? Number(ahead) + 1 : null,
  }));
  return {
    event: toEventRecord(row),
    attendees,
    total: Number(counted[0]?.n ?? 0),
    nextCursor: paged && rows.length > ATTENDEE_PAGE && last ? `${last.queueSeq}.${last.id}` : null,
  };
}

/** Approve (confirmed while seats are left, else waitlisted in registration order) or decline. */
export async function decideRegistration({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string; registrationId: number; decision: RegistrationDecision };
}): Promise<{ status: RegistrationStatus }> {
  const organizer = requireRole(ctx, 'organizer');
  const event = await loadAnyEvent(ctx, input.slug);
  // Deciding is for a published event that has not started.
  if (event.status === 'cancelled') throw new AppError(409, 'event_cancelled', 'event.cancelled');
  if (event.startsAt.getTime() <= ctx.now.getTime())
    throw new AppError(409, 'event_started', 'event.started');
  const { db } = ctx;
  const { decision } = input;
  const mine = and(
    eq(eventRegistrations.id, input.registrationId),
    eq(eventRegistrations.eventId, event.id),
    eq(eventRegistrations.status, 'pending'),
  );
  const recipients = (status: string) => sql`r.id = ${input.registrationId} AND r.status = ${status}`;
  const dedupe = sql`'event-decision:' || r.id || ':' || r.queue_seq`;
  const [changed] = await db.batch([
    decision.decision === 'approve'
      ? db
          .update(eventRegistrations)
          .set({
            // Seated only while seats are free and nobody waits: an approval does not jump the queue.
            status: sql`CASE WHEN (SELECT waitlist_count = 0 AND (capacity IS NULL OR confirmed_count < capacity)
                FROM events WHERE id = ${event.id})
              THEN 'confirmed' ELSE 'waitlisted' END`,
            updatedAt: ctx.now,
          })
          .where(mine)
          .returning({ status: eventRegistrations.status })
      : db
          .update(eventRegistrations)
          .set({ status: 'declined', declineReason: decision.reason, updatedAt: ctx.now })
          .where(mine)
          .returning({ status: eventRegistrations.status }),
    auditInsertWhere(
      ctx,
      {
        action: `event.registration.${decision.decision}`,
        targetType: 'event_registration',
        targetId: input.registrationId,
        after: decision,
        actor: organizer,
      },
      sql`changes() = 1`,
    ),
    ...(decision.decision === 'approve'
      ? [
          eventMailQuery(ctx, { kind: 'approved', event, recipients: recipients('confirmed'), dedupe }),
          eventMailQuery(ctx, { kind: 'waitlisted', event, recipients: recipients('waitlisted'), dedupe }),
        ]
      : [
          eventMailQuery(ctx, {
            kind: 'declined',
            event,
            reason: decision.reason,
            recipients: recipients('declined'),
            dedupe,
          }),
        ]),
  ]);
  const [row] = changed;
  if (!row) throw new AppError(409, 'already_decided', 'event.notPending');
  ctx.waitUntil(deliverPending(ctx));
  return { status: row.status };
}

export interface CheckInResult {
  name: string;
  status: RegistrationStatus;
  /** True when this request checked the ticket in; false when it was used before (see checkedInAt). */
  checkedInNow: boolean;
  checkedInAt: Date | null;
  ticket: string;
}

/** Checks a ticket in, once: the same ticket again answers when it was first used. */
export async function checkIn({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string; code: string };
}): Promise<CheckInResult> {
  const user = requireRole(ctx, 'organizer');
  const event = await loadAnyEvent(ctx, input.slug);
  if (event.status === 'cancelled') throw new AppError(409, 'event_cancelled', 'event.cancelled');
  const code = normalizeTicketCode(input.code);
  const { db } = ctx;
  const ticket = and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.ticketCode, code));
  const [updated, , found] = await db.batch([
    db
      .update(eventRegistrations)
      .set({ status: 'attended', checkedInAt: ctx.now, updatedAt: ctx.now })
      .where(and(ticket, eq(eventRegistrations.status, 'confirmed')))
      .returning({ id: eventRegistrations.id }),
    // Audited in the same batch, only when the update above checked the ticket in (changes()).
    auditInsertWhere(
      ctx,
      {
        action: 'event.check_in',
        targetType: 'event',
        targetId: event.slug,
        after: { ticketEndsWith: code.slice(-4) },
        actor: user,
      },
      sql`changes() = 1`,
    ),
    db
      .select({
        name: users.name,
        status: eventRegistrations.status,
        checkedInAt: eventRegistrations.checkedInAt,
      })
      .from(eventRegistrations)
      .innerJoin(users, eq(users.id, eventRegistrations.userId))
      .where(ticket),
  ]);
  const [row] = found;
  if (!row) throw new AppError(404, 'ticket_not_found', 'event.ticketNotFound');
  const checkedInNow = updated.length > 0;
  return {
    name: row.name,
    status: row.status,
    checkedInNow,
    checkedInAt: row.checkedInAt,
    ticket: ticketDisplay(code),
  };
}

/** What a ticket holds, read only (the check-in page opened from its QR code). */
/**
 * The check-in desk opened from a ticket's QR code: the event (any status) and what the ticket
 * holds, in one round trip (the ticket is looked up by the event's slug).
 */
export async function checkInDesk({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string; code: string | null };
}): Promise<{ event: EventRecord; ticket: TicketView | null }> {
  requireRole(ctx, 'organizer');
  const { db } = ctx;
  const code = input.code === null ? null : normalizeTicketCode(input.code);
  const eventQuery = db.select(eventColumnsWithCover).from(events).where(eq(events.slug, input.slug));
  const [eventRows, ticketRows] = await db.batch([
    eventQuery,
    ticketQuery(db, eventIdBySlug(db, input.slug), code ?? ''),
  ]);
  const row = eventRows[0];
  if (!row) throw eventNotFound();
  const ticket = code !== null && ticketRows[0] ? { ...ticketRows[0], ticket: ticketDisplay(code) } : null;
  return { event: toEventRecord(row), ticket };
}

export interface TicketView {
  name: string;
  status: RegistrationStatus;
  checkedInAt: Date | null;
  ticket: string;
}

const ticketQuery = (db: Db, eventId: number | ReturnType<typeof eventIdBySlug>, code: string) =>
  db
    .select({
      name: users.name,
      status: eventRegistrations.status,
      checkedInAt: eventRegistrations.checkedInAt,
    })
    .from(eventRegistrations)
    .innerJoin(users, eq(users.id, eventRegistrations.userId))
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.ticketCode, code)));

const STATUS_LABEL: Record<RegistrationStatus, { zh: string; en: string }> = {
  confirmed: { zh: '已确认', en: 'Confirmed' },
  waitlisted: { zh: '候补', en: 'Waitlisted' },
  pending: { zh: '待审核', en: 'Pending' },
  declined: { zh: '未通过', en: 'Declined' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  attended: { zh: '已签到', en: 'Attended' },
};

/** The attendee list as CSV (UTF-8 with BOM, formula cells neutralised), one column per question. */
export async function exportAttendeesCsv({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string };
}): Promise<{ filename: string; csv: string }> {
  const { event, attendees } = await listAttendees({ ctx, input });
  const zh = ctx.locale === 'zh-CN';
  const pick = (v: { zh: string; en: string | null }) => (zh ? v.zh : (v.en ?? v.zh));
  const header = [
    zh ? '姓名' : 'Name',
    zh ? '邮箱' : 'Email',
    zh ? '状态' : 'Status',
    zh ? '候补位次' : 'Waitlist place',
    zh ? '票号' : 'Ticket',
    zh ? '报名时间' : 'Registered at',
    zh ? '签到时间' : 'Checked in at',
    ...event.questions.map((q) => pick(q.label)),
  ];
  const answer = (q: EventRecord['questions'][number], value: string | string[] | undefined): Cell => {
    if (value === undefined) return '';
    const label = (key: string) => {
      const option = q.options.find((o) => o.key === key);
      return option ? pick(option.label) : key;
    };
    return q.kind === 'text' ? String(value) : (Array.isArray(value) ? value : [value]).map(label).join('; ');
  };
  const rows = attendees.map((a) => [
    a.name,
    a.email,
    pick(STATUS_LABEL[a.status]),
    a.waitlistPosition,
    isSeated(a.status) ? ticketDisplay(a.ticketCode) : '',
    formatInstant(ctx.locale, a.registeredAt),
    a.checkedInAt ? formatInstant(ctx.locale, a.checkedInAt) : '',
    ...event.questions.map((q) => answer(q, a.answers[q.key])),
  ]);
  await ctx.db.batch([
    auditInsert(ctx, { action: 'event.export', targetType: 'event', targetId: event.slug }),
  ]);
  return { filename: `${event.slug}-attendees.csv`, csv: toCsv(header, rows) };
}

/** A message to everyone confirmed (attended included) or waitlisted, through the outbox. */
export async function messageAttendees({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string } & AttendeeMessage;
}): Promise<{ recipients: number }> {
  requireRole(ctx, 'organizer');
  const event = await loadAnyEvent(ctx, input.slug);
  const statuses = input.to === 'confirmed' ? sql`('confirmed', 'attended')` : sql`('waitlisted')`;
  const id = randomToken(8);
  const [sent] = await ctx.db.batch([
    eventMailQuery(ctx, {
      kind: 'message',
      event,
      message: input.message,
      recipients: sql`r.event_id = ${event.id} AND r.status IN ${statuses}`,
      dedupe: sql`${`event-message:${id}:`} || r.id`,
    }),
    auditInsert(ctx, {
      action: 'event.message',
      targetType: 'event',
      targetId: event.slug,
      after: { to: input.to, message: input.message },
    }),
  ]);
  ctx.waitUntil(deliverPending(ctx));
  return { recipients: sent.rowsAffected };
}
