/**
 * `npm run bench`: builds the portal, starts the built Worker in workerd on a private database
 * with a generated catalogue, and measures side by side a static asset, the home page, the product
 * list, a product page, a Chinese search page (a common word, and a rare one matching at most 50
 * products), the same search through the API and a signed-in page — pages cold (page cache
 * bypassed) and warm (cached). Prints the tables and writes JSON under bench/results/.
 *
 *   npm run bench -- [--products 1000|10000|100000] [--growth] [--rounds 3] [--duration 5]
 *                    [--connections 10] [--warmup 1] [--workers 0] [--no-build] [--explain] [--profile]
 *                    [--pages home,list]
 *
 * --growth runs 1,000 and 100,000 products one after the other and adds the ratio table.
 * --explain prints each page's statements with EXPLAIN QUERY PLAN and their time in Node.
 * --profile adds CPU profiles: of the Worker (workerd, through wrangler's inspector) per uncached
 *   page, and of the libSQL endpoint (`node --cpu-prof`) over the whole run.
 * See README.md (Benchmark) and docs/decisions/012-benchmark.md.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { SingleBar } from 'cli-progress';
import { loadCatalogFromDisk } from '~/functions/content/load-node';
import { type BenchCatalogue, seedBenchCatalogue } from './lib/bench-catalogue';
import { type ExplainedStatement, explainPages, formatExplain } from './lib/bench-explain';
import { type Measurement, type MeasureOptions, measure, type Target } from './lib/bench-measure';
import {
  AIMS,
  formatCpu,
  formatGrowth,
  formatRun,
  type GrowthRow,
  growthRows,
  type SizeRun,
  summarise,
} from './lib/bench-report';
import {
  type CpuProfile,
  formatProfile,
  type ProfileSummary,
  profileWorker,
  summariseProfile,
} from './lib/cpu-profile';
import { buildPortal, startPrivateStack } from './lib/private-stack';
import { cpuRoles, cpuSnapshot } from './lib/process-cpu';
import { freePort } from './lib/worker-process';

const { values: args } = parseArgs({
  options: {
    products: { type: 'string', default: '1000' },
    growth: { type: 'boolean', default: false },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '3' },
    workers: { type: 'string', default: '0' },
    'no-build': { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    pages: { type: 'string' },
  },
});
/** Page keys to measure (`--pages home,search`); the static asset is always measured. */
const onlyPages = args.pages ? new Set(args.pages.split(',')) : null;

const VARS = {
  PASSWORD_PEPPER: 'bench-pepper-0123456789',
  TEST_NOW: '2026-11-25T10:00:00+08:00',
  RATE_LIMITS: 'off',
};
const SIZES = [1000, 10_000, 100_000];
const sizes = args.growth ? [1000, 100_000] : [Number(args.products)];
if (sizes.some((n) => !SIZES.includes(n))) {
  console.error(`--products must be one of ${SIZES.join(', ')}`);
  process.exit(2);
}

const log = (line: string) => console.log(`[bench] ${line}`);
const stamp = new Date().toISOString().replaceAll(':', '-').replace(/\..+/, '');
const communities = loadCatalogFromDisk().communities.map((c) => c.slug);

function targetsFor(cat: BenchCatalogue, staticPath: string): Target[] {
  const search = (term: string) => `/products?q=${encodeURIComponent(term)}`;
  const pages: Array<Omit<Target, 'mode'>> = [
    { page: 'home', label: 'home', path: '/' },
    { page: 'list', label: 'product list', path: '/products' },
    { page: 'detail', label: 'product page', path: `/products/${cat.productId}` },
    { page: 'search', label: `search page (${cat.commonTerm})`, path: search(cat.commonTerm) },
    { page: 'search-rare', label: `search page (${cat.rareTerm}, ≤50)`, path: search(cat.rareTerm) },
    // A 四券 programme page: its live budget, 公示 list and answered objections (issue 16).
    { page: 'voucher', label: 'voucher programme page', path: '/vouchers/jiangan-compute-2026' },
  ];
  return [
    { page: 'static', label: 'static asset (first)', path: staticPath, mode: 'static' },
    ...pages.flatMap((p) => (['cold', 'warm'] as const).map((mode) => ({ ...p, mode }))),
    {
      page: 'search-api',
      label: `search API (${cat.commonTerm})`,
      path: `/api/v1/products?q=${encodeURIComponent(cat.commonTerm)}`,
      mode: 'uncached',
    },
    {
      page: 'signed-in',
      label: 'signed-in page (/me)',
      path: '/me',
      mode: 'uncached',
      headers: cat.sessionCookies.map((cookie) => ({ cookie })),
    },
    {
      page: 'event',
      label: 'event page, signed in (ticket)',
      path: `/events/${cat.eventSlug}`,
      mode: 'uncached',
      headers: cat.sessionCookies.map((cookie) => ({ cookie })),
    },
    {
      page: 'event-admin',
      label: 'admin event page (2,000 registrations)',
      path: `/admin/events/${cat.eventSlug}`,
      mode: 'uncached',
      headers: [{ cookie: cat.organizerCookie }],
    },
    { page: 'static', label: 'static asset (last)', path: staticPath, mode: 'static' },
  ];
}

