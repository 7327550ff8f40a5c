/**
 * Absolute links come from SITE_URL only (the local scripts set it to the served origin): a request
 * with a forged Host header gets mail, feeds, the sitemap, robots.txt, canonical URLs and the API
 * document that point at the site, never at the Host it sent. Through the built Worker.
 */

import { request as httpRequest } from 'node:http';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort, startWorker, type WorkerProcess } from '../../scripts/lib/worker-process';
import { workerClient } from '../helpers/worker-db';
import { WORKER_VARS } from '../setup/worker';

const base = inject('workerUrl');
const client = await workerClient(`file:${inject('workerDbFile')}`);
const EVIL = 'evil.example';

/** A request whose Host header is not the site's (fetch() may not set Host). */
function forged(
  path: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
) {
  const url = new URL(path, base);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: init.method ?? 'GET',
        headers: { host: EVIL, ...init.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('links with a forged Host header', () => {
  it('a password-reset mail links to the site', async () => {
    const { rows } = await client.execute("SELECT email FROM users WHERE email = 'founder@example.com'");
    expect(rows).toHaveLength(1);
    const res = await forged('/api/v1/auth/password-reset', {
      method: 'POST',
      body: JSON.stringify({ email: 'founder@example.com' }),
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.91' },
    });
    expect(res.status).toBe(202);
    let mail = '';
    for (let i = 0; i < 20 && !mail; i++) {
      const found = await client.execute(
        "SELECT body FROM outbox WHERE to_email = 'founder@example.com' AND template = 'password-reset' ORDER BY id DESC LIMIT 1",
      );
      mail = String(found.rows[0]?.body ?? '');
      if (!mail) await new Promise((r) => setTimeout(r, 100));
    }
    expect(mail).toContain(`${base}/reset-password?token=`);
    expect(mail).not.toContain(EVIL);
  });

  it.each([
    '/rss.xml',
    '/en/rss.xml',
    '/sitemap.xml',
    '/robots.txt',
    '/events.ics',
    '/events/ai-workshop-rag-2027-04.ics',
    '/',
    '/en/products',
    '/no-such-page',
    '/api/v1/openapi.json',
  ])('%s points at the site', async (path) => {
    const res = await forged(path);
    expect(res.body).not.toContain(EVIL);
    expect(res.body).toContain(base.replace('http://', ''));
  });
});

describe('a production Worker without SITE_URL', () => {
  let worker: WorkerProcess | undefined;
  afterAll(async () => {
    await worker?.stop();
  });

  it('answers 503 naming SITE_URL, in health and on pages, and logs it', async () => {
    worker = startWorker({
      port: await freePort(),
      databaseUrl: inject('workerDbUrl'),
      vars: { ...WORKER_VARS, ENVIRONMENT: 'production', SITE_URL: '', RATE_LIMITS: 'on' },
      quiet: true,
      configPath: inject('workerConfigPath'),
    });
    let health: Response | undefined;
    for (let i = 0; i < 300 && !health; i++) {
      health = await fetch(`${worker.url}/api/v1/health`).catch(() => undefined);
      if (!health) await new Promise((r) => setTimeout(r, 200));
    }
    expect(health?.status).toBe(503);
    expect(await health?.json()).toMatchObject({
      status: 'error',
      config: expect.stringContaining('SITE_URL is not set'),
    });
    const page = await fetch(`${worker.url}/`, { headers: { host: EVIL } });
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('SITE_URL is not set');
    expect(worker.errorTail()).toContain('[config] the portal cannot serve requests: SITE_URL is not set');
  }, 90_000);
});
