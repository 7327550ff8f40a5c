/**
 * Webhooks (decision 021): organizers register https endpoints on public addresses only; an approved
 * product, a published or changed event and published results queue one delivery per subscribed
 * endpoint in the same batch as the change; deliveries are signed the Standard Webhooks way (checked
 * here with the `standardwebhooks` library, as a receiver would), retried with backoff, recorded
 * with their last status, sent over the network only to public addresses, and kept locally.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, webhookDeliveries } from '~/functions/db/schema';
import {
  deliverWebhooks,
  httpSender,
  recordingSender,
  type WebhookRequest,
} from '~/functions/services/webhooks/deliver-webhooks';
import { webhookInsert } from '~/functions/services/webhooks/events';
import { type Json, testApp } from '../factories/app';
import { buildCatalog, buildCommunity, buildContest } from '../factories/catalog';
import { testConfig } from '../factories/db';
import { insertCompany, insertProduct } from '../factories/records';
import { writeHeaders } from '../factories/session';
import { signedIn } from '../factories/submissions';

const NOW = '2026-11-25T10:00:00+08:00';
const contest = buildContest('hook-contest');
type Env = Awaited<ReturnType<typeof testApp>>;

let env: Env;
let organizer: Awaited<ReturnType<typeof signedIn>>;
let founder: Awaited<ReturnType<typeof signedIn>>;

async function call(method: string, path: string, cookie?: string, payload?: unknown) {
  const res = await env.app.request(`/api/v1${path}`, {
    method,
    headers: writeHeaders(cookie),
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Json };
}
const register = (url: string, events: string[], cookie = organizer.cookie) =>
  call('POST', '/admin/webhooks', cookie, { url, events });
const deliveries = () => env.db.select().from(webhookDeliveries).orderBy(webhookDeliveries.id);
/** The delivery run's context at the test clock's instant. */
const at = () => ({ db: env.db, config: env.config, now: env.clock.now() });
/** A sender that keeps what it was asked to send and answers `status`. */
const capturing = (status: number) => {
  const sent: WebhookRequest[] = [];
  return {
    sent,
    send: async (request: WebhookRequest) => {
      sent.push(request);
      return status;
    },
  };
};

beforeEach(async () => {
  env = await testApp({
    now: NOW,
    catalog: buildCatalog({ communities: [buildCommunity()], contests: [contest] }),
    config: testConfig({ rateLimits: false }),
  });
  organizer = await signedIn(env.db, { role: 'organizer' });
  founder = await signedIn(env.db);
});