interface SizeResult extends SizeRun {
  catalogue: Omit<BenchCatalogue, 'sessionCookies' | 'organizerCookie'>;
  explain: ExplainedStatement[] | null;
  /** Worker CPU profiles per uncached page, and the libSQL endpoint's over the run (--profile). */
  profiles: Array<{ name: string; summary: ProfileSummary }>;
}

/** Profiles the Worker under a short load of each page (not the static asset: no Worker code runs). */
async function profilePages(
  baseUrl: string,
  inspectorPort: number,
  targets: Target[],
  sourceRoot: string,
  products: number,
) {
  const out: SizeResult['profiles'] = [];
  for (const target of targets.filter((t) => t.mode !== 'static')) {
    const path =
      target.mode === 'cold'
        ? `${target.path}${target.path.includes('?') ? '&' : '?'}_bench=[<id>]`
        : target.path;
    let requests = 0;
    const profile = await profileWorker(inspectorPort, async () => {
      const result = await autocannon({
        url: baseUrl + path,
        connections: 4,
        duration: 4,
        idReplacement: true,
        requests: (target.headers ?? [{}]).map((headers) => ({ method: 'GET', path, headers })),
      });
      requests = result.requests.total;
    });
    writeFileSync(
      `bench/results/${stamp}-${products}-worker-${target.page}-${target.mode}.cpuprofile`,
      JSON.stringify(profile),
    );
    out.push({
      name: `Worker CPU profile, ${target.label} ${target.mode} (${requests} requests)`,
      summary: summariseProfile(profile, { sourceRoot }),
    });
  }
  return out;
}

