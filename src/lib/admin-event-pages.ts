/**
 * Organizers' event pages: the list (/admin/events), the form to create one (/admin/events/new,
 * `?from=<slug>` duplicates), an event's page (/admin/events/{slug}: edit, publish, cancel, the
 * attendees with decisions, a message) and the check-in page for the door. Each form posts to
 * `?do=<action>` and is answered 303; the form sends Beijing wall time, read as +08:00.
 */
import type { AstroGlobal } from 'astro';
import { z } from 'zod';
import { REGISTRATION_STATUSES } from '~/functions/db/schema';
import { shanghaiIso } from '~/functions/lib/shanghai-time';
import { PositiveId } from '~/functions/schemas/common';
import {
  AttendeeMessage,
  CheckInRequest,
  EventInput,
  EventStatusChange,
  RegistrationDecision,
} from '~/functions/schemas/event-admin';
import {
  checkIn,
  checkInDesk,
  decideRegistration,
  listAttendees,
  messageAttendees,
} from '~/functions/services/events/attendees';
import type { EventRecord } from '~/functions/services/events/event-record';
import { listAdminEvents } from '~/functions/services/events/list-admin-events';
import {
  createEvent,
  loadAnyEvent,
  setEventStatus,
  updateEvent,
} from '~/functions/services/events/manage-event';
import { uploadEventCover } from '~/functions/services/media/owner-media';
import { localizedPath } from '~/src/i18n';
import type { FormState } from '~/src/lib/forms';
import { formAction } from '~/src/lib/judging-ui';
import { orNotFound } from '~/src/lib/list-page';
import { notFound, page, respond } from '~/src/lib/page';
import { uploadedFile } from '~/src/lib/picture-pages';

export const QUESTION_SLOTS = 5;

