/**
 * Event registrations under real concurrency: simultaneous HTTP requests to the built Worker in
 * workerd (its clock at 2026-11-25 10:00 +08:00). The database never seats more people than the
 * capacity, hands out distinct waitlist places, promotes in queue order exactly as many as seats
 * freed, and keeps one registration per person.
 */

import { describe, expect, inject, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '~/functions/auth/session';
import { createDb } from '~/functions/db/client';
import { insertEvent, insertUser } from '../factories/records';
import { fetchRetrying, reportRetries } from '../helpers/retrying-fetch';
import { workerClient } from '../helpers/worker-db';

const base = inject('workerUrl');
const client = await workerClient(inject('workerDbClientUrl'));
const db = createDb(client);

async function people(
  n: number,
  role: 'founder' | 'organizer' = 'founder',
): Promise<Array<{ id: number; cookie: string }>> {
  const out: Array<{ id: number; cookie: string }> = [];
  for (let i = 0; i < n; i++) {
    const user = await insertUser(db, {
      role,
      email: `event-${Math.random().toString(36).slice(2)}@example.com`,
    });
    const { token } = await createSession(db, user.id, new Date('2026-11-25T01:00:00Z'));
    out.push({ id: user.id, cookie: `${SESSION_COOKIE}=${token}` });
  }
  return out;
}

const send = (method: string, slug: string, cookie: string) =>
  fetchRetrying(`${base}/api/v1/events/${slug}/registration`, {
    method,
    headers: { origin: base, 'content-type': 'application/json', cookie },
    ...(method === 'PUT' ? { body: JSON.stringify({ answers: {} }) } : {}),
  });

async function states(eventId: number) {
  const rows = await client.execute({
    sql: 'SELECT user_id, status, queue_seq FROM event_registrations WHERE event_id = ? ORDER BY queue_seq',
    args: [eventId],
  });
  return rows.rows.map((r) => ({
    userId: Number(r.user_id),
    status: String(r.status),
    seq: Number(r.queue_seq),
  }));
}

describe('registrations under concurrent HTTP requests', () => {
  it('200 people for 50 seats: 50 confirmed, 150 waitlisted 1–150; 30 cancellations promote 30 in order', async () => {
    const event = await insertEvent(db, `burst-${Date.now()}`, { capacity: 50 });
    const crowd = await people(200);
    const t0 = performance.now();
    const answers = await Promise.all(crowd.map((p) => send('PUT', event.slug, p.cookie)));
    // A figure for the notes (decision 017), not an assertion.
    console.log(`200 registrations for 50 seats: burst ${Math.round(performance.now() - t0)} ms`);
    reportRetries('200 registrations for 50 seats', answers);
    expect(answers.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);
    const bodies = answers.map((a) => JSON.parse(a.text));
    const confirmed = bodies.filter((b) => b.event.registration.status === 'confirmed');
    const positions = bodies
      .filter((b) => b.event.registration.status === 'waitlisted')
      .map((b) => b.event.registration.waitlistPosition as number);
    expect(confirmed).toHaveLength(50);
    // Each answer reads its place right after its own write, so places are distinct: 1..150.
    expect([...positions].sort((a, b) => a - b)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));

    const before = await states(event.id);
    expect(before.filter((r) => r.status === 'confirmed')).toHaveLength(50);
    const queue = before.filter((r) => r.status === 'waitlisted').map((r) => r.userId);
    expect(queue).toHaveLength(150);

    const seated = before.filter((r) => r.status === 'confirmed').slice(0, 30);
    const leaving = crowd.filter((p) => seated.some((s) => s.userId === p.id));
    const t1 = performance.now();
    const cancels = await Promise.all(leaving.map((p) => send('DELETE', event.slug, p.cookie)));
    console.log(`30 cancellations: burst ${Math.round(performance.now() - t1)} ms`);
    reportRetries('30 cancellations', cancels);
    expect(cancels.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);

    const after = await states(event.id);
    const nowConfirmed = after.filter((r) => r.status === 'confirmed').map((r) => r.userId);
    expect(nowConfirmed).toHaveLength(50);
    // Exactly the first 30 of the queue moved up, and the rest kept their order.
    const promoted = queue.filter((id) => nowConfirmed.includes(id));
    expect(promoted).toEqual(queue.slice(0, 30));
    expect(after.filter((r) => r.status === 'waitlisted').map((r) => r.userId)).toEqual(queue.slice(30));
    const counters = await client.execute({
      sql: 'SELECT confirmed_count, waitlist_count FROM events WHERE id = ?',
      args: [event.id],
    });
    expect(counters.rows[0]).toMatchObject({ confirmed_count: 50, waitlist_count: 120 });
  });

  it('one person registering 10 times at once holds one registration', async () => {
    const event = await insertEvent(db, `repeat-${Date.now()}`, { capacity: 5 });
    const [one] = await people(1);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => send('PUT', event.slug, one?.cookie ?? '')),
    );
    reportRetries('one person registering 10 times', answers);
    expect(answers.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);
    expect(answers.filter((a) => JSON.parse(a.text).created)).toHaveLength(1);
    expect(await states(event.id)).toEqual([{ userId: one?.id, status: 'confirmed', seq: 1 }]);
  });

  it('the same ticket checked in 10 times at once is checked in once; the others say when', async () => {
    const event = await insertEvent(db, `door-${Date.now()}`, { capacity: 5 });
    const [guest] = await people(1);
    const [organizer] = await people(1, 'organizer');
    const registered = await send('PUT', event.slug, guest?.cookie ?? '');
    const code = JSON.parse(registered.text).event.registration.ticketCode as string;
    const scans = await Promise.all(
      Array.from({ length: 10 }, () =>
        fetchRetrying(`${base}/api/v1/admin/events/${event.slug}/check-in`, {
          method: 'POST',
          headers: { origin: base, 'content-type': 'application/json', cookie: organizer?.cookie ?? '' },
          body: JSON.stringify({ code }),
        }),
      ),
    );
    reportRetries('one ticket checked in 10 times', scans);
    expect(scans.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);
    const bodies = scans.map((a) => JSON.parse(a.text));
    expect(bodies.filter((b) => b.checkedInNow)).toHaveLength(1);
    expect(new Set(bodies.map((b) => b.checkedInAt)).size).toBe(1);
    // One audit row, written in the batch of the one check-in that happened.
    const audit = await client.execute({
      sql: "SELECT count(*) AS n FROM audit_log WHERE action = 'event.check_in' AND target_id = ?",
      args: [event.slug],
    });
    expect(Number(audit.rows[0]?.n)).toBe(1);
    expect((await states(event.id)).map((r) => r.status)).toEqual(['attended']);
  });
});
