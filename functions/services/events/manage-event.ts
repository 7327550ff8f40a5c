/**
 * Organizers write events: create (as a draft, or published at once), edit, publish, cancel. Each
 * change is one batch with its audit row and its mail: a new time or place raises the iCalendar
 * SEQUENCE and tells everyone registered; a raised capacity promotes the waitlist in the same batch;
 * a capacity below the confirmed count is refused by the database (CHECK events_within_capacity).
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { isUniqueViolation, sqliteFailure } from '../../db/errors';
import { type EventQuestion, eventRegistrations, events } from '../../db/schema';
import { auditInsert, auditInsertWhere } from '../../lib/audit';
import { AppError, eventNotFound, validation } from '../../lib/errors';
import { translate } from '../../lib/messages';
import type { EventInput, EventStatusChange } from '../../schemas/event-admin';
import { deliverPending } from '../outbox/deliver-pending';
import { siteLink } from '../outbox/templates';
import { deliverWebhooks } from '../webhooks/deliver-webhooks';
import { webhookInsert } from '../webhooks/events';
import { eventMailQuery } from './event-mail';
import { type EventRecord, eventColumns, eventColumnsWithCover, toEventRecord } from './event-record';
import { promoteQuery, promotionMailQuery } from './registration';

const ACTIVE = sql`r.status IN ('confirmed', 'waitlisted', 'pending')`;

/** Questions get stable keys from their place (q1…q5) and their options' (o1…). */
export function questionsOf(input: EventInput['questions']): EventQuestion[] {
  return input.map((q, i) => ({
    key: `q${i + 1}`,
    kind: q.kind,
    label: { zh: q.labelZh, en: q.labelEn ?? null },
    options:
      q.kind === 'text'
        ? []
        : q.options.map((o, j) => ({ key: `o${j + 1}`, label: { zh: o.zh, en: o.en ?? null } })),
    required: q.required,
  }));
}

/** The record as the form and PATCH start from (the inverse of `valuesOf`). */
export function inputOf(e: EventRecord): Record<string, unknown> {
  return {
    slug: e.slug,
    community: e.community ?? undefined,
    titleZh: e.title.zh,
    titleEn: e.title.en ?? undefined,
    summaryZh: e.summary.zh,
    summaryEn: e.summary.en ?? undefined,
    descriptionZh: e.description.zh,
    descriptionEn: e.description.en ?? undefined,
    venueZh: e.venue?.zh,
    venueEn: e.venue?.en ?? undefined,
    roomZh: e.room?.zh,
    roomEn: e.room?.en ?? undefined,
    roomPrivate: e.roomPrivate,
    onlineUrl: e.onlineUrl ?? undefined,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    capacity: e.capacity ?? undefined,
    registrationOpensAt: e.registrationOpensAt?.toISOString(),
    registrationClosesAt: e.registrationClosesAt?.toISOString(),
    approvalRequired: e.approvalRequired,
    questions: e.questions.map((q) => ({
      kind: q.kind,
      labelZh: q.label.zh,
      labelEn: q.label.en ?? undefined,
      options: q.options.map((o) => ({ zh: o.label.zh, en: o.label.en ?? undefined })),
      required: q.required,
    })),
  };
}

function valuesOf(input: EventInput) {
  return {
    slug: input.slug,
    communitySlug: input.community ?? null,
    titleZh: input.titleZh,
    titleEn: input.titleEn ?? null,
    summaryZh: input.summaryZh,
    summaryEn: input.summaryEn ?? null,
    descriptionZh: input.descriptionZh,
    descriptionEn: input.descriptionEn ?? null,
    venueZh: input.venueZh ?? null,
    venueEn: input.venueEn ?? null,
    roomZh: input.roomZh ?? null,
    roomEn: input.roomEn ?? null,
    roomPrivate: input.roomPrivate,
    onlineUrl: input.onlineUrl ?? null,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    capacity: input.capacity ?? null,
    registrationOpensAt: input.registrationOpensAt ?? null,
    registrationClosesAt: input.registrationClosesAt ?? null,
    approvalRequired: input.approvalRequired,
    questions: questionsOf(input.questions),
  };
}

function assertCommunity(ctx: Pick<ServiceContext, 'catalog' | 'locale'>, input: EventInput) {
  if (input.community && !ctx.catalog.community(input.community)) {
    throw validation({ community: [translate(ctx.locale, 'event.unknownCommunity')] });
  }
}

const slugTaken = (ctx: Pick<ServiceContext, 'locale'>) =>
  new AppError(
    409,
    'event_slug_taken',
    'error.validation',
    {},
    { slug: [translate(ctx.locale, 'event.slugTaken')] },
  );

/**
 * Answers are stored by question and option key, and keys come from their place: once anyone has
 * registered, the questions' kinds and options may be reworded but not added, removed or reordered.
 */