/** A Date as the value of a datetime-local control, in Beijing time. */
const wallTime = (date: Date | null | undefined) => (date ? shanghaiIso(date).slice(0, 16) : '');
/** A datetime-local value (Beijing wall time) as an instant with +08:00; anything else as it is. */
const instantOf = (value: string | string[] | undefined) =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+08:00` : value;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Options as typed in the form: one per line, `中文 | English`. */
const optionLines = (options: Array<{ label: { zh: string; en: string | null } }>) =>
  options.map((o) => (o.label.en ? `${o.label.zh} | ${o.label.en}` : o.label.zh)).join('\n');

/** The form's values of an existing event (to edit or duplicate it). */
export function eventFormValues(e: EventRecord, slug = e.slug): Record<string, string> {
  const values: Record<string, string> = {
    slug,
    community: e.community ?? '',
    titleZh: e.title.zh,
    titleEn: e.title.en ?? '',
    summaryZh: e.summary.zh,
    summaryEn: e.summary.en ?? '',
    descriptionZh: e.description.zh,
    descriptionEn: e.description.en ?? '',
    venueZh: e.venue?.zh ?? '',
    venueEn: e.venue?.en ?? '',
    roomZh: e.room?.zh ?? '',
    roomEn: e.room?.en ?? '',
    onlineUrl: e.onlineUrl ?? '',
    startsAt: wallTime(e.startsAt),
    endsAt: wallTime(e.endsAt),
    registrationOpensAt: wallTime(e.registrationOpensAt),
    registrationClosesAt: wallTime(e.registrationClosesAt),
    capacity: e.capacity === null ? '' : String(e.capacity),
  };
  if (e.roomPrivate) values.roomPrivate = 'on';
  if (e.approvalRequired) values.approvalRequired = 'on';
  e.questions.forEach((q, i) => {
    values[`questions.${i}.kind`] = q.kind;
    values[`questions.${i}.labelZh`] = q.label.zh;
    values[`questions.${i}.labelEn`] = q.label.en ?? '';
    values[`questions.${i}.options`] = optionLines(q.options);
    if (q.required) values[`questions.${i}.required`] = 'on';
  });
  return values;
}

/** The submitted form as EventInput's shape. */
export function eventInputOf(
  values: Record<string, string | string[]>,
  slug?: string,
): Record<string, unknown> {
  const questions = [];
  for (let i = 0; i < QUESTION_SLOTS; i++) {
    const kind = one(values[`questions.${i}.kind`]);
    if (!kind) continue;
    const options = (one(values[`questions.${i}.options`]) ?? '')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const [zh = '', en = ''] = line.split('|').map((part) => part.trim());
        return { zh, en };
      });
    questions.push({
      kind,
      labelZh: one(values[`questions.${i}.labelZh`]) ?? '',
      labelEn: one(values[`questions.${i}.labelEn`]),
      options: kind === 'text' ? [] : options,
      required: values[`questions.${i}.required`] === 'on',
    });
  }
  const capacity = one(values.capacity)?.trim();
  return {
    slug: slug ?? one(values.slug)?.trim(),
    community: one(values.community),
    titleZh: one(values.titleZh),
    titleEn: one(values.titleEn),
    summaryZh: one(values.summaryZh),
    summaryEn: one(values.summaryEn),
    descriptionZh: one(values.descriptionZh),
    descriptionEn: one(values.descriptionEn),
    venueZh: one(values.venueZh),
    venueEn: one(values.venueEn),
    roomZh: one(values.roomZh),
    roomEn: one(values.roomEn),
    roomPrivate: values.roomPrivate === 'on',
    onlineUrl: one(values.onlineUrl),
    startsAt: instantOf(one(values.startsAt)),
    endsAt: instantOf(one(values.endsAt)),
    registrationOpensAt: instantOf(one(values.registrationOpensAt)),
    registrationClosesAt: instantOf(one(values.registrationClosesAt)),
    capacity: capacity ? (/^\d+$/.test(capacity) ? Number(capacity) : capacity) : undefined,
    approvalRequired: values.approvalRequired === 'on',
    questions,
  };
}

export async function adminEventsPage(Astro: AstroGlobal) {
  return page({ events: await listAdminEvents({ ctx: Astro.locals.ctx }) });
}

const NewEvent = EventInput.and(z.object({ publish: z.boolean() }));

export async function newEventPage(Astro: AstroGlobal) {
  const { ctx, locale } = Astro.locals;
  const form = await formAction(
    Astro,
    'create',
    NewEvent,
    async (input) => {
      const event = await createEvent({ ctx, input });
      return `${localizedPath(`/admin/events/${event.slug}`, locale)}?saved=created`;
    },
    { prepare: (values) => ({ ...eventInputOf(values), publish: values.publish === '1' }) },
  );
  if (form.redirect) return respond(form.redirect);
  let defaults: Record<string, string> = {};
  const from = Astro.url.searchParams.get('from');
  if (from) {
    const source = await orNotFound(() => loadAnyEvent(ctx, from));
    if (source) defaults = eventFormValues(source, `${source.slug}-copy`);
  }
  return page({ form, defaults });
}

const CoverUpload = z.object({ intent: z.literal('upload'), kind: z.literal('cover') });

const DecisionForm = z.intersection(z.object({ registrationId: PositiveId }), RegistrationDecision);

export interface AdminEventForms {
  save: FormState;
  cover: FormState;
  status: FormState;
  decide: FormState;
  message: FormState;
}

export async function adminEventPage(Astro: AstroGlobal) {
  const { ctx, locale } = Astro.locals;
  const slug = Astro.params.slug ?? '';
  const back = (section: string) =>
    `${localizedPath(`/admin/events/${slug}`, locale)}?saved=${section}#${section}`;
  const forms: AdminEventForms = {
    save: await formAction(
      Astro,
      'save',
      EventInput,
      async (input) => {
        await updateEvent({ ctx, input: { slug, event: input } });
        return back('details');
      },
      { prepare: (values) => eventInputOf(values, slug) },
    ),
    cover: await formAction(Astro, 'cover', CoverUpload, async () => {
      await uploadEventCover({ ctx, input: { slug, file: await uploadedFile(Astro, locale) } });
      return back('cover');
    }),
    status: await formAction(Astro, 'status', EventStatusChange, async (change) => {
      await setEventStatus({ ctx, input: { slug, change } });
      return back('status');
    }),
    decide: await formAction(Astro, 'decide', DecisionForm, async ({ registrationId, ...decision }) => {
      await decideRegistration({ ctx, input: { slug, registrationId, decision } });
      return back('attendees');
    }),
    message: await formAction(Astro, 'message', AttendeeMessage, async (input) => {
      await messageAttendees({ ctx, input: { slug, ...input } });
      return back('message');
    }),
  };
  for (const form of Object.values(forms)) if (form.redirect) return respond(form.redirect);
  const filter = z.enum(REGISTRATION_STATUSES).safeParse(Astro.url.searchParams.get('status'));
  const data = await orNotFound(() =>
    listAttendees({
      ctx,
      input: {
        slug,
        status: filter.success ? filter.data : undefined,
        // One page at a time (an event may have thousands of registrations).
        cursor: Astro.url.searchParams.get('cursor') ?? null,
      },
    }),
  );
  if (!data) return notFound;
  return page({
    ...data,
    forms,
    filter: filter.success ? filter.data : null,
    saved: Astro.url.searchParams.get('saved'),
    defaults: eventFormValues(data.event),
  });
}

export async function checkInPage(Astro: AstroGlobal) {
  const { ctx, locale } = Astro.locals;
  const slug = Astro.params.slug ?? '';
  // Opened from a ticket's QR code (or after checking in): what the ticket holds, read only, in the
  // same round trip as the event.
  const code = Astro.url.searchParams.get('code');
  const desk = await orNotFound(() => checkInDesk({ ctx, input: { slug, code } }));
  if (!desk) return notFound;
  const { event } = desk;
  let result: Awaited<ReturnType<typeof checkIn>> | null = null;
  const form = await formAction(Astro, 'check-in', CheckInRequest, async ({ code }) => {
    result = await checkIn({ ctx, input: { slug, code } });
    const params = new URLSearchParams({ code, at: String(result.checkedInNow ? 'now' : 'before') });
    return `${localizedPath(`/admin/events/${slug}/check-in`, locale)}?${params}`;
  });
  if (form.redirect) return respond(form.redirect);
  return page({ event, form, code, ticket: desk.ticket, after: Astro.url.searchParams.get('at') });
}