async function runSize(products: number): Promise<SizeResult> {
  let catalogue: BenchCatalogue | undefined;
  let explain: ExplainedStatement[] | null = null;
  const profileDir = args.profile ? mkdtempSync(join(tmpdir(), 'opc-bench-prof-')) : null;
  const inspectorPort = args.profile ? await freePort() : undefined;
  const bar = new SingleBar({
    format: `[bench] seeding ${products.toLocaleString('en')} products [{bar}] {value}/{total}  {eta}s left`,
    hideCursor: true,
  });
  const started = performance.now();
  const stack = await startPrivateStack({
    vars: VARS,
    prefix: 'opc-bench-',
    databaseProcess: 'child',
    ...(profileDir ? { databaseNodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {}),
    // Profiling: the portal alone, so the inspector's one target is the portal (decision 012).
    ...(inspectorPort ? { inspectorPort, withImages: false } : {}),
    prepare: async (file) => {
      catalogue = await seedBenchCatalogue({
        file,
        claimsSecret: VARS.PASSWORD_PEPPER,
        count: products,
        now: new Date(VARS.TEST_NOW),
        communities,
        progress: {
          start: (total) => bar.start(total, 0),
          update: (done) => bar.update(done),
          stop: () => bar.stop(),
        },
      });
      if (args.explain) explain = await explainPages({ file, now: new Date(VARS.TEST_NOW), catalogue });
    },
  });
  const profiles: SizeResult['profiles'] = [];
  try {
    if (!catalogue) throw new Error('the catalogue was not seeded');
    log(`stack ready in ${((performance.now() - started) / 1000).toFixed(0)} s: ${stack.url}`);
    const css = readdirSync(join(stack.dir, 'dist/client/_astro')).find((name) => name.endsWith('.css'));
    if (!css) throw new Error('no CSS asset under dist/client/_astro');
    const roles = cpuRoles(stack.worker.child.pid ?? 0, stack.databasePid);
    const options: MeasureOptions = {
      baseUrl: stack.url,
      connections: Number(args.connections),
      durationS: Number(args.duration),
      warmupS: Number(args.warmup),
      workers: Number(args.workers),
      cpu: () => cpuSnapshot(roles),
    };
    const targets = targetsFor(catalogue, `/_astro/${css}`).filter(
      (t) => onlyPages === null || t.mode === 'static' || onlyPages.has(t.page),
    );
    // Rounds through every target, so that a burst of other work on the machine hits one run of a
    // page and not all of them; each page is compared with the static asset of its own round.
    const rounds: Measurement[][] = [];
    for (let round = 1; round <= Number(args.rounds); round++) {
      const measurements: Measurement[] = [];
      for (const target of targets) {
        const m = await measure(options, target);
        measurements.push(m);
        log(
          `${products.toLocaleString('en')} products · round ${round} · ${m.label} · ${m.mode}: ${m.rps.toFixed(0)} req/s, p50 ${m.p50} ms`,
        );
      }
      rounds.push(measurements);
    }
    if (inspectorPort)
      profiles.push(
        ...(await profilePages(stack.url, inspectorPort, targets, join(stack.dir, 'dist/server'), products)),
      );
    const { sessionCookies: _, organizerCookie: __, ...described } = catalogue;
    return { ...summarise(products, rounds), catalogue: described, explain, profiles };
  } finally {
    await stack.stop(); // the endpoint writes its --cpu-prof profile as it exits
    for (const name of profileDir ? readdirSync(profileDir) : []) {
      const profile = JSON.parse(readFileSync(join(profileDir ?? '', name), 'utf8')) as CpuProfile;
      writeFileSync(`bench/results/${stamp}-libsql-${products}.cpuprofile`, JSON.stringify(profile));
      profiles.push({ name: 'libSQL endpoint CPU profile, whole run', summary: summariseProfile(profile) });
    }
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  }
}

const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  node: process.version,
  loadavgStart: loadavg(),
  loadavgEnd: [] as number[],
};
if (!args['no-build']) {
  log('building the portal…');
  buildPortal();
}
mkdirSync('bench/results', { recursive: true });
const runs: SizeResult[] = [];
for (const products of sizes) runs.push(await runSize(products));
machine.loadavgEnd = loadavg();

for (const run of runs) {
  console.log(
    `\nProducts: ${run.products.toLocaleString('en')} generated (+ the demo seed's); ` +
      `${run.rounds} rounds × ${args.duration} s per row, ${args.connections} connections; medians over rounds; ` +
      `static asset ${run.staticRps.toFixed(0)} req/s\n`,
  );
  console.log(formatRun(run));
  console.log('\nCPU ms per request, by process\n');
  console.log(formatCpu(run));
  if (run.explain) console.log(`\n${formatExplain(run.products, run.explain)}`);
  for (const profile of run.profiles) console.log(`\n${formatProfile(profile.name, profile.summary)}`);
}
let growth: GrowthRow[] | null = null;
const [small, large] = runs;
if (small && large) {
  growth = growthRows(small, large);
  console.log(
    "\nGrowth: each page's ×static at 1,000 over its ×static at 100,000 products (each size against its own\n" +
      'static asset, so a change in machine load between the two runs cancels; raw req/s for reference)\n',
  );
  console.log(formatGrowth(growth));
}
const fmt = (l: number[]) => l.map((n) => n.toFixed(2)).join(' ');
console.log(
  `\nAims: uncached ≥ ${AIMS.uncachedRatio.toFixed(2)}× and cached ≥ ${AIMS.cachedRatio}× the static asset's req/s, ≤ ${AIMS.maxRoundTrips} round trips, growth ≤ ${AIMS.maxGrowth}×.` +
    `\nMachine: ${machine.cpus} cores (${machine.cpuModel}), Node ${machine.node}; load average ${fmt(machine.loadavgStart)} at start, ${fmt(machine.loadavgEnd)} at end.` +
    '\nEverything (workerd, wrangler, the libSQL endpoint, autocannon) shares this machine, and so does any other work on it.',
);

const name = `bench/results/bench-${args.growth ? 'growth' : sizes[0]}-${stamp}.json`;
writeFileSync(
  name,
  `${JSON.stringify(
    {
      generatedAt: new Date().toISOString(),
      options: { ...args, sizes },
      aims: AIMS,
      machine,
      runs,
      growth,
    },
    null,
    2,
  )}\n`,
);
log(`wrote ${name}`);
