import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPasswordHasher } from '~/functions/auth/password';
import type { AppDeps } from '~/functions/context';
import { outbox } from '~/functions/db/schema';
import { manualClock } from '~/functions/lib/clock';
import { runScheduledDelivery } from '~/functions/scheduled';
import { localImages } from '~/functions/services/media/process-upload';
import { deliverPending, MAX_ATTEMPTS } from '~/functions/services/outbox/deliver-pending';
import { enqueueMail } from '~/functions/services/outbox/enqueue-mail';
import { httpTransport, type OutboxMessage } from '~/functions/services/outbox/mail-transport';
import { siteLink } from '~/functions/services/outbox/templates';
import { buildCatalog } from '../factories/catalog';
import { freshDatabase, serviceContext, testConfig } from '../factories/db';
import { memoryBucket } from '../factories/memory-bucket';

const MINUTE = 60_000;
const { db, client } = await freshDatabase();
const clock = manualClock('2026-11-25T10:00:00+08:00');
const deps: AppDeps = {
  connect: () => client,
  catalog: buildCatalog(),
  clock,
  config: testConfig(),
  hasher: createPasswordHasher(testConfig().passwordPepper, 1000),
  media: memoryBucket(),
  images: localImages,
};
const ctxAt = (overrides = {}) => serviceContext(db, deps.catalog, clock.now(), overrides);

async function enqueue(to: string, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const ctx = ctxAt();
  const [row] = await enqueueMail(ctx, {
    to,
    locale,
    template: 'password-reset',
    params: {
      name: '王五',
      url: siteLink(ctx, '/reset-password?token=abcdefghijklmnopqrstuvwxyz234567', locale),
    },
  }).returning();
  if (!row) throw new Error('enqueue failed');
  return row;
}

const rowOf = async (id: number) => (await db.select().from(outbox).where(eq(outbox.id, id)))[0];

afterEach(() => vi.restoreAllMocks());

describe('outbox delivery', () => {
  it('prints due messages outside production and marks them sent, once', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const message = await enqueue('print-me@example.com');
    const report = await deliverPending(ctxAt());
    expect(report.sent).toBeGreaterThanOrEqual(1);
    expect(await rowOf(message.id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(log.mock.calls.flat().join('\n')).toContain('[outbox] #');
    expect(log.mock.calls.flat().join('\n')).toContain('print-me@example.com');
    // A second run finds nothing to send.
    expect(await deliverPending(ctxAt())).toEqual({ sent: 0, failed: 0 });
  });

  it('renders templates in the recipient language with absolute links', async () => {
    const zh = await enqueue('zh@example.com');
    const en = await enqueue('en@example.com', 'en');
    expect(zh.subject).toBe('重置你的密码');
    expect(zh.body).toContain('http://localhost/reset-password?token=');
    expect(en.subject).toBe('Reset your password');
    expect(en.body).toContain('http://localhost/en/reset-password?token=');
    const noSite = siteLink(
      serviceContext(db, deps.catalog, clock.now(), {
        config: testConfig({ siteUrl: undefined }),
        origin: 'https://portal.example.com',
      }),
      '/verify-email?token=x',
      'zh-CN',
    );
    expect(noSite).toBe('https://portal.example.com/verify-email?token=x');
    await deliverPending(ctxAt(), async () => {});
  });

  it('the cron retries failures with exponential backoff, then marks the message failed', async () => {
    const start = clock.now();
    const message = await enqueue('flaky@example.com');
    const failing = vi.fn(async (_m: OutboxMessage) => {
      throw new Error('mail API answered 503');
    });
    await runScheduledDelivery(deps, failing);
    let row = await rowOf(message.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'mail API answered 503' });
    expect(row?.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 1 * MINUTE);

    // Not due yet: the cron leaves it alone.
    clock.advance(30_000);
    await runScheduledDelivery(deps, failing);
    expect(failing).toHaveBeenCalledTimes(1);

    // Each failure doubles the wait: 1, 2, 4, 8 … minutes.
    const waits: number[] = [];
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      row = await rowOf(message.id);
      clock.set(row?.nextAttemptAt ?? start);
      await runScheduledDelivery(deps, failing);
      row = await rowOf(message.id);
      waits.push(((row?.nextAttemptAt.getTime() ?? 0) - clock.now().getTime()) / MINUTE);
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 64, 128]);
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });

    clock.advance(24 * 60 * MINUTE);
    await runScheduledDelivery(deps, failing);
    expect(failing).toHaveBeenCalledTimes(MAX_ATTEMPTS);
    clock.set(start);
  });

  it('a message that fails once is sent by a later cron run', async () => {
    const start = clock.now();
    const message = await enqueue('second-try@example.com');
    await deliverPending(ctxAt(), async () => {
      throw new Error('timeout');
    });
    clock.advance(MINUTE);
    const sent: string[] = [];
    await runScheduledDelivery(deps, async (m) => void sent.push(m.toEmail));
    expect(sent).toEqual(['second-try@example.com']);
    expect(await rowOf(message.id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    clock.set(start);
  });

  it('two concurrent runs never send the same message twice', async () => {
    await enqueue('once-only@example.com');
    const sent: string[] = [];
    const transport = async (m: OutboxMessage) => void sent.push(m.toEmail);
    await Promise.all([deliverPending(ctxAt(), transport), deliverPending(ctxAt(), transport)]);
    expect(sent.filter((to) => to === 'once-only@example.com')).toHaveLength(1);
  });

  it('in production POSTs to MAIL_API_URL with the key, and redacts one-time links once sent', async () => {
    const message = await enqueue('prod@example.com');
    const requests: Array<{ url: string; init: RequestInit }> = [];
    const fetcher = (async (url: string, init: RequestInit) => {
      requests.push({ url, init });
      return new Response('{}', { status: 200 });
    }) as unknown as typeof fetch;
    const mail = {
      apiUrl: 'https://mail.example.com/send',
      apiKey: 'secret-key',
      from: 'OPC <no-reply@example.com>',
    };
    const ctx = ctxAt({ config: testConfig({ environment: 'production', isProduction: true, mail }) });
    await deliverPending(ctx, httpTransport(mail, fetcher));
    const request = requests.find((r) => String(r.init.body).includes('prod@example.com'));
    expect(request?.url).toBe('https://mail.example.com/send');
    expect(new Headers(request?.init.headers).get('authorization')).toBe('Bearer secret-key');
    expect(JSON.parse(String(request?.init.body))).toMatchObject({
      from: 'OPC <no-reply@example.com>',
      to: 'prod@example.com',
      subject: '重置你的密码',
    });
    expect(JSON.parse(String(request?.init.body)).text).toContain('token=abcdefghijklmnopqrstuvwxyz234567');
    const row = await rowOf(message.id);
    expect(row?.status).toBe('sent');
    expect(row?.body).toContain('token=[redacted]');
  });

  it('a non-2xx answer of the mail API counts as a failure', async () => {
    const message = await enqueue('bounce@example.com');
    const fetcher = (async () => new Response('nope', { status: 500 })) as unknown as typeof fetch;
    const mail = { apiUrl: 'https://mail.example.com/send', apiKey: 'k', from: 'x' };
    await deliverPending(ctxAt(), httpTransport(mail, fetcher));
    expect(await rowOf(message.id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'mail API answered 500',
    });
  });
});
