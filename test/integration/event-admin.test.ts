/**
 * Organizers' events through the API: create a draft and publish it, change the time (SEQUENCE up,
 * everyone registered mailed once, the .ics read by ical.js keeps its UID), raise the capacity (the
 * waitlist moves up), refuse a capacity below the confirmed count, decide approval-required
 * registrations, check tickets in once, export the attendees as CSV, message them, cancel; and the
 * cron's reminder goes exactly once, also when two runs overlap.
 */
import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { messageAttendees } from '~/functions/services/events/attendees';
import { buildCalendar } from '~/functions/services/events/build-calendar';
import { runEventReminders } from '~/functions/services/events/send-reminders';
import { type Json, testApp } from '../factories/app';
import { buildCatalog, buildCommunity } from '../factories/catalog';
import { serviceContext, testConfig } from '../factories/db';
import { writeHeaders } from '../factories/session';
import { signedIn } from '../factories/submissions';

const NOW = '2026-11-25T10:00:00+08:00';
const catalog = buildCatalog({ communities: [buildCommunity('changjiang')] });
const { app, db, clock } = await testApp({ catalog, now: NOW, config: testConfig({ rateLimits: false }) });
const organizer = await signedIn(db, { role: 'organizer' });
const crowd = await Promise.all(Array.from({ length: 4 }, () => signedIn(db)));

