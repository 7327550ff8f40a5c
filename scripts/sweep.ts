/**
 * `npm run sweep`: hostile requests over every API operation of the built Worker, one at a time (as
 * the outside review swept it), on a private stack: generated from the OpenAPI document and the
 * shared hostile values (scripts/lib/hostile.ts), as admin, organizer, founder or nobody, with broken
 * content types, odd languages, hostile path and query values and plausible bodies too. Every answer
 * must come within 15 s and be below 500; each failure is reported with its request id and the lines
 * workerd logged for it (every 500 is logged with its request id and stack). Exits 1 on any failure.
 *
 *   npm run sweep -- [--requests 2000] [--seed 42] [--rate-limits on] [--no-build]
 */
import { parseArgs } from 'node:util';
import { createClient } from '@libsql/client';
import fc from 'fast-check';
import { createDb } from '~/functions/db/client';
import { clockFromEnv } from '~/functions/lib/clock';
import { hostileBody, hostileQueryValue, hostileSegment } from './lib/hostile';
import { buildPortal, startPrivateStack } from './lib/private-stack';
import { seedSignedInUsers } from './lib/signed-in-users';

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    seed: { type: 'string' },
    /** `on` sweeps with the rate limits `npm start` has (429s are answers too). */
    'rate-limits': { type: 'string', default: 'off' },
    'no-build': { type: 'boolean', default: false },
  },
});
const REQUESTS = Number(args.requests);
const SEED = args.seed ? Number(args.seed) : Math.floor(Math.random() * 2 ** 31);
const TIMEOUT_MS = 15_000;
const VARS = {
  PASSWORD_PEPPER: 'sweep-pepper-0123456789',
  TEST_NOW: '2026-11-25T10:00:00+08:00',
  RATE_LIMITS: 'off',
};
const ACTORS = ['admin', 'organizer', 'founder', 'anonymous'] as const;
type Actor = (typeof ACTORS)[number];

const log = (line: string) => console.log(`[sweep] ${line}`);
if (!args['no-build']) {
  log('building the portal…');
  buildPortal();
}

const cookies = new Map<Actor, string>();
const ids: string[] = [];
const slugs = [
  'agent-innovation-2026',
  'opc-ai-product-2025',
  'changjiang-scene-opc',
  'ai-workshop-rag-2027-04',
];
const now = clockFromEnv({ ENVIRONMENT: 'development', TEST_NOW: VARS.TEST_NOW }).now();
const stack = await startPrivateStack({
  vars: VARS,
  prefix: 'opc-sweep-',
  async prepare(file) {
    const client = createClient({ url: `file:${file}` });
    try {
      const users = await seedSignedInUsers(createDb(client), {
        count: 3,
        now,
        emailPrefix: 'sweep',
        claimsSecret: VARS.PASSWORD_PEPPER,
      });
      for (const [i, role] of (['admin', 'organizer', 'founder'] as const).entries()) {
        const user = users[i];
        if (!user) throw new Error('no user');
        await client.execute({ sql: 'UPDATE users SET role = ? WHERE id = ?', args: [role, user.id] });
        cookies.set(role, user.cookie);
      }
      // Real ids of every kind the paths take, so requests also reach the services.
      for (const table of ['products', 'companies', 'teams', 'entries', 'objections', 'users']) {
        const rows = await client.execute(`SELECT id FROM ${table} ORDER BY id LIMIT 3`).catch(() => null);
        for (const row of rows?.rows ?? []) ids.push(String(row[0]));
      }
    } finally {
      client.close();
    }
  },
});

// Everything workerd writes, to find the log lines of a failed request by its id.
const logLines: string[] = [];
stack.worker.child.stderr?.on('data', (chunk: Buffer) => {
  logLines.push(...chunk.toString().split('\n').filter(Boolean));
  if (logLines.length > 20_000) logLines.splice(0, logLines.length - 20_000);
});

interface Operation {
  method: string;
  path: string;
  query: string[];
}
const doc = (await (await fetch(`${stack.url}/api/v1/openapi.json`)).json()) as {
  paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>;
};
const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({
    method: method.toUpperCase(),
    path,
    query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
  })),
);

