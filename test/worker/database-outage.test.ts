/**
 * The built Worker while its database is down (decision 014): a second Worker on the same build with
 * its own database and endpoint, which this file stops (connections refused), replaces with one that
 * accepts and never answers (a hang), and starts again. API and JSON clients get 503 problem+json,
 * pages the 503 page, all with Retry-After and within the stated timeout; afterwards the portal
 * answers again by itself and an acknowledged write is still there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '~/functions/auth/session';
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_TIMEOUT_MS } from '~/functions/db/availability';
import { createDb } from '~/functions/db/client';
import { startLibsqlServer } from '../../scripts/lib/libsql-server';
import { type LocalDatabase, startLocalDatabase, waitForHealth } from '../../scripts/lib/local-stack';
import { freePort, startWorker, type WorkerProcess } from '../../scripts/lib/worker-process';
import { insertCompany, insertProduct, insertUser } from '../factories/records';
import { WORKER_VARS } from '../setup/worker';

// Well inside the timeout: a refused connection fails at once.
const REFUSED_BUDGET_MS = 2000;
// The timeout plus the Worker's own work on a busy CI machine.
const HANG_BUDGET_MS = DATABASE_TIMEOUT_MS + 3000;

const dir = mkdtempSync(join(tmpdir(), 'opc-outage-'));
const file = join(dir, 'portal.db');
let port = 0;
let database: LocalDatabase | null = null;
let worker: WorkerProcess;
let cookie = '';
let productId = 0;
// An anonymous, cacheable page that no one has asked for yet.
const SEARCH = `/products?q=outage${Date.now()}`;

beforeAll(async () => {
  port = await freePort();
  database = await startLocalDatabase({ file, port, vars: WORKER_VARS });
  const client = createClient({ url: `file:${file}` });
  const db = createDb(client);
  const founder = await insertUser(db, { email: `outage-${Date.now()}@example.com` });
  const company = await insertCompany(db, founder.id);
  productId = (await insertProduct(db, company.id)).id;
  cookie = `${SESSION_COOKIE}=${(await createSession(db, founder.id, new Date('2026-11-25T01:00:00Z'))).token}`;
  client.close();
  worker = startWorker({
    port: await freePort(),
    databaseUrl: database.url,
    vars: WORKER_VARS,
    quiet: true,
    configPath: inject('workerConfigPath'),
  });
  worker.child.stderr?.resume(); // the outage is logged: keep the pipe drained
  await waitForHealth(worker.url, 90_000);
});

afterAll(async () => {
  await worker?.stop();
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function timed(path: string, init: RequestInit = {}) {
  const started = performance.now();
  const res = await fetch(`${worker.url}${path}`, { redirect: 'manual', ...init });
  const text = await res.text();
  return { res, text, ms: performance.now() - started };
}

const vote = () =>
  timed(`/api/v1/products/${productId}/vote`, {
    method: 'PUT',
    headers: { origin: worker.url, cookie, accept: 'application/json' },
  });

function expectProblem(r: Awaited<ReturnType<typeof timed>>, budgetMs: number) {
  expect(r.res.status).toBe(503);
  expect(r.res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(r.text)).toMatchObject({ status: 503, code: 'database_unavailable' });
  expect(r.res.headers.get('retry-after')).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
  expect(r.ms).toBeLessThan(budgetMs);
}

function expectPage(r: Awaited<ReturnType<typeof timed>>, title: string, budgetMs: number) {
  expect(r.res.status).toBe(503);
  expect(r.res.headers.get('content-type')).toMatch(/^text\/html/);
  expect(r.text).toContain(`<h1>${title}</h1>`);
  expect(r.res.headers.get('retry-after')).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
  expect(r.res.headers.get('cache-control')).toBe('no-store');
  expect(r.ms).toBeLessThan(budgetMs);
}

/** An endpoint that accepts connections and never answers. */
async function hangingEndpoint(): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('database outage', () => {
  it('acknowledges a vote while the database is up', async () => {
    const r = await vote();
    expect(r.res.status).toBe(200);
    expect(JSON.parse(r.text)).toMatchObject({ voted: true, voteCount: 1 });
  });

  it('answers 503 at once while the endpoint refuses connections: problem+json for the API, the 503 page for pages', async () => {
    await database?.close();
    database = null;
    expectProblem(await timed('/api/v1/products'), REFUSED_BUDGET_MS);
    expectProblem(await vote(), REFUSED_BUDGET_MS);
    // Signed in: the session lookup fails in the middleware.
    expectPage(await timed('/en/me', { headers: { cookie } }), 'Temporarily unavailable', REFUSED_BUDGET_MS);
    // Anonymous and uncached: the page's own query fails while rendering.
    expectPage(await timed(SEARCH), '服务暂时不可用', REFUSED_BUDGET_MS);
    // A page asked for as JSON answers like the API.
    expectProblem(
      await timed('/en/me', { headers: { cookie, accept: 'application/problem+json' } }),
      REFUSED_BUDGET_MS,
    );
    // The health check says so too.
    expect((await timed('/api/v1/health')).res.status).toBe(503);
  });

  it(
    'answers 503 within the database timeout while the endpoint accepts and never answers',
    async () => {
      const hanging = await hangingEndpoint();
      try {
        const [api, write, page] = await Promise.all([
          timed('/api/v1/products'),
          vote(),
          timed('/me', { headers: { cookie } }),
        ]);
        expectProblem(api, HANG_BUDGET_MS);
        expectProblem(write, HANG_BUDGET_MS);
        expectPage(page, '服务暂时不可用', HANG_BUDGET_MS);
        // It did wait for the database, not give up early.
        expect(api.ms).toBeGreaterThanOrEqual(DATABASE_TIMEOUT_MS - 100);
      } finally {
        await hanging.close();
      }
    },
    DATABASE_TIMEOUT_MS * 3 + 10_000,
  );

  it('recovers by itself once the endpoint is back, with the acknowledged vote kept and no 503 cached', async () => {
    const restarted = performance.now();
    const server = await startLibsqlServer({ file, host: '127.0.0.1', port });
    database = { url: server.url, close: () => server.close() };
    const first = await timed('/api/v1/health');
    expect(first.res.status).toBe(200);
    expect(performance.now() - restarted).toBeLessThan(REFUSED_BUDGET_MS);

    const product = await timed(`/api/v1/products/${productId}`);
    expect(product.res.status).toBe(200);
    expect(JSON.parse(product.text)).toMatchObject({ voteCount: 1 });
    const again = await vote();
    expect(JSON.parse(again.text)).toMatchObject({ voted: true, voteCount: 1 });
    const me = await timed('/en/me', { headers: { cookie } });
    expect(me.res.status).toBe(200);
    // The anonymous page that answered 503 during the outage was not stored in the page cache.
    const search = await timed(SEARCH);
    expect(search.res.status).toBe(200);
    expect(search.res.headers.get('x-cache')).toBe('MISS');
  });
});
