/**
 * The benchmark's tables and aims: each page against the static asset (ratio of requests per
 * second), round trips per request, CPU per request by process, and growth between two catalogue
 * sizes. Figures are reported, never asserted.
 */
import type { Measurement, Mode } from './bench-measure';
import type { CpuRole } from './process-cpu';

export const AIMS = {
  /** Uncached pages (cold, the API, signed-in pages): at least this share of the static asset's req/s. */
  uncachedRatio: 1 / 3,
  /** Cached pages (warm). */
  cachedRatio: 3 / 4,
  /** Every page in one round trip, signed in or not (issue 17, decision 023). */
  maxRoundTrips: 1,
  /** ×static at the small catalogue over ×static at the large one. */
  maxGrowth: 1.5,
} as const;

/** One row of a size's table: a target's rounds combined. */
export interface Combined extends Measurement {
  /** req/s of each round (the row's `rps` is their median). */
  roundsRps: number[];
  /** Median over rounds of the page's req/s over the same round's static asset req/s. */
  ratio: number | null;
  /**
   * The static asset's CPU per request (all processes) over this page's: the ratio a machine whose
   * cores are all busy would give. Less sensitive than req/s to other work on a shared machine.
   */
  cpuRatio: number | null;
  aim: string;
}

export interface SizeRun {
  products: number;
  rounds: number;
  /** Median over rounds of the static asset's req/s (mean of its first and last run in a round). */
  staticRps: number;
  measurements: Combined[];
}

export interface GrowthRow {
  page: string;
  label: string;
  mode: Mode;
  small: GrowthSide;
  large: GrowthSide;
  /**
   * How many times slower the page is at the large catalogue: its ×static at the small size over
   * its ×static at the large size. Each size is compared with its own static asset (whose cost does
   * not depend on the catalogue), so a change in the machine's load between the two runs cancels.
   */
  growth: number | null;
  /** The same from ×static CPU. */
  cpuGrowth: number | null;
  aim: string;
}

interface GrowthSide {
  products: number;
  rps: number;
  p50: number;
  roundTrips: number | null;
  dbMs: number | null;
  /** CPU ms per request, all processes. */
  cpuMs: number;
}

export function ratioAim(m: Measurement, ratio: number | null): string {
  const notes: string[] = [];
  if (m.mode !== 'static' && ratio !== null) {
    const aim = m.mode === 'warm' ? AIMS.cachedRatio : AIMS.uncachedRatio;
    notes.push(ratio >= aim ? 'ok' : `below ${m.mode === 'warm' ? '3/4' : '1/3'}`);
  }
  if (m.maxRoundTrips !== null && m.maxRoundTrips > AIMS.maxRoundTrips)
    notes.push(`${m.maxRoundTrips} trips`);
  if (m.non2xx > 0 || m.errors > 0) notes.push(`${m.non2xx} non-2xx, ${m.errors} errors`);
  return notes.join(', ') || '–';
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const medianOrNull = (values: Array<number | null>): number | null => {
  const present = values.filter((v): v is number => v !== null);
  return present.length > 0 ? median(present) : null;
};
export const cpuSum = (m: Pick<Measurement, 'cpuMsPerRequest'>): number =>
  Object.values(m.cpuMsPerRequest).reduce((a, b) => a + (b ?? 0), 0);

/** Combines the rounds of one size: medians per target, ratios to the static asset of the same round. */
export function summarise(products: number, rounds: Measurement[][]): SizeRun {
  const staticOf = (round: Measurement[]) => {
    const statics = round.filter((m) => m.mode === 'static');
    return statics.reduce((sum, m) => sum + m.rps, 0) / Math.max(1, statics.length);
  };
  const staticCpu = (() => {
    const statics = rounds.flat().filter((m) => m.mode === 'static');
    const requests = statics.reduce((n, m) => n + m.requests, 0);
    return statics.reduce((sum, m) => sum + cpuSum(m) * m.requests, 0) / Math.max(1, requests);
  })();
  const key = (m: Measurement) => `${m.page}|${m.mode}|${m.label}`;
  const measurements = (rounds[0] ?? []).map((first): Combined => {
    const runs = rounds.flatMap((round) => {
      const m = round.find((x) => key(x) === key(first));
      return m ? [{ m, staticRps: staticOf(round) }] : [];
    });
    const all = runs.map((r) => r.m);
    const requests = all.reduce((n, m) => n + m.requests, 0);
    const cpuMsPerRequest: Measurement['cpuMsPerRequest'] = {};
    for (const m of all) {
      for (const [role, ms] of Object.entries(m.cpuMsPerRequest) as Array<
        [keyof typeof cpuMsPerRequest, number]
      >) {
        cpuMsPerRequest[role] = (cpuMsPerRequest[role] ?? 0) + (ms * m.requests) / Math.max(1, requests);
      }
    }
    const combined: Measurement = {
      ...first,
      rps: median(all.map((m) => m.rps)),
      p50: median(all.map((m) => m.p50)),
      p99: median(all.map((m) => m.p99)),
      requests,
      non2xx: all.reduce((n, m) => n + m.non2xx, 0),
      errors: all.reduce((n, m) => n + m.errors, 0),
      timeouts: all.reduce((n, m) => n + m.timeouts, 0),
      roundTrips: medianOrNull(all.map((m) => m.roundTrips)),
      maxRoundTrips:
        medianOrNull(all.map((m) => m.maxRoundTrips)) === null
          ? null
          : Math.max(...all.map((m) => m.maxRoundTrips ?? 0)),
      dbMs: medianOrNull(all.map((m) => m.dbMs)),
      totalMs: medianOrNull(all.map((m) => m.totalMs)),
      cache: [...new Set(all.flatMap((m) => m.cache))],
      cpuMsPerRequest,
    };
    const ratio = medianOrNull(runs.map((r) => (r.staticRps > 0 ? r.m.rps / r.staticRps : null)));
    const cpu = cpuSum(combined);
    return {
      ...combined,
      roundsRps: all.map((m) => m.rps),
      ratio,
      cpuRatio: cpu > 0 && staticCpu > 0 ? staticCpu / cpu : null,
      aim: ratioAim(combined, ratio),
    };
  });
  return { products, rounds: rounds.length, staticRps: median(rounds.map(staticOf)), measurements };
}

export function growthRows(small: SizeRun, large: SizeRun): GrowthRow[] {
  const rows: GrowthRow[] = [];
  for (const a of small.measurements) {
    if (a.mode === 'static') continue;
    const b = large.measurements.find((m) => m.page === a.page && m.mode === a.mode);
    if (!b) continue;
    const growth = a.ratio !== null && b.ratio ? a.ratio / b.ratio : null;
    const pick = (m: Measurement, products: number): GrowthSide => ({
      products,
      rps: m.rps,
      p50: m.p50,
      roundTrips: m.roundTrips,
      dbMs: m.dbMs,
      cpuMs: cpuSum(m),
    });
    rows.push({
      page: a.page,
      label: a.label,
      mode: a.mode,
      small: pick(a, small.products),
      large: pick(b, large.products),
      growth,
      cpuGrowth: a.cpuRatio !== null && b.cpuRatio ? a.cpuRatio / b.cpuRatio : null,
      aim: growth === null ? '–' : growth <= AIMS.maxGrowth ? 'ok' : 'above 1.5×',
    });
  }
  return rows;
}

const num = (value: number | null | undefined, digits = 0) =>
  value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);