const plausibleValue = fc.oneof(
  fc.constantFrom('测试', 'Test', 'https://example.com', 'founder@example.com', 'river-lantern-2026', ''),
  fc.integer({ min: 0, max: 100 }),
  fc.boolean(),
  fc.constantFrom(...slugs),
);
const plausibleBody = fc.oneof(
  fc.constantFrom('{}', '{"voted":true}', '{"voted":false}', '{"reason":"重复提交"}'),
  fc
    .dictionary(
      fc.constantFrom('name', 'title', 'voted', 'role', 'status', 'reason', 'track', 'userId'),
      plausibleValue,
    )
    .map((body) => JSON.stringify(body)),
);
const segment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ids, ...slugs) },
  { weight: 1, arbitrary: hostileSegment },
);
const request = fc.record({
  operation: fc.constantFrom(...operations),
  actor: fc.constantFrom(...ACTORS),
  segments: fc.array(segment, { minLength: 3, maxLength: 3 }),
  query: fc.dictionary(
    fc.constantFrom('q', 'cursor', 'limit', 'page', 'sort', 'track', 'community', 'tag', 'x'),
    hostileQueryValue,
    {
      maxKeys: 3,
    },
  ),
  body: fc.oneof(hostileBody, plausibleBody, fc.constant(undefined)),
  contentType: fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'multipart/form-data',
    undefined,
  ),
  language: fc.constantFrom('en', 'zh-CN', '*', 'xx;q=abc', 'en;q=0.5, zh', undefined),
  idempotencyKey: fc.option(fc.constantFrom('sweep-key-0001', 'x', 'k'.repeat(300), '\u00e9'), {
    nil: undefined,
  }),
});

interface Failure {
  what: string;
  outcome: string;
  requestId: string | null;
}
const failures: Failure[] = [];
const statuses = new Map<string, number>();
/** Operations that answered anything but 404/405 at least once: the sweep reached their code. */
const reached = new Set<string>();
const started = performance.now();
log(
  `${REQUESTS} requests over ${operations.length} operations, seed ${SEED} (repeat: npm run sweep -- --seed ${SEED})`,
);
for (const sample of fc.sample(request, { numRuns: REQUESTS, seed: SEED })) {
  const { operation } = sample;
  let n = 0;
  const path = operation.path.replace(/\{[^}]+\}/g, () => encodeURI(sample.segments[n++ % 3] ?? '1'));
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(sample.query))
    if (operation.query.includes(key) || key === 'x') query.set(key, decodeURIComponentSafe(value));
  const url = `${stack.url}${path}${query.size > 0 ? `?${query}` : ''}`;
  const headers: Record<string, string> = { origin: stack.url };
  const cookie = sample.actor === 'anonymous' ? undefined : cookies.get(sample.actor);
  if (cookie) headers.cookie = cookie;
  if (sample.contentType) headers['content-type'] = sample.contentType;
  if (sample.language) headers['accept-language'] = sample.language;
  if (sample.idempotencyKey) headers['idempotency-key'] = sample.idempotencyKey;
  const hasBody = operation.method !== 'GET' && operation.method !== 'HEAD' && sample.body !== undefined;
  const what = `${operation.method} ${url.slice(stack.url.length, stack.url.length + 160)} as ${sample.actor}`;
  try {
    const res = await fetch(url, {
      method: operation.method,
      headers,
      body: hasBody ? (sample.body ?? null) : null,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.arrayBuffer();
    const kind = `${Math.floor(res.status / 100)}xx`;
    statuses.set(kind, (statuses.get(kind) ?? 0) + 1);
    if (res.status !== 404 && res.status !== 405) reached.add(`${operation.method} ${operation.path}`);
    if (res.status >= 500)
      failures.push({ what, outcome: String(res.status), requestId: res.headers.get('x-request-id') });
  } catch (err) {
    statuses.set('no answer', (statuses.get('no answer') ?? 0) + 1);
    failures.push({
      what,
      outcome: `no answer (${(err as Error).name}: ${(err as Error).message})`,
      requestId: null,
    });
  }
}
const seconds = (performance.now() - started) / 1000;
await new Promise((r) => setTimeout(r, 500)); // the last log lines
await stack.stop();

for (const failure of failures) {
  console.log(
    `\n✗ ${failure.what} → ${failure.outcome}${failure.requestId ? ` [${failure.requestId}]` : ''}`,
  );
  const at = failure.requestId ? logLines.findIndex((line) => line.includes(failure.requestId ?? '')) : -1;
  if (at >= 0) console.log(logLines.slice(at, at + 15).join('\n'));
}
const figures = [...statuses].map(([kind, count]) => `${kind} ${count}`).join(', ');
log(`${REQUESTS} requests in ${seconds.toFixed(0)} s (${figures}); seed ${SEED}`);
// A sweep that only ever meets 404s proves nothing: most operations must have been reached.
const unreached = operations.filter((op) => !reached.has(`${op.method} ${op.path}`));
log(`${operations.length - unreached.length} of ${operations.length} operations reached`);
const tooFew = unreached.length > operations.length * 0.1;
if (tooFew) log(`FAILED: not reached: ${unreached.map((op) => `${op.method} ${op.path}`).join(', ')}`);
log(failures.length === 0 ? 'ok: no 5xx, every request answered' : `FAILED: ${failures.length} requests`);
process.exit(failures.length === 0 && !tooFew ? 0 : 1);

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