async function assertQuestionsKept(
  ctx: Pick<ServiceContext, 'db' | 'locale'>,
  before: EventRecord,
  questions: EventQuestion[],
) {
  const shape = (qs: EventQuestion[]) => JSON.stringify(qs.map((q) => [q.kind, q.options.length]));
  if (shape(before.questions) === shape(questions)) return;
  const [row] = await ctx.db
    .select({ n: count() })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, before.id));
  if ((row?.n ?? 0) > 0) throw validation({ questions: [translate(ctx.locale, 'event.questionsLocked')] });
}

export async function loadAnyEvent(ctx: Pick<ServiceContext, 'db'>, slug: string): Promise<EventRecord> {
  const [row] = await ctx.db.select(eventColumnsWithCover).from(events).where(eq(events.slug, slug));
  if (!row) throw eventNotFound();
  return toEventRecord(row);
}

export async function createEvent({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: EventInput & { publish: boolean };
}): Promise<EventRecord> {
  const organizer = requireRole(ctx, 'organizer');
  assertCommunity(ctx, input);
  const { db } = ctx;
  try {
    const [[row]] = await db.batch([
      db
        .insert(events)
        .values({
          ...valuesOf(input),
          status: input.publish ? 'published' : 'draft',
          createdBy: organizer.id,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning(eventColumns),
      auditInsert(ctx, {
        action: 'event.create',
        targetType: 'event',
        targetId: input.slug,
        after: { status: input.publish ? 'published' : 'draft' },
      }),
      db.run(
        webhookInsert(
          ctx,
          'event.published',
          {
            slug: input.slug,
            status: 'published',
            title: { zh: input.titleZh, en: input.titleEn ?? null },
            startsAt: input.startsAt.toISOString(),
            endsAt: input.endsAt.toISOString(),
            url: siteLink(ctx, `/events/${input.slug}`, 'zh-CN'),
          },
          input.publish ? sql`1` : sql`0`,
        ),
      ),
    ]);
    if (!row) throw new Error('event insert returned nothing');
    if (input.publish) ctx.waitUntil(deliverWebhooks(ctx));
    return toEventRecord(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTaken(ctx);
    throw err;
  }
}

/** What a webhook says of an event (decision 021). */
const eventHookData = (
  ctx: ServiceContext,
  e: Pick<EventRecord, 'slug' | 'status' | 'startsAt' | 'endsAt'> & { title: unknown },
) => ({
  slug: e.slug,
  status: e.status,
  title: e.title,
  startsAt: e.startsAt.toISOString(),
  endsAt: e.endsAt.toISOString(),
  url: siteLink(ctx, `/events/${e.slug}`, 'zh-CN'),
});

const placeOf = (e: Pick<EventRecord, 'venue' | 'room' | 'onlineUrl'>) =>
  JSON.stringify([e.venue, e.room, e.onlineUrl]);

export async function updateEvent({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  /** The event by slug, or as the caller already read it (the API's PATCH merges onto it). */
  input: ({ slug: string } | { before: EventRecord }) & { event: EventInput };
}): Promise<EventRecord> {
  const organizer = requireRole(ctx, 'organizer');
  assertCommunity(ctx, input.event);
  const before = 'before' in input ? input.before : await loadAnyEvent(ctx, input.slug);
  if (before.status === 'cancelled') throw new AppError(409, 'event_not_editable', 'event.notEditable');
  const values = valuesOf(input.event);
  // The event as this edit leaves it: the new values over what the edit does not touch.
  const edited = {
    ...toEventRecord({
      ...before,
      ...values,
      slug: before.slug,
      communitySlug: values.communitySlug,
      sequence: before.sequence,
      cover: null,
    }),
    cover: before.cover,
  };
  const moved =
    before.startsAt.getTime() !== edited.startsAt.getTime() ||
    before.endsAt.getTime() !== edited.endsAt.getTime() ||
    placeOf(before) !== placeOf(edited);
  const sequence = before.sequence + (moved ? 1 : 0);
  const { db } = ctx;
  await assertQuestionsKept(ctx, before, values.questions);
  const changed = { ...edited, sequence };
  // The row as it was read: a concurrent edit (or cancellation) in between makes this one a 409.
  const unchanged = and(
    eq(events.id, before.id),
    eq(events.sequence, before.sequence),
    eq(events.updatedAt, before.updatedAt),
    sql`${events.status} <> 'cancelled'`,
  );
  try {
    const [updated, , , , ...rest] = await db.batch([
      db
        .update(events)
        .set({ ...values, slug: before.slug, sequence, updatedAt: ctx.now })
        .where(unchanged)
        .returning(eventColumns),
      auditInsertWhere(
        ctx,
        {
          action: 'event.update',
          targetType: 'event',
          targetId: before.slug,
          before: {
            startsAt: before.startsAt,
            endsAt: before.endsAt,
            capacity: before.capacity,
            sequence: before.sequence,
          },
          after: { startsAt: values.startsAt, endsAt: values.endsAt, capacity: values.capacity, sequence },
          actor: organizer,
        },
        sql`changes() = 1`,
      ),
      // A raised capacity (or a lifted limit) seats the waitlist at once, in order.
      promoteQuery(db, ctx.now, before.id),
      promotionMailQuery(ctx, changed),
      ...(moved && before.status === 'published'
        ? [
            eventMailQuery(ctx, {
              kind: 'changed',
              event: changed,
              // Only if this edit is the one that raised the sequence.
              recipients: sql`r.event_id = ${before.id} AND ${ACTIVE} AND EXISTS (SELECT 1 FROM events e
                WHERE e.id = ${before.id} AND e.sequence = ${sequence} AND e.updated_at = ${ctx.now.getTime()})`,
              dedupe: sql`'event-changed:' || r.id || ':' || ${sequence}`,
            }),
          ]
        : []),
      // Other systems hear of a change to a published event, if this edit is the one that made it.
      ...(before.status === 'published'
        ? [
            db.run(
              webhookInsert(
                ctx,
                'event.changed',
                eventHookData(ctx, changed),
                sql`exists (select 1 from ${events} where ${events.id} = ${before.id} and ${events.updatedAt} = ${ctx.now.getTime()} and ${events.sequence} = ${sequence})`,
              ),
            ),
          ]
        : []),
      // Read last, so the counters include the promotions above.
      db.select(eventColumns).from(events).where(eq(events.id, before.id)),
    ]);
    const fresh = rest.at(-1) as typeof updated;
    const [row] = fresh;
    if (!row || row.status === 'cancelled')
      throw new AppError(409, 'event_not_editable', 'event.notEditable');
    if (updated.length === 0) throw new AppError(409, 'event_changed', 'event.changedMeanwhile');
    ctx.waitUntil(deliverPending(ctx));
    ctx.waitUntil(deliverWebhooks(ctx));
    return toEventRecord(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTaken(ctx);
    if (sqliteFailure(err)?.message.includes('events_within_capacity')) {
      throw new AppError(409, 'capacity_below_confirmed', 'event.capacityBelowConfirmed', {
        confirmed: before.confirmedCount,
      });
    }
    throw err;
  }
}

/** Publish a draft, or cancel an event (everyone registered is mailed, once). */
export async function setEventStatus({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string; change: EventStatusChange };
}): Promise<EventRecord> {
  const organizer = requireRole(ctx, 'organizer');
  const before = await loadAnyEvent(ctx, input.slug);
  const { db } = ctx;
  const { change } = input;
  if (change.status === 'published') {
    const [updated] = await db.batch([
      db
        .update(events)
        .set({ status: 'published', updatedAt: ctx.now })
        .where(and(eq(events.id, before.id), eq(events.status, 'draft')))
        .returning(eventColumns),
      auditInsertWhere(
        ctx,
        { action: 'event.publish', targetType: 'event', targetId: before.slug, actor: organizer },
        sql`changes() = 1`,
      ),
      db.run(
        webhookInsert(
          ctx,
          'event.published',
          eventHookData(ctx, { ...before, status: 'published' }),
          sql`changes() = 1`,
        ),
      ),
    ]);
    const [row] = updated;
    if (!row) throw new AppError(409, 'already_decided', 'event.alreadyPublished');
    ctx.waitUntil(deliverWebhooks(ctx));
    return toEventRecord(row);
  }
  if (before.status === 'cancelled') throw new AppError(409, 'event_not_editable', 'event.notEditable');
  // An event that has ended is history: cancelling it would mail everyone about nothing.
  if (before.endsAt.getTime() <= ctx.now.getTime()) throw new AppError(409, 'event_ended', 'event.ended');
  const cancelled = { ...before, status: 'cancelled' as const, cancelReason: change.reason };
  const [updated] = await db.batch([
    db
      .update(events)
      .set({
        status: 'cancelled',
        cancelReason: change.reason,
        sequence: before.sequence + 1,
        updatedAt: ctx.now,
      })
      .where(and(eq(events.id, before.id), sql`${events.status} <> 'cancelled'`))
      .returning(eventColumns),
    auditInsertWhere(
      ctx,
      {
        action: 'event.cancel',
        targetType: 'event',
        targetId: before.slug,
        after: { reason: change.reason },
        actor: organizer,
      },
      sql`changes() = 1`,
    ),
    eventMailQuery(ctx, {
      kind: 'cancelled',
      event: cancelled,
      reason: change.reason,
      recipients: sql`r.event_id = ${before.id} AND ${ACTIVE}`,
      dedupe: sql`'event-cancelled:' || r.id`,
    }),
    ...(before.status === 'published'
      ? [
          db.run(
            webhookInsert(
              ctx,
              'event.changed',
              eventHookData(ctx, cancelled),
              sql`exists (select 1 from ${events} where ${events.id} = ${before.id} and ${events.status} = 'cancelled' and ${events.updatedAt} = ${ctx.now.getTime()})`,
            ),
          ),
        ]
      : []),
  ]);
  const [row] = updated;
  if (!row) throw new AppError(409, 'event_not_editable', 'event.notEditable');
  ctx.waitUntil(deliverPending(ctx));
  ctx.waitUntil(deliverWebhooks(ctx));
  return toEventRecord(row);
}
