/**
 * `npm run loadtest`: load and fault test of the built portal (decision 014). A private stack (a copy of
 * the build in workerd, a seeded database behind the local libSQL endpoint in its own process, rate
 * limits off) takes N concurrent founders with pre-seeded sessions who browse, search, vote, join and
 * leave teams and edit entries; the endpoint is stopped mid-run and started again. Afterwards the
 * database is compared with what the clients were told (scripts/lib/loadtest/checks.ts).
 *
 *   npm run loadtest                  200 clients, 60 s, a 10 s outage from 25 s (builds first)
 *   npm run loadtest -- --short       50 clients, 20 s, a 4 s outage from 6 s (CI)
 *   options: --no-build --clients N --duration S --outage-at S --outage-for S --no-outage
 *            --think MIN,MAX (ms a client waits between requests; 1000,3000, short 500,1500) --verbose
 *
 * Prints the figures, writes bench/results/loadtest-<mode>-<time>.json and exits 1 if a check fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient } from '@libsql/client';
import { DATABASE_TIMEOUT_MS } from '~/functions/db/availability';
import { createDb } from '~/functions/db/client';
import { clockFromEnv } from '~/functions/lib/clock';
import { type Check, checkWrites } from './lib/loadtest/checks';
import { startLoad } from './lib/loadtest/clients';
import { byAction, type OutageWindow, outageFigures, stats, trafficChecks } from './lib/loadtest/traffic';
import { warmUp } from './lib/loadtest/warm-up';
import { buildPortal, startPrivateStack } from './lib/private-stack';
import { type SignedInUser, seedSignedInUsers } from './lib/signed-in-users';

const { values: args } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    clients: { type: 'string' },
    duration: { type: 'string' },
    'outage-at': { type: 'string' },
    'outage-for': { type: 'string' },
    'no-outage': { type: 'boolean', default: false },
    think: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

const mode = args.short ? 'short' : 'full';
const preset = args.short
  ? { clients: 50, duration: 20, outageAt: 6, outageFor: 4, think: '500,1500', rampMs: 2000 }
  : { clients: 200, duration: 60, outageAt: 25, outageFor: 10, think: '1000,3000', rampMs: 5000 };
const config = {
  clients: Number(args.clients ?? preset.clients),
  durationMs: Number(args.duration ?? preset.duration) * 1000,
  outageAtMs: Number(args['outage-at'] ?? preset.outageAt) * 1000,
  outageForMs: Number(args['outage-for'] ?? preset.outageFor) * 1000,
  outage: !args['no-outage'],
  // Each client pauses between requests (ms, uniform); --think 0,0 hammers.
  thinkMs: (args.think ?? preset.think).split(',').map(Number) as [number, number],
  // Clients start spread over this long, as real clients arrive.
  rampMs: preset.rampMs,
};
const VARS = {
  PASSWORD_PEPPER: 'loadtest-pepper-0123456789',
  TEST_NOW: '2026-11-25T10:00:00+08:00',
  RATE_LIMITS: 'off',
};
// What an outage may add to a request (decision 014): one database timeout, plus slack for a busy machine.
const OUTAGE_SLACK_MS = 2000;
const MAX_TEAM_SIZE = 5; // content/contests/agent-innovation-2026.md
const HOT_PRODUCTS = 8;
// The load event: 10 places for the clients' registrations and cancellations (created in prepare), few
// enough that the waitlist fills and cancellations promote.
const LOAD_EVENT = { slug: 'loadtest-meetup', capacity: 10 };

const log = (line: string) => console.log(line);
const started = performance.now();
const loadBefore = Math.round((loadavg()[0] ?? 0) * 10) / 10;
if (!args['no-build']) {
  log('Building the portal…');
  buildPortal();
}

let users: SignedInUser[] = [];
let warmUser: SignedInUser | undefined;
let hotProducts: number[] = [];
let productIds: number[] = [];
let companyIds: number[] = [];
const baseline = new Map<number, number>();
const now = clockFromEnv({ ENVIRONMENT: 'development', TEST_NOW: VARS.TEST_NOW }).now();

log(`Starting a private stack (${config.clients} founders with sessions)…`);
const stack = await startPrivateStack({
  vars: VARS,
  prefix: 'opc-loadtest-',
  verbose: args.verbose,
  databaseProcess: 'child',
  async prepare(file) {
    const client = createClient({ url: `file:${file}` });
    try {
      // One more founder for the warm-up, outside the checks.
      users = await seedSignedInUsers(createDb(client), {
        count: config.clients + 1,
        now,
        emailPrefix: 'loadtest-founder',
        namePrefix: '压测用户',
        claimsSecret: VARS.PASSWORD_PEPPER,
      });
      warmUser = users.pop();
      const products = await client.execute(
        "SELECT id, vote_count FROM products WHERE status = 'approved' ORDER BY vote_count DESC, id",
      );
      for (const row of products.rows) baseline.set(Number(row[0]), Number(row[1]));
      productIds = [...baseline.keys()];
      hotProducts = productIds.slice(0, HOT_PRODUCTS);
      await client.execute({
        sql: `INSERT INTO events (slug, status, title_zh, summary_zh, description_zh, venue_zh, starts_at, ends_at,
          capacity, created_at, updated_at) VALUES (?, 'published', '压测沙龙', '压测', '压测用的活动。', '江岸区', ?, ?, ?, ?, ?)`,
        args: [
          LOAD_EVENT.slug,
          now.getTime() + 30 * 86_400_000,
          now.getTime() + 30 * 86_400_000 + 7_200_000,
          LOAD_EVENT.capacity,
          now.getTime(),
          now.getTime(),
        ],
      });
      const companies = await client.execute("SELECT id FROM companies WHERE status = 'verified'");
      companyIds = companies.rows.map((row) => Number(row[0]));
    } finally {
      client.close();
    }
  },
});
// workerd logs every request that failed during the outage: keep its pipe drained, count the lines
// and keep the first few of each kind for the summary.
let workerLogLines = 0;
const workerErrors = new Map<string, number>();
stack.worker.child.stderr?.on('data', (chunk: Buffer) => {
  for (const raw of chunk.toString().split('\n')) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes
    const line = raw.replace(/\u001b\[[0-9;]*m/g, '').trim();
    if (!line) continue;
    workerLogLines += 1;
    const kind = line
      .replace(/\[[0-9a-f]{16}\]/g, '[id]')
      .replace(/\d+/g, 'N')
      .slice(0, 160);
    if (workerErrors.has(kind) || workerErrors.size < 30)
      workerErrors.set(kind, (workerErrors.get(kind) ?? 0) + 1);
  }
});
const plan = {
  base: stack.url,
  users,
  hotProducts,
  productIds,
  companyIds,
  durationMs: config.durationMs,
  thinkMs: config.thinkMs,
  rampMs: config.rampMs,
  eventSlug: LOAD_EVENT.slug,
};
if (!warmUser) throw new Error('no warm-up user');
const warmUpMs = await warmUp(plan, warmUser);
const startupMs = performance.now() - started;
log(
  `Portal at ${stack.url} (ready and warmed up after ${(startupMs / 1000).toFixed(1)} s). Load for ${config.durationMs / 1000} s…`,
);

let window: OutageWindow | null = null;
const run = startLoad(plan);
const outage = config.outage
  ? (async () => {
      await new Promise((r) => setTimeout(r, config.outageAtMs));
      const stopAt = run.now();
      await stack.stopDatabase();
      const downAt = run.now();
      log(`  ${(downAt / 1000).toFixed(1)} s: database endpoint stopped`);
      await new Promise((r) => setTimeout(r, config.outageForMs));
      const restartAt = run.now();
      await stack.startDatabase();
      const upAt = run.now();
      log(`  ${(upAt / 1000).toFixed(1)} s: database endpoint serving again`);
      window = { stopAt, downAt, restartAt, upAt };
    })()
  : Promise.resolve();
const progress = setInterval(() => {
  const t = run.now() / 1000;
  const recent = run.samples.filter((s) => s.start > run.now() - 5000);
  log(`  ${t.toFixed(0)} s: ${run.samples.length} requests, ${(recent.length / 5).toFixed(0)} req/s lately`);
}, 10_000);
await Promise.all([run.done, outage]);
clearInterval(progress);
const loadMs = run.now();

log('Comparing the database with what the clients were told…');
const client = createClient({ url: `file:${stack.file}` });
let checks: Check[];
try {
  checks = [
    ...trafficChecks(run.samples, run.health, window, {
      databaseTimeoutMs: DATABASE_TIMEOUT_MS,
      slackMs: OUTAGE_SLACK_MS,
    }),
    ...(await checkWrites({
      client,
      ledger: run.ledger,
      userIds: users.map((u) => u.id),
      baseline,
      maxTeamSize: MAX_TEAM_SIZE,
      event: LOAD_EVENT,
      async readVoteCount(productId) {
        const res = await fetch(`${stack.url}/api/v1/products/${productId}`);
        return res.ok ? ((await res.json()) as { voteCount: number }).voteCount : null;
      },
    })),
  ];
} finally {
  client.close();
  await stack.stop();
}

const all = stats(run.samples);
const fiveXx = Object.entries(all.statuses).reduce(
  (n, [code, count]) => (Number(code) >= 500 ? n + count : n),
  0,
);
// 503s are what the outage is meant to produce; any other 5xx is a fault (the checks say which).
const unavailable = all.statuses['503'] ?? 0;
const summary = {
  mode,
  at: new Date().toISOString(),
  config: { ...config, databaseTimeoutMs: DATABASE_TIMEOUT_MS, outageSlackMs: OUTAGE_SLACK_MS },
  /** The machine's load average (1 min) before and after: figures from a shared machine vary. */
  loadAverage: { before: loadBefore, after: Math.round((loadavg()[0] ?? 0) * 10) / 10 },
  startupMs: Math.round(startupMs),
  warmUpMs: Math.round(warmUpMs),
  loadMs: Math.round(loadMs),
  totalMs: Math.round(performance.now() - started),
  requests: all.requests,
  throughput: Math.round((all.requests / loadMs) * 1000 * 10) / 10,
  fiveXx,
  overall: all,
  actions: byAction(run.samples),
  health: stats(run.health),
  outage: outageFigures(run.samples, run.health, window),
  workerLogLines,
  workerLog: Object.fromEntries(workerErrors),
  checks,
  ok: checks.every((c) => c.ok),
};
mkdirSync('bench/results', { recursive: true });
const out = join('bench/results', `loadtest-${mode}-${summary.at.replace(/[:.]/g, '-')}.json`);
writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);

