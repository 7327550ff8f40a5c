/**
 * Registering for events through the API: confirmed while seats last, then a first-in-first-out
 * waitlist whose first people are promoted when a seat frees; approval-required events wait as
 * pending; registering twice is one registration; the window rules hold to the millisecond; answers
 * are checked against the event's questions; the online link and a private room only for the seated.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { EventQuestion } from '~/functions/db/schema';
import { type Json, roundTrips, testApp } from '../factories/app';
import { testConfig } from '../factories/db';
import { insertEvent } from '../factories/records';
import { writeHeaders } from '../factories/session';
import { signedIn } from '../factories/submissions';

const NOW = '2026-11-25T10:00:00+08:00';
const { app, db, clock } = await testApp({ now: NOW, config: testConfig({ rateLimits: false }) });

const questions: EventQuestion[] = [
  {
    key: 'stage',
    kind: 'single',
    label: { zh: '阶段', en: 'Stage' },
    options: [
      { key: 'idea', label: { zh: '想法', en: 'Idea' } },
      { key: 'revenue', label: { zh: '有收入', en: null } },
    ],
    required: true,
  },
  {
    key: 'tools',
    kind: 'multiple',
    label: { zh: '工具', en: 'Tools' },
    options: [
      { key: 'python', label: { zh: 'Python', en: 'Python' } },
      { key: 'llm', label: { zh: '大模型', en: 'LLMs' } },
    ],
    required: false,
  },
  { key: 'topic', kind: 'text', label: { zh: '话题', en: 'Topic' }, options: [], required: false },
];

const people = async (n: number) => Promise.all(Array.from({ length: n }, () => signedIn(db)));
const put = (slug: string, cookie: string | undefined, answers: Json = {}) =>
  app.request(`/api/v1/events/${slug}/registration`, {
    method: 'PUT',
    headers: writeHeaders(cookie),
    body: JSON.stringify({ answers }),
  });
const del = (slug: string, cookie: string | undefined) =>
  app.request(`/api/v1/events/${slug}/registration`, { method: 'DELETE', headers: writeHeaders(cookie) });
const detail = async (slug: string, cookie?: string) => {
  const res = await app.request(`/api/v1/events/${slug}`, { headers: writeHeaders(cookie) });
  return { res, body: (await res.json()) as Json };
};

describe('capacity and the waitlist', async () => {
  await insertEvent(db, 'two-seats', { capacity: 2 });
  const [a, b, c, d] = await people(4);

  it('confirms while seats last, then waitlists in order with positions', async () => {
    for (const [person, status, position] of [
      [a, 'confirmed', null],
      [b, 'confirmed', null],
      [c, 'waitlisted', 1],
      [d, 'waitlisted', 2],
    ] as const) {
      const res = await put('two-seats', person?.cookie);
      const body = (await res.json()) as Json;
      expect(res.status).toBe(200);
      expect(body.created).toBe(true);
      expect(body.event.registration).toMatchObject({ status, waitlistPosition: position });
      expect(body.event.registration.ticketCode === null).toBe(status !== 'confirmed');
    }
    const { body } = await detail('two-seats');
    expect(body).toMatchObject({ capacity: 2, seatsLeft: 0, waitlistLength: 2, registration: null });
  });

  it('registering again is the same registration', async () => {
    const res = await put('two-seats', a?.cookie);
    const body = (await res.json()) as Json;
    expect(body.created).toBe(false);
    expect(body.event.registration.status).toBe('confirmed');
  });

  it('a cancelled seat goes to the first on the waitlist; the next moves up', async () => {
    const res = await del('two-seats', a?.cookie);
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).event.registration.status).toBe('cancelled');
    expect((await detail('two-seats', c?.cookie)).body.registration).toMatchObject({ status: 'confirmed' });
    expect((await detail('two-seats', d?.cookie)).body.registration).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
    });
    expect((await detail('two-seats')).body).toMatchObject({ seatsLeft: 0, waitlistLength: 1 });
  });

  it('a person who cancelled and registers again joins the end of the queue', async () => {
    const res = await put('two-seats', a?.cookie);
    const body = (await res.json()) as Json;
    expect(body.created).toBe(true);
    expect(body.event.registration).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
  });

  it('mails each outcome once: confirmation, waitlist place, promotion; a repeat sends nothing', async () => {
    const mail = async (userId: number | undefined) =>
      (
        await db.all<{ template: string; subject: string; body: string }>(
          sql`SELECT o.template, o.subject, o.body FROM outbox o JOIN users u ON u.email = o.to_email WHERE u.id = ${userId} ORDER BY o.id`,
        )
      ).map((m) => `${m.template}: ${m.subject}`);
    expect(await mail(b?.user.id)).toEqual(['event-confirmed: 报名成功：测试活动']);
    // c registered as waitlisted (number 1), then moved up when a cancelled; a re-registered last.
    expect(await mail(c?.user.id)).toEqual([
      'event-waitlisted: 已加入候补：测试活动',
      'event-promoted: 候补转正，你的名额已确认：测试活动',
    ]);
    const [waitlisted] = await db.all<{ body: string }>(
      sql`SELECT body FROM outbox WHERE to_email = ${d?.user.email} AND template = 'event-waitlisted'`,
    );
    expect(waitlisted?.body).toContain('候补名单第 2 位');
    expect(waitlisted?.body).toContain(`${d?.user.name}，你好`);
    expect(waitlisted?.body).toMatch(/\/events\/two-seats\.ics/);
    expect(await mail(a?.user.id)).toEqual([
      'event-confirmed: 报名成功：测试活动',
      'event-waitlisted: 已加入候补：测试活动',
    ]);
  });

  it('cancelling a waitlisted place promotes nobody and shortens the queue', async () => {
    expect((await del('two-seats', d?.cookie)).status).toBe(200);
    expect((await detail('two-seats', a?.cookie)).body.registration.waitlistPosition).toBe(1);
    expect((await detail('two-seats')).body).toMatchObject({ seatsLeft: 0, waitlistLength: 1 });
  });

  it('cancelling without a registration is a 404 problem', async () => {
    const [stranger] = await people(1);
    const res = await del('two-seats', stranger?.cookie);
    expect(res.status).toBe(404);
    expect(((await res.json()) as Json).code).toBe('not_registered');
  });

  it('the event and the viewer’s registration cost one round trip (plus the session)', async () => {
    const { res } = await detail('two-seats', b?.cookie);
    expect(roundTrips(res)).toBe(2);
    expect(roundTrips((await detail('two-seats')).res)).toBe(1);
  });
});

describe('approval, questions and what only attendees see', async () => {
  await insertEvent(db, 'reviewed', { approvalRequired: true, capacity: 10 });
  await insertEvent(db, 'asks', {
    questions,
    onlineUrl: 'https://live.example.com/x',
    roomZh: '402 室',
    roomPrivate: true,
  });
  const [p, q] = await people(2);

  it('an approval-required registration waits as pending, without a ticket', async () => {
    const body = (await (await put('reviewed', p?.cookie)).json()) as Json;
    expect(body.event.registration).toMatchObject({ status: 'pending', ticketCode: null });
    expect((await detail('reviewed')).body.seatsLeft).toBe(10);
  });

  it('refuses missing, unknown and invalid answers with field errors, and changes nothing', async () => {
    for (const [answers, field] of [
      [{}, 'answers.stage'],
      [{ stage: 'nope' }, 'answers.stage'],
      [{ stage: 'idea', tools: ['python', 'ruby'] }, 'answers.tools'],
      [{ stage: 'idea', extra: 'x' }, 'answers'],
    ] as const) {
      const res = await put('asks', p?.cookie, answers);
      const body = (await res.json()) as Json;
      expect(res.status, JSON.stringify(answers)).toBe(422);
      expect(Object.keys(body.errors ?? {}), JSON.stringify(body)).toContain(field);
    }
    expect((await detail('asks', p?.cookie)).body.registration).toBeNull();
  });

  it('keeps valid answers; the link and private room only for a confirmed viewer', async () => {
    const before = await detail('asks', q?.cookie);
    expect(before.body).toMatchObject({ onlineUrl: null, room: null, online: true });
    const body = (await (
      await put('asks', q?.cookie, { stage: 'revenue', tools: 'llm', topic: ' 出海 ' })
    ).json()) as Json;
    expect(body.event.registration.answers).toEqual({ stage: 'revenue', tools: ['llm'], topic: '出海' });
    expect(body.event).toMatchObject({
      onlineUrl: 'https://live.example.com/x',
      room: { zh: '402 室', en: null },
    });
  });
});

describe('who may register', async () => {
  await insertEvent(db, 'plain');
  await insertEvent(db, 'a-draft', { status: 'draft' });
  await insertEvent(db, 'called-off', { status: 'cancelled' });
  const [unverified] = await Promise.all([signedIn(db, { emailVerifiedAt: null })]);
  const [someone] = await people(1);

  it('needs a signed-in person with a verified email', async () => {
    expect((await put('plain', undefined)).status).toBe(401);
    const res = await put('plain', unverified?.cookie);
    expect(res.status).toBe(403);
    expect(((await res.json()) as Json).code).toBe('email_not_verified');
  });

  it('finds no draft, and refuses a cancelled event', async () => {
    expect((await put('a-draft', someone?.cookie)).status).toBe(404);
    const res = await put('called-off', someone?.cookie);
    expect(res.status).toBe(409);
    expect(((await res.json()) as Json).code).toBe('event_cancelled');
  });
});

describe('the registration window, to the millisecond', async () => {
  const opens = new Date('2026-11-26T09:00:00+08:00');
  const closes = new Date('2026-11-30T18:00:00+08:00');
  await insertEvent(db, 'windowed', { registrationOpensAt: opens, registrationClosesAt: closes });
  await insertEvent(db, 'until-start', {
    startsAt: '2026-12-02T14:00:00+08:00',
    endsAt: '2026-12-02T16:00:00+08:00',
  });
  const at = (instant: Date, deltaMs: number) =>
    clock.set(new Date(instant.getTime() + deltaMs).toISOString());
  const code = async (res: Response) => ((await res.json()) as Json).code ?? res.status;

  it('opens at registrationOpensAt and closes at registrationClosesAt', async () => {
    const [early, onTime, last, late] = await people(4);
    try {
      at(opens, -1);
      expect(await code(await put('windowed', early?.cookie))).toBe('registration_not_open');
      at(opens, 0);
      expect((await put('windowed', onTime?.cookie)).status).toBe(200);
      at(closes, -1);
      expect((await put('windowed', last?.cookie)).status).toBe(200);
      at(closes, 0);
      expect(await code(await put('windowed', late?.cookie))).toBe('registration_closed');
    } finally {
      clock.set(NOW);
    }
  });

  it('without a closing time, takes registrations and cancellations until the start', async () => {
    const start = new Date('2026-12-02T14:00:00+08:00');
    const [x, y] = await people(2);
    try {
      at(start, -1);
      expect((await put('until-start', x?.cookie)).status).toBe(200);
      expect((await put('until-start', y?.cookie)).status).toBe(200);
      expect((await del('until-start', y?.cookie)).status).toBe(200);
      at(start, 0);
      expect(await code(await put('until-start', y?.cookie))).toBe('event_started');
      expect(await code(await del('until-start', x?.cookie))).toBe('event_started');
    } finally {
      clock.set(NOW);
    }
  });
});
