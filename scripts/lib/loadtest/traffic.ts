/**
 * Figures and checks of the load test's traffic: per action counts, statuses and latency
 * percentiles; the database outage window (what requests got while the endpoint was down, how long
 * they took) and the recovery time after the endpoint came back.
 */
import type { Check } from './checks';
import type { Action, Sample } from './clients';

export interface Stats {
  requests: number;
  statuses: Record<string, number>;
  p50: number;
  p99: number;
  max: number;
  /** Server-Timing of the answers that carry it: time in the Worker, time waiting for the database. */
  worker: { p50: number; p99: number };
  db: { p50: number; p99: number };
}

export interface OutageWindow {
  /** ms since the run started: stop asked, endpoint down, restart asked, endpoint serving */
  stopAt: number;
  downAt: number;
  restartAt: number;
  upAt: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

function spread(values: number[]) {
  const sorted = values.sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)) };
}

export function stats(samples: Sample[]): Stats {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const s of samples) statuses[String(s.status)] = (statuses[String(s.status)] ?? 0) + 1;
  return {
    requests: samples.length,
    statuses,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? 0),
    worker: spread(samples.flatMap((s) => (s.workerMs === undefined ? [] : [s.workerMs]))),
    db: spread(samples.flatMap((s) => (s.dbMs === undefined ? [] : [s.dbMs]))),
  };
}

export function byAction(samples: Sample[]): Record<string, Stats> {
  const groups = new Map<Action, Sample[]>();
  for (const s of samples) groups.set(s.action, [...(groups.get(s.action) ?? []), s]);
  return Object.fromEntries(
    [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([a, list]) => [a, stats(list)]),
  );
}

const overlaps = (s: Sample, w: OutageWindow) => s.start < w.upAt && s.start + s.ms > w.stopAt;
const isApi = (s: Sample) => s.path.startsWith('/api/');
const describe = (s: Sample) =>
  `${s.method} ${s.path} → ${s.status || s.error} in ${Math.round(s.ms)} ms at ${(s.start / 1000).toFixed(1)} s`;

export function outageFigures(samples: Sample[], health: Sample[], w: OutageWindow | null) {
  if (!w) return null;
  const during = samples.filter((s) => s.start >= w.downAt && s.start < w.restartAt);
  const firstHealthy = health.find((s) => s.start >= w.upAt && s.status === 200);
  const firstWrite = samples.find(
    (s) => s.start >= w.upAt && s.method !== 'GET' && s.status >= 200 && s.status < 300,
  );
  const late503 = samples.filter((s) => s.start >= w.upAt && s.status === 503);
  return {
    downForMs: round(w.upAt - w.downAt),
    window: {
      stopAt: round(w.stopAt),
      downAt: round(w.downAt),
      restartAt: round(w.restartAt),
      upAt: round(w.upAt),
    },
    requestsDuring: stats(during),
    answered503: during.filter((s) => s.status === 503).length,
    servedFromCache: during.filter((s) => s.cache === 'HIT').length,
    /** From the endpoint serving again to the first healthy answer / acknowledged write. */
    recoveryMs: firstHealthy ? round(firstHealthy.start + firstHealthy.ms - w.upAt) : null,
    firstWriteAfterMs: firstWrite ? round(firstWrite.start + firstWrite.ms - w.upAt) : null,
    /** 503s of requests sent after the endpoint was back. */
    late503: late503.length,
  };
}

export function trafficChecks(
  samples: Sample[],
  health: Sample[],
  w: OutageWindow | null,
  opts: { databaseTimeoutMs: number; slackMs: number },
): Check[] {
  const all = [...samples, ...health];
  const outside = w ? all.filter((s) => !overlaps(s, w)) : all;
  const inside = w ? all.filter((s) => overlaps(s, w)) : [];
  const checks: Check[] = [];
  const bad = outside.filter((s) => s.status >= 500 || s.status === 0);
  checks.push({
    name: 'no 5xx and no unanswered request outside the outage',
    ok: bad.length === 0,
    detail: `${outside.length} requests`,
    violations: bad.slice(0, 10).map(describe),
  });
  if (!w) return checks;
  const wrong = inside.filter((s) => {
    if (s.status === 0 || (s.status >= 500 && s.status !== 503)) return true;
    if (s.status !== 503) return false;
    // The API answers problem+json; its health check keeps its own JSON shape.
    const type = isApi(s)
      ? s.action === 'health'
        ? 'application/json'
        : 'application/problem+json'
      : 'text/html';
    const typeOk = s.type.startsWith(type);
    return !typeOk || s.retryAfter === null;
  });
  checks.push({
    name: 'during the outage: 503 problem+json (API) or the 503 page (pages) with Retry-After, never 500',
    ok: wrong.length === 0,
    detail: `${inside.length} requests overlapped the outage, ${inside.filter((s) => s.status === 503).length} answered 503`,
    violations: wrong.slice(0, 10).map((s) => `${describe(s)} (${s.type}, retry-after ${s.retryAfter})`),
  });
  // On a saturated machine every request queues; the outage may add one database timeout to that,
  // never more (a hang would).
  const usual = percentile(
    outside.map((s) => s.ms).sort((a, b) => a - b),
    99,
  );
  const budget = Math.round(opts.databaseTimeoutMs + opts.slackMs + usual);
  const slow = inside.filter((s) => s.ms > budget);
  checks.push({
    name: `during the outage no request waits longer than the database timeout (${opts.databaseTimeoutMs} ms) + ${opts.slackMs} ms beyond the run's usual p99`,
    ok: slow.length === 0,
    detail: `slowest ${Math.round(Math.max(0, ...inside.map((s) => s.ms)))} ms; budget ${budget} ms (p99 outside the outage ${Math.round(usual)} ms)`,
    violations: slow.slice(0, 10).map(describe),
  });
  // Recovered: the first health check sent after the restart is healthy (and, checked above, no
  // request sent after the restart got a 5xx).
  const firstProbe = health.find((s) => s.start >= w.upAt);
  const healthy = health.find((s) => s.start >= w.upAt && s.status === 200);
  const recovery = healthy ? healthy.start + healthy.ms - w.upAt : null;
  checks.push({
    name: 'recovers by itself: the first health check sent after the restart answers 200',
    ok: firstProbe?.status === 200,
    detail:
      recovery === null
        ? 'never healthy again'
        : `healthy answer ${Math.round(recovery)} ms after the restart`,
    violations:
      firstProbe?.status === 200
        ? []
        : [firstProbe ? describe(firstProbe) : 'no health check after the restart'],
  });
  return checks;
}