const call = async (method: string, path: string, cookie: string | undefined, body?: unknown) => {
  const res = await app.request(`/api/v1${path}`, {
    method,
    headers: writeHeaders(cookie),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const bytes = new Uint8Array(await res.clone().arrayBuffer());
  const text = await res.text();
  let json: Json = {};
  try {
    json = JSON.parse(text) as Json;
  } catch {}
  return { status: res.status, json, text, res, bytes };
};
const admin = (method: string, path: string, body?: unknown) =>
  call(method, `/admin/events${path}`, organizer.cookie, body);
const mails = async (template: string) =>
  db.all<{ to_email: string; body: string }>(
    sql`SELECT to_email, body FROM outbox WHERE template = ${template} ORDER BY id`,
  );

const ics = () =>
  buildCalendar({
    ctx: { db, catalog, now: clock.now() },
    input: { scope: { kind: 'event', slug: 'rag-workshop' }, origin: 'http://localhost', locale: 'zh-CN' },
  });

const workshop = {
  slug: 'rag-workshop',
  community: 'changjiang',
  titleZh: 'RAG 工坊',
  summaryZh: '一天搭建知识库',
  descriptionZh: '动手搭建。',
  venueZh: '江岸区合作路1号',
  startsAt: '2026-12-10T09:30:00+08:00',
  endsAt: '2026-12-10T16:30:00+08:00',
  capacity: 2,
};

describe('an event from draft to check-in', () => {
  it('creates a draft nobody else sees, then publishes it', async () => {
    const created = await admin('POST', '', workshop);
    expect(created.status, created.text).toBe(201);
    expect(created.json).toMatchObject({
      status: 'draft',
      slug: 'rag-workshop',
      title: { zh: 'RAG 工坊', en: null },
    });
    expect((await call('GET', '/events/rag-workshop', undefined)).status).toBe(404);
    const published = await admin('PATCH', '/rag-workshop', { status: 'published' });
    expect(published.json.status).toBe('published');
    expect((await call('GET', '/events/rag-workshop', undefined)).json.seatsLeft).toBe(2);
  });

  it('refuses a taken slug, a start after the end and a place-less event with field errors', async () => {
    expect((await admin('POST', '', workshop)).json.errors).toHaveProperty('slug');
    const bad = await admin('POST', '', {
      ...workshop,
      slug: 'other',
      endsAt: workshop.startsAt,
      venueZh: '',
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.errors)).toEqual(expect.arrayContaining(['endsAt', 'venueZh']));
  });

  it('fills up and waitlists', async () => {
    for (const person of crowd)
      expect((await call('PUT', '/events/rag-workshop/registration', person.cookie, {})).status).toBe(200);
    const list = await admin('GET', '/rag-workshop/registrations');
    expect(list.json.items.map((a: Json) => [a.status, a.waitlistPosition])).toEqual([
      ['confirmed', null],
      ['confirmed', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
    ]);
  });

  it('a new time raises SEQUENCE, mails everyone registered once, and the .ics keeps its UID', async () => {
    const before = await ics();
    const moved = await admin('PATCH', '/rag-workshop', { startsAt: '2026-12-10T13:30:00+08:00' });
    expect(moved.status, moved.text).toBe(200);
    await admin('PATCH', '/rag-workshop', { startsAt: '2026-12-10T13:30:00+08:00' });
    expect((await mails('event-changed')).map((m) => m.to_email).sort()).toEqual(
      crowd.map((p) => p.user.email).sort(),
    );
    const parse = (text: string) =>
      new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent') as ICAL.Component);
    const [was, now] = [parse(before), parse(await ics())];
    expect(now.uid).toBe(was.uid);
    expect(now.sequence).toBe(was.sequence + 1);
    expect(now.startDate.toJSDate().toISOString()).toBe('2026-12-10T05:30:00.000Z');
  });

  it('a raised capacity moves the first waitlisted up; one below the confirmed count is refused', async () => {
    const raised = await admin('PATCH', '/rag-workshop', { capacity: 3 });
    expect(raised.json).toMatchObject({ capacity: 3, seatsLeft: 0, waitlistLength: 1 });
    expect((await mails('event-promoted')).map((m) => m.to_email)).toEqual([crowd[2]?.user.email]);
    const lowered = await admin('PATCH', '/rag-workshop', { capacity: 2 });
    expect(lowered.status).toBe(409);
    expect(lowered.json.code).toBe('capacity_below_confirmed');
    expect((await call('GET', '/events/rag-workshop', undefined)).json.capacity).toBe(3);
  });

  it('checks a ticket in once; the second scan says when it was first used', async () => {
    const mine = await call('GET', '/events/rag-workshop', crowd[0]?.cookie);
    const code = String(mine.json.registration.ticketCode);
    const typed = `${code.slice(0, 4).toLowerCase()} ${code.slice(4, 8)}-${code.slice(8)}`;
    const first = await admin('POST', '/rag-workshop/check-in', { code: typed });
    expect(first.json).toMatchObject({ name: crowd[0]?.user.name, status: 'attended', checkedInNow: true });
    clock.advance(60_000);
    const again = await admin('POST', '/rag-workshop/check-in', { code });
    expect(again.json).toMatchObject({ checkedInNow: false, checkedInAt: first.json.checkedInAt });
    const audited = await db.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM audit_log WHERE action = 'event.check_in' AND target_id = 'rag-workshop'`,
    );
    expect(audited[0]?.n).toBe(1);
    clock.set(NOW);
    expect((await admin('POST', '/rag-workshop/check-in', { code: 'AAAA-BBBB-CCCC-DDDD' })).status).toBe(404);
    expect((await call('GET', '/events/rag-workshop', undefined)).json).toMatchObject({ seatsLeft: 0 });
  });

  it('exports the attendees as CSV with a BOM and neutralised formulas, and messages the confirmed', async () => {
    await db.run(sql`UPDATE users SET name = '=HYPERLINK("x")' WHERE id = ${crowd[1]?.user.id}`);
    const csv = await admin('GET', '/rag-workshop/export.csv');
    expect(csv.res.headers.get('content-type')).toMatch(/text\/csv/);
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text).toContain(`'=HYPERLINK(""x"")`);
    expect(csv.text.split('\r\n')[0]).toContain('票号');
    // The message (a page form, no API route): to everyone seated, the checked-in included, not to the waitlist.
    const ctx = serviceContext(db, catalog, clock.now(), {
      user: { ...organizer.user, emailVerified: true },
    });
    const sent = await messageAttendees({
      ctx,
      input: { slug: 'rag-workshop', to: 'confirmed', message: '请带身份证' },
    });
    expect(sent.recipients).toBe(3);
    const messages = await mails('event-message');
    expect(messages.map((m) => m.to_email).sort()).toEqual(
      [crowd[0]?.user.email, crowd[1]?.user.email, crowd[2]?.user.email].sort(),
    );
    expect(messages[0]?.body).toContain('请带身份证');
  });

  it('sends the reminder once within 24 hours of the start, also when two cron runs overlap', async () => {
    const ctx = () => serviceContext(db, catalog, clock.now(), { origin: 'http://localhost' });
    clock.set('2026-12-09T13:29:00+08:00');
    await runEventReminders(ctx());
    expect(await mails('event-reminder')).toHaveLength(0);
    clock.set('2026-12-09T13:30:00+08:00');
    await Promise.all([runEventReminders(ctx()), runEventReminders(ctx()), runEventReminders(ctx())]);
    await runEventReminders(ctx());
    // Seated (confirmed) people only: the checked-in one no longer needs a reminder.
    expect((await mails('event-reminder')).map((m) => m.to_email).sort()).toEqual(
      [crowd[1]?.user.email, crowd[2]?.user.email].sort(),
    );
    clock.set(NOW);
  });

  it('cancels the event: everyone still registered is mailed once, and registration is closed', async () => {
    const cancelled = await admin('PATCH', '/rag-workshop', {
      status: 'cancelled',
      reason: '场地临时不可用',
    });
    expect(cancelled.json.status).toBe('cancelled');
    await admin('PATCH', '/rag-workshop', { status: 'cancelled', reason: '场地临时不可用' });
    const cancellations = await mails('event-cancelled');
    expect(cancellations).toHaveLength(3);
    expect(cancellations[0]?.body).toContain('场地临时不可用');
    const late = await call('PUT', '/events/rag-workshop/registration', (await signedIn(db)).cookie, {});
    expect(late.json.code).toBe('event_cancelled');
    expect(await ics()).toContain('STATUS:CANCELLED');
  });
});

describe('approval-required registrations', () => {
  it('approves while seats are left, then waitlists; declines with a reason the person sees', async () => {
    await admin('POST', '', {
      ...workshop,
      slug: 'reviewed',
      capacity: 1,
      approvalRequired: true,
      publish: true,
    });
    const [a, b, c] = crowd;
    for (const p of [a, b, c]) await call('PUT', '/events/reviewed/registration', p?.cookie, {});
    const ids = (await admin('GET', '/reviewed/registrations?status=pending')).json.items.map(
      (r: Json) => r.id,
    );
    expect(ids).toHaveLength(3);
    const decide = (id: number, decision: Json) =>
      admin('POST', `/reviewed/registrations/${id}/decision`, decision);
    expect((await decide(ids[0], { decision: 'approve' })).json.status).toBe('confirmed');
    expect((await decide(ids[1], { decision: 'approve' })).json.status).toBe('waitlisted');
    expect((await decide(ids[2], { decision: 'decline', reason: '本期面向已注册公司' })).json.status).toBe(
      'declined',
    );
    expect((await decide(ids[2], { decision: 'approve' })).status).toBe(409);
    const seen = await call('GET', '/events/reviewed', c?.cookie);
    expect(seen.json.registration).toMatchObject({ status: 'declined', declineReason: '本期面向已注册公司' });
    expect((await call('PUT', '/events/reviewed/registration', c?.cookie, {})).json.code).toBe(
      'registration_declined',
    );
    expect((await mails('event-declined')).map((m) => m.to_email)).toEqual([c?.user.email]);
  });
});

describe('rules a second read found', () => {
  const mailCount = async (template: string, email: string | undefined) =>
    (
      await db.all<{ n: number }>(
        sql`SELECT count(*) AS n FROM outbox WHERE template = ${template} AND to_email = ${email}`,
      )
    )[0]?.n;

  it('the only registrant who cancels and registers again is mailed again', async () => {
    await admin('POST', '', { ...workshop, slug: 'solo', capacity: 5, publish: true });
    const [a] = crowd;
    const before = await mailCount('event-confirmed', a?.user.email);
    await call('PUT', '/events/solo/registration', a?.cookie, {});
    await call('DELETE', '/events/solo/registration', a?.cookie);
    await call('PUT', '/events/solo/registration', a?.cookie, {});
    expect(await mailCount('event-confirmed', a?.user.email)).toBe((before ?? 0) + 2);
  });

  it('lifting the limit seats the whole waitlist; a seat freed outside a request goes to the queue first', async () => {
    await admin('POST', '', { ...workshop, slug: 'tight', capacity: 1, publish: true });
    const [a, b, c, d] = crowd;
    for (const p of [a, b, c]) await call('PUT', '/events/tight/registration', p?.cookie, {});
    // a's seat freed behind the portal's back (as an account deletion does): b is next, not d.
    await db.run(
      sql`DELETE FROM event_registrations WHERE user_id = ${a?.user.id} AND event_id = (SELECT id FROM events WHERE slug = 'tight')`,
    );
    const late = await call('PUT', '/events/tight/registration', d?.cookie, {});
    expect(late.json.event.registration).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    expect((await call('GET', '/events/tight', b?.cookie)).json.registration.status).toBe('confirmed');
    const lifted = await admin('PATCH', '/tight', { capacity: null });
    expect(lifted.json).toMatchObject({ capacity: null, waitlistLength: 0, confirmedCount: 3 });
  });

  it('an approval does not jump the queue', async () => {
    await admin('POST', '', {
      ...workshop,
      slug: 'queue-first',
      capacity: 1,
      approvalRequired: true,
      publish: true,
    });
    const [a, b] = crowd;
    for (const p of [a, b]) await call('PUT', '/events/queue-first/registration', p?.cookie, {});
    const ids = (await admin('GET', '/queue-first/registrations')).json.items.map((r: Json) => r.id);
    await admin('POST', `/queue-first/registrations/${ids[0]}/decision`, { decision: 'approve' });
    await db.run(sql`UPDATE events SET capacity = 2 WHERE slug = 'queue-first'`);
    await db.run(sql`UPDATE event_registrations SET status = 'waitlisted' WHERE id = ${ids[0]}`);
    const second = await admin('POST', `/queue-first/registrations/${ids[1]}/decision`, {
      decision: 'approve',
    });
    expect(second.json.status).toBe('waitlisted');
  });

  it('refuses a PATCH of the slug or with a bad status, changing nothing; locks the questions once people registered', async () => {
    await admin('POST', '', {
      ...workshop,
      slug: 'asked',
      publish: true,
      questions: [
        { kind: 'single', labelZh: '阶段', options: [{ zh: '想法' }, { zh: '收入' }], required: true },
      ],
    });
    expect((await admin('PATCH', '/asked', { slug: 'renamed' })).status).toBe(422);
    const bad = await admin('PATCH', '/asked', { capacity: 7, status: 'cancelled' });
    expect(bad.status).toBe(422);
    expect((await call('GET', '/events/asked', undefined)).json.capacity).toBe(2);
    await call('PUT', '/events/asked/registration', crowd[0]?.cookie, { answers: { q1: 'o1' } });
    const reworded = await admin('PATCH', '/asked', {
      questions: [
        {
          kind: 'single',
          labelZh: '你的阶段',
          options: [{ zh: '想法阶段' }, { zh: '已有收入' }],
          required: true,
        },
      ],
    });
    expect(reworded.status).toBe(200);
    const reshaped = await admin('PATCH', '/asked', {
      questions: [
        {
          kind: 'single',
          labelZh: '阶段',
          options: [{ zh: '收入' }, { zh: '想法' }, { zh: '其他' }],
          required: true,
        },
      ],
    });
    expect(reshaped.status).toBe(422);
    expect(Object.keys(reshaped.json.errors)).toEqual(['questions']);
  });

  it('an ended event cannot be cancelled; the cron writes a lost promotion mail again', async () => {
    await admin('POST', '', {
      ...workshop,
      slug: 'was',
      publish: true,
      startsAt: '2026-11-20T09:00:00+08:00',
      endsAt: '2026-11-20T12:00:00+08:00',
    });
    const ended = await admin('PATCH', '/was', { status: 'cancelled', reason: '补录' });
    expect(ended.json.code).toBe('event_ended');
    const c = crowd[2];
    const lost = await db.all<{ id: number }>(
      sql`SELECT id FROM outbox WHERE template = 'event-promoted' AND to_email = ${c?.user.email}`,
    );
    expect(lost.length).toBeGreaterThan(0);
    await db.run(sql`DELETE FROM outbox WHERE template = 'event-promoted' AND to_email = ${c?.user.email}`);
    await runEventReminders(serviceContext(db, catalog, clock.now()));
    await runEventReminders(serviceContext(db, catalog, clock.now()));
    expect(await mailCount('event-promoted', c?.user.email)).toBe(lost.length);
  });
});