const ms = (n: number) => `${Math.round(n)} ms`;
log('');
log(
  `Machine load average ${summary.loadAverage.before} before, ${summary.loadAverage.after} after (2 cores shared).`,
);
log(
  `${summary.requests} requests in ${(loadMs / 1000).toFixed(1)} s (${summary.throughput} req/s) from ${config.clients} clients; p50 ${ms(all.p50)}, p99 ${ms(all.p99)}, max ${ms(all.max)}; 5xx: ${fiveXx} (503: ${unavailable}, other: ${fiveXx - unavailable})`,
);
log(
  `Inside the Worker (Server-Timing): p50 ${ms(all.worker.p50)}, p99 ${ms(all.worker.p99)}; waiting for the database: p50 ${ms(all.db.p50)}, p99 ${ms(all.db.p99)}`,
);
log('action        requests  p50      p99      max      statuses');
for (const [action, s] of Object.entries(summary.actions)) {
  const statuses = Object.entries(s.statuses)
    .map(([code, n]) => `${code}×${n}`)
    .join(' ');
  log(
    `${action.padEnd(13)} ${String(s.requests).padStart(8)}  ${ms(s.p50).padEnd(8)} ${ms(s.p99).padEnd(8)} ${ms(s.max).padEnd(8)} ${statuses}`,
  );
}
if (summary.outage) {
  const o = summary.outage;
  log(
    `Outage: endpoint down ${ms(o.downForMs)}; ${o.requestsDuring.requests} requests sent meanwhile (${Object.entries(
      o.requestsDuring.statuses,
    )
      .map(([code, n]) => `${code}×${n}`)
      .join(
        ' ',
      )}; ${o.servedFromCache} from the page cache), p50 ${ms(o.requestsDuring.p50)}, max ${ms(o.requestsDuring.max)}`,
  );
  log(
    `Recovery: healthy ${o.recoveryMs === null ? 'never' : ms(o.recoveryMs)} after the restart, first acknowledged write after ${o.firstWriteAfterMs === null ? 'none' : ms(o.firstWriteAfterMs)}; 503s after the restart: ${o.late503}`,
  );
}
log('');
for (const c of checks) {
  log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name} — ${c.detail}`);
  for (const v of c.violations) log(`       ${v}`);
}
log('');
log(
  `${summary.ok ? 'All checks passed' : 'Checks FAILED'}; ${out} (${(summary.totalMs / 1000).toFixed(0)} s in all)`,
);
process.exit(summary.ok ? 0 : 1);