describe('registering an endpoint', () => {
  it('shows the signing secret once and lists the endpoint without it; founders are refused', async () => {
    const created = await register('https://hooks.example.com/opc', ['product.approved', 'product.approved']);
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(created.body.events).toEqual(['product.approved']);
    const listed = await call('GET', '/admin/webhooks', organizer.cookie);
    expect(listed.body.items).toEqual([
      {
        id: created.body.id,
        url: 'https://hooks.example.com/opc',
        events: ['product.approved'],
        createdAt: created.body.createdAt,
        lastDelivery: null,
      },
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
    expect((await register('https://hooks.example.com/x', ['product.approved'], founder.cookie)).status).toBe(
      403,
    );
    const audit = await env.db.select().from(auditLog).where(eq(auditLog.action, 'webhook.create'));
    expect(audit.map((r) => r.targetId)).toEqual([String(created.body.id)]);
  });

  it.each([
    'http://hooks.example.com/opc',
    'https://localhost/hook',
    'https://printer.local/hook',
    'https://127.0.0.1/hook',
    'https://2130706433/hook',
    'https://10.1.2.3/hook',
    'https://172.16.0.1/hook',
    'https://192.168.1.10/hook',
    'https://169.254.169.254/latest/meta-data',
    'https://100.64.0.1/hook',
    'https://[::1]/hook',
    'https://[fd00::1]/hook',
    'https://[::ffff:127.0.0.1]/hook',
    'https://localhost./hook',
    'https://metadata.google.internal./',
    'https://[64:ff9b::a9fe:a9fe]/',
    'https://[::7f00:1]/',
    'https://[2002:7f00:1::]/',
    'https://[fec0::1]/',
    'https://user:pass@hooks.example.com/',
    'javascript:alert(1)',
  ])('refuses %s with a field error and stores nothing', async (url) => {
    const refused = await register(url, ['product.approved']);
    expect([refused.status, Object.keys(refused.body.errors ?? {})]).toEqual([422, ['url']]);
    expect((await call('GET', '/admin/webhooks', organizer.cookie)).body.items).toEqual([]);
  });

  it('refuses unknown events', async () => {
    const refused = await register('https://hooks.example.com/opc', ['product.deleted']);
    expect(refused.status).toBe(422);
  });
});

describe('what queues a delivery', () => {
  it('an approved product, for subscribed endpoints only, never a rejection', async () => {
    const products = await register('https://a.example.com/hook', ['product.approved']);
    await register('https://b.example.com/hook', ['results.published']);
    const company = await insertCompany(env.db, founder.user.id);
    const approved = await insertProduct(env.db, company.id, { ownerId: founder.user.id, status: 'pending' });
    const rejected = await insertProduct(env.db, company.id, { ownerId: founder.user.id, status: 'pending' });
    await call('POST', `/admin/products/${rejected.id}/decision`, organizer.cookie, {
      decision: 'reject',
      reason: '材料不全',
    });
    expect(await deliveries()).toEqual([]);
    const decided = await call('POST', `/admin/products/${approved.id}/decision`, organizer.cookie, {
      decision: 'approve',
    });
    expect(decided.status).toBe(200);
    const rows = await deliveries();
    expect(rows.map((r) => [r.endpointId, r.eventType, r.status])).toEqual([
      [products.body.id, 'product.approved', 'pending'],
    ]);
    expect(JSON.parse(rows[0]?.payload ?? '{}')).toEqual({
      type: 'product.approved',
      timestamp: new Date(NOW).toISOString(),
      data: { id: approved.id, name: approved.name, url: `http://localhost/products/${approved.id}` },
    });
  });

  it('a published event, an edit and a cancellation of it; not a draft', async () => {
    await register('https://a.example.com/hook', ['event.published', 'event.changed']);
    const body = {
      slug: 'hook-event',
      titleZh: '钩子活动',
      summaryZh: '简介',
      descriptionZh: '介绍',
      venueZh: '江岸区',
      startsAt: '2026-12-20T14:00:00+08:00',
      endsAt: '2026-12-20T16:00:00+08:00',
    };
    expect(
      (
        await call('POST', '/admin/events', organizer.cookie, {
          ...body,
          slug: 'draft-event',
          publish: false,
        })
      ).status,
    ).toBe(201);
    expect(await deliveries()).toEqual([]);
    expect((await call('POST', '/admin/events', organizer.cookie, { ...body, publish: true })).status).toBe(
      201,
    );
    expect((await call('PATCH', '/admin/events/hook-event', organizer.cookie, { capacity: 30 })).status).toBe(
      200,
    );
    expect(
      (await call('PATCH', '/admin/events/draft-event', organizer.cookie, { capacity: 30 })).status,
    ).toBe(200);
    const types = (await deliveries()).map((r) => [r.eventType, (JSON.parse(r.payload) as Json).data.slug]);
    expect(types).toEqual([
      ['event.published', 'hook-event'],
      ['event.changed', 'hook-event'],
    ]);
  });

  it('published results', async () => {
    await register('https://a.example.com/hook', ['results.published']);
    const published = await call('POST', `/admin/contests/${contest.slug}/publish`, organizer.cookie, {});
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    const [row] = await deliveries();
    expect(row?.eventType).toBe('results.published');
    expect((JSON.parse(row?.payload ?? '{}') as Json).data.contest).toBe(contest.slug);
  });
});

describe('delivery', () => {
  async function queued() {
    const created = await register('https://a.example.com/hook', ['event.published']);
    // Queued as a change's batch queues it, without the after-response run (which records locally).
    await env.db.run(webhookInsert({ now: env.clock.now() }, 'event.published', { slug: 'queued-event' }));
    const [row] = await deliveries();
    if (!row) throw new Error('nothing queued');
    return { secret: created.body.secret as string, row };
  }

  it('signs the Standard Webhooks way: a receiver’s library verifies it', async () => {
    // The library refuses timestamps more than 5 minutes from its own clock: sign at the real time.
    env.clock.set(new Date());
    const { secret, row } = await queued();
    const { sent, send } = capturing(204);
    expect(await deliverWebhooks(at(), send)).toEqual({ delivered: 1, failed: 0, recorded: 0 });
    const [request] = sent;
    expect(request?.url).toBe('https://a.example.com/hook');
    expect(request?.headers['webhook-id']).toBe(row.messageId);
    const verified = new Webhook(secret).verify(request?.body ?? '', request?.headers ?? {}) as Json;
    expect(verified.type).toBe('event.published');
    expect(verified.data.slug).toBe('queued-event');
    // A tampered body or another secret does not verify.
    expect(() => new Webhook(secret).verify(`${request?.body} `, request?.headers ?? {})).toThrow();
    const [after] = await deliveries();
    expect([after?.status, after?.attempts, after?.lastStatus]).toEqual(['delivered', 1, 204]);
    // Nothing is sent twice.
    expect(await deliverWebhooks(at(), send)).toEqual({ delivered: 0, failed: 0, recorded: 0 });
  });

  it('retries a refusal with backoff, keeps the last status, and gives up after 8 attempts', async () => {
    await queued();
    const { send } = capturing(500);
    await deliverWebhooks(at(), send);
    let [row] = await deliveries();
    expect([row?.status, row?.attempts, row?.lastStatus, row?.lastError]).toEqual([
      'pending',
      1,
      500,
      'HTTP 500',
    ]);
    expect(row?.nextAttemptAt.getTime()).toBe(new Date(NOW).getTime() + 60_000);
    // Not due yet: nothing is sent.
    expect((await deliverWebhooks(at(), send)).failed).toBe(0);
    for (let attempt = 2; attempt <= 8; attempt++) {
      env.clock.set(row?.nextAttemptAt ?? new Date());
      await deliverWebhooks(at(), async () => {
        throw new Error('connection refused');
      });
      [row] = await deliveries();
    }
    expect([row?.status, row?.attempts, row?.lastStatus, row?.lastError]).toEqual([
      'failed',
      8,
      null,
      'connection refused',
    ]);
    const listed = await call('GET', `/admin/webhooks/${row?.endpointId}/deliveries`, organizer.cookie);
    expect(listed.body.items[0]).toMatchObject({
      status: 'failed',
      attempts: 8,
      lastError: 'connection refused',
    });
  });

  it('POSTs over the network, and never to a loopback address unless told to', async () => {
    const received: Array<{ headers: Record<string, unknown>; body: string }> = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      const request = {
        url,
        headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1' },
        body: '{"a":1}',
      };
      await expect(httpSender()(request)).rejects.toThrow(/refused/);
      expect(received).toEqual([]);
      expect(await httpSender({ allowPrivate: true })(request)).toBe(202);
      expect(received.map((r) => [r.headers['webhook-id'], r.body])).toEqual([['msg_1', '{"a":1}']]);
    } finally {
      server.close();
    }
  });

  it('outside production records instead of sending, for /dev/outbox', async () => {
    await queued();
    expect(await deliverWebhooks(at())).toEqual({ delivered: 0, failed: 0, recorded: 1 });
    expect(await deliverWebhooks(at(), recordingSender)).toEqual({ delivered: 0, failed: 0, recorded: 0 });
    const [row] = await deliveries();
    expect(row?.status).toBe('recorded');
  });

  it('goes with its endpoint when the endpoint is deleted', async () => {
    const { row } = await queued();
    expect((await call('DELETE', `/admin/webhooks/${row.endpointId}`, organizer.cookie)).status).toBe(204);
    expect(await deliveries()).toEqual([]);
    expect((await call('DELETE', `/admin/webhooks/${row.endpointId}`, organizer.cookie)).status).toBe(404);
  });
});