/** Plain-text table; numbers right-aligned, the columns in `left` (page, mode, notes) left-aligned. */
function table(head: string[], rows: string[][], left: number[] = [0, 1, head.length - 1]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (left.includes(i) ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function formatRun(run: SizeRun): string {
  const rows = run.measurements.map((m) => [
    m.label,
    m.mode,
    num(m.rps),
    num(m.p50),
    num(m.p99),
    num(m.ratio, 2),
    num(m.cpuRatio, 2),
    m.roundTrips === null ? '–' : `${m.roundTrips}`,
    num(m.dbMs, 1),
    num(m.totalMs, 1),
    m.aim,
  ]);
  return table(
    [
      'page',
      'mode',
      'req/s',
      'p50 ms',
      'p99 ms',
      '×static',
      '×static CPU',
      'trips',
      'db ms',
      'total ms',
      'against the aims',
    ],
    rows,
  );
}

const ROLES: Array<[CpuRole, string]> = [
  ['worker', 'Worker (workerd)'],
  ['proxy', 'wrangler proxy (workerd)'],
  ['wrangler', 'wrangler (node)'],
  ['database', 'libSQL endpoint'],
  ['loadgen', 'autocannon'],
];

export function formatCpu(run: SizeRun): string {
  const rows = run.measurements.map((m) => [
    m.label,
    m.mode,
    ...ROLES.map(([role]) => num(m.cpuMsPerRequest[role], 2)),
    num(cpuSum(m), 2),
  ]);
  return table(['page', 'mode', ...ROLES.map(([, label]) => label), 'sum'], rows, [0, 1]);
}

export function formatGrowth(rows: GrowthRow[]): string {
  const first = rows[0];
  const s = first ? first.small.products.toLocaleString('en') : 'small';
  const l = first ? first.large.products.toLocaleString('en') : 'large';
  return table(
    [
      'page',
      'mode',
      `req/s ${s}`,
      `req/s ${l}`,
      'growth ×',
      'CPU growth ×',
      `p50 ${s}`,
      `p50 ${l}`,
      'trips',
      `db ms ${s}`,
      `db ms ${l}`,
      'aim ≤ 1.5×',
    ],
    rows.map((r) => [
      r.label,
      r.mode,
      num(r.small.rps),
      num(r.large.rps),
      num(r.growth, 2),
      num(r.cpuGrowth, 2),
      num(r.small.p50),
      num(r.large.p50),
      `${num(r.small.roundTrips)}/${num(r.large.roundTrips)}`,
      num(r.small.dbMs, 1),
      num(r.large.dbMs, 1),
      r.aim,
    ]),
  );
}
