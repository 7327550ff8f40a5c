/**
 * One measurement of the benchmark: a Server-Timing sample of the target, unloaded (sequential
 * requests: round trips, db and total time, cache state), then a short unrecorded warm-up and the
 * recorded autocannon run (requests per second, p50, p99).
 *
 * Cold targets bypass the page cache with a query parameter unique per request
 * (`_bench=[<id>]`, autocannon's idReplacement): every request is a cache miss that renders the
 * page and stores it, as a first visit does; the pages ignore parameters they do not know. Warm
 * targets repeat one URL that was primed into the cache.
 */
import autocannon from 'autocannon';
import { type CpuSnapshot, cpuPerRequest } from './process-cpu';

export type Mode = 'static' | 'cold' | 'warm' | 'uncached';

export interface Target {
  /** Stable key in the JSON, e.g. `home`, `search-api`. */
  page: string;
  label: string;
  path: string;
  mode: Mode;
  /** Request headers; several sets are used in turn (e.g. the cookies of several sessions). */
  headers?: Record<string, string>[];
}

export interface TimingSample {
  /** Median and maximum round trips per request (from Server-Timing `db;desc`). */
  roundTrips: number | null;
  maxRoundTrips: number | null;
  /** Medians in ms of Server-Timing `db;dur` and `total;dur`. */
  dbMs: number | null;
  totalMs: number | null;
  /** `x-cache` answers seen in the sample (HIT, MISS or none). */
  cache: string[];
}

export interface Measurement extends Target, TimingSample {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationS: number;
  connections: number;
  /** CPU ms per request of each process (see process-cpu.ts). */
  cpuMsPerRequest: CpuSnapshot;
}

export interface MeasureOptions {
  baseUrl: string;
  connections: number;
  durationS: number;
  warmupS: number;
  /** Run autocannon in worker threads (so it does not share the event loop of this process). */
  workers?: number;
  samples?: number;
  /** Reads the CPU time of the processes involved, around the recorded run. */
  cpu?: () => CpuSnapshot;
}

const BYPASS = '_bench=[<id>]';

function withBypass(path: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}${BYPASS}`;
}

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? null;
};

/** Parses `cache;desc="hit", db;dur=3.2;desc="1 round trip", total;dur=9.8`. */
export function parseServerTiming(header: string | null): {
  roundTrips?: number;
  dbMs?: number;
  totalMs?: number;
} {
  const out: { roundTrips?: number; dbMs?: number; totalMs?: number } = {};
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().split(';');
    const param = (key: string) =>
      params
        .map((p) => p.trim())
        .find((p) => p.startsWith(`${key}=`))
        ?.slice(key.length + 1);
    const dur = Number(param('dur'));
    if (name === 'db') {
      out.dbMs = dur;
      const trips = /(\d+) round trip/.exec(param('desc') ?? '');
      if (trips) out.roundTrips = Number(trips[1]);
    } else if (name === 'total') {
      out.totalMs = dur;
    }
  }
  return out;
}

/** Sequential requests without load: what Server-Timing says and whether the answer is right. */
export async function sampleTiming(baseUrl: string, target: Target, samples: number): Promise<TimingSample> {
  const trips: number[] = [];
  const db: number[] = [];
  const total: number[] = [];
  const cache: string[] = [];
  for (let i = 0; i < samples; i++) {
    const path =
      target.mode === 'cold' ? withBypass(target.path).replace('[<id>]', `s${Date.now()}${i}`) : target.path;
    const headers = target.headers?.[i % target.headers.length] ?? {};
    const res = await fetch(baseUrl + path, { headers, redirect: 'manual' });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${target.label}: GET ${path} answered ${res.status}`);
    const timing = parseServerTiming(res.headers.get('server-timing'));
    if (timing.roundTrips !== undefined) trips.push(timing.roundTrips);
    if (timing.dbMs !== undefined) db.push(timing.dbMs);
    if (timing.totalMs !== undefined) total.push(timing.totalMs);
    cache.push(res.headers.get('x-cache') ?? 'none');
  }
  return {
    roundTrips: median(trips),
    maxRoundTrips: trips.length > 0 ? Math.max(...trips) : null,
    dbMs: median(db),
    totalMs: median(total),
    cache: [...new Set(cache)],
  };
}

function run(opts: MeasureOptions, target: Target, durationS: number): Promise<autocannon.Result> {
  const cold = target.mode === 'cold';
  const path = cold ? withBypass(target.path) : target.path;
  return autocannon({
    url: opts.baseUrl + path,
    connections: opts.connections,
    duration: durationS,
    // autocannon cycles through the requests on each connection.
    requests: (target.headers ?? [{}]).map((headers) => ({ method: 'GET', path, headers })),
    idReplacement: cold,
    ...(opts.workers ? { workers: opts.workers } : {}),
  });
}

export async function measure(opts: MeasureOptions, target: Target): Promise<Measurement> {
  if (target.mode === 'warm') {
    // Prime the cache: the first request is a miss that stores the page.
    const res = await fetch(opts.baseUrl + target.path);
    await res.arrayBuffer();
  }
  const timing = await sampleTiming(opts.baseUrl, target, opts.samples ?? 10);
  if (target.mode === 'warm' && (timing.cache.length !== 1 || timing.cache[0] !== 'HIT')) {
    throw new Error(`${target.label}: expected cache hits when warm, saw ${timing.cache.join(', ')}`);
  }
  if (target.mode === 'cold' && timing.cache.includes('HIT')) {
    throw new Error(`${target.label}: a cold request was answered from the cache`);
  }
  if (opts.warmupS > 0) await run(opts, target, opts.warmupS);
  const before = opts.cpu?.() ?? {};
  const result = await run(opts, target, opts.durationS);
  const after = opts.cpu?.() ?? {};
  return {
    ...target,
    ...timing,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationS: opts.durationS,
    connections: opts.connections,
    cpuMsPerRequest: cpuPerRequest(before, after, result.requests.total),
  };
}
