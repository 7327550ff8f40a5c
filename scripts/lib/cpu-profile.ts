/**
 * CPU profiles for the benchmark: of the Worker in workerd, through wrangler's DevTools inspector
 * (Chrome DevTools Protocol, `Profiler.start`/`stop`), and a summary of any V8 profile — also the
 * libSQL endpoint's `--cpu-prof` files — as self time per function and per package or portal
 * folder (astro, drizzle-orm, @libsql/…, zod, hono, portal functions/ and src/, the runtime).
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join } from 'node:path';

/** The V8 CPU profile format (DevTools and `node --cpu-prof` alike). */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }>;
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileLine {
  name: string;
  samples: number;
  /** Share of the samples outside idle time. */
  share: number;
}

export interface ProfileSummary {
  /** Samples outside idle time. */
  samples: number;
  /** Self time by part of the code. */
  areas: ProfileLine[];
  /** The functions with most self time. */
  functions: ProfileLine[];
}

/** Starts the profiler on the Worker, runs `during`, stops it and returns the profile. */
export async function profileWorker(inspectorPort: number, during: () => Promise<void>): Promise<CpuProfile> {
  const list = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as Array<{
    webSocketDebuggerUrl: string;
  }>;
  const url = list[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error('the Worker has no inspector target');
  // wrangler's inspector proxy wants an Origin it trusts; Node's WebSocket (undici) takes headers.
  const ws = new WebSocket(url, { headers: { origin: 'http://localhost' } } as unknown as string[]);
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true });
    ws.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)), { once: true });
  });
  let nextId = 1;
  const pending = new Map<number, (result: unknown) => void>();
  ws.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  try {
    await send('Profiler.enable');
    await send('Profiler.setSamplingInterval', { interval: 200 });
    await send('Profiler.start');
    await during();
    const result = (await send('Profiler.stop')) as { profile: CpuProfile };
    return result.profile;
  } finally {
    ws.close();
  }
}

/** The package or portal folder of an original source path (from the bundle's source maps). */
function areaOfSource(source: string): string {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (inModules) return inModules[1] ?? 'node_modules';
  const own = /(?:^|\/)(functions|src|scripts)\//.exec(source);
  if (own) return `portal ${own[1]}/`;
  if (source.startsWith('node:')) return 'Node.js';
  return 'code without a source map';
}

/** Maps a frame of the bundle to its original source, with the source maps next to the bundle. */
function sourceMapper(root: string | undefined) {
  const maps = new Map<string, SourceMap | null>();
  return (url: string, line: number, column: number): { source: string; line: number } | null => {
    if (!root || url === '') return null;
    let map = maps.get(url);
    if (map === undefined) {
      try {
        map = new SourceMap(
          JSON.parse(readFileSync(join(root, `${url.replace(/^file:\/\//, '')}.map`), 'utf8')),
        );
      } catch {
        map = null;
      }
      maps.set(url, map);
    }
    const entry = map?.findEntry(line, column);
    if (!entry || !('originalSource' in entry)) return null;
    return { source: entry.originalSource, line: entry.originalLine + 1 };
  };
}

/**
 * Self time per function and per package or portal folder, counted in samples: under a loaded
 * machine the time between two samples includes the time the thread waited for a core, so each
 * sample counts as the profile's median interval instead. `sourceRoot` is the folder the profile's
 * script URLs are relative to (dist/server for the Worker): frames are mapped through the source
 * maps there to their original files.
 */
export function summariseProfile(profile: CpuProfile, opts: { sourceRoot?: string; top?: number } = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map<number, number>();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  const original = sourceMapper(opts.sourceRoot);
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  let total = 0;
  for (const [id, n] of counts) {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    total += n;
    const mapped = original(frame.url, frame.lineNumber, frame.columnNumber);
    const file = mapped ? mapped.source.replace(/^.*node_modules\//, '') : frame.url;
    const line = mapped ? mapped.line : frame.lineNumber + 1;
    const name = `${frame.functionName || '(anonymous)'}${file ? ` ${file}:${line}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + n);
    const area =
      frame.url === ''
        ? frame.functionName === '(garbage collector)'
          ? 'garbage collection'
          : frame.functionName === '(program)'
            ? '(program: V8 and runtime)'
            : 'runtime built-ins (fetch, URL, JSON…)'
        : mapped
          ? areaOfSource(mapped.source)
          : areaOfSource(frame.url);
    areas.set(area, (areas.get(area) ?? 0) + n);
  }
  const lines = (map: Map<string, number>, n: number): ProfileLine[] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, samples]) => ({
        name,
        samples,
        share: total > 0 ? samples / total : 0,
      }));
  return {
    samples: total,
    areas: lines(areas, 12),
    functions: lines(functions, opts.top ?? 12),
  } satisfies ProfileSummary;
}

export function formatProfile(title: string, summary: ProfileSummary): string {
  const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)}%`;
  return [
    `${title} — ${summary.samples} samples (idle excluded)`,
    '  self time by package or portal folder:',
    ...summary.areas.map((l) => `    ${pct(l.share)}  ${l.name}`),
    '  functions with most self time:',
    ...summary.functions.map((l) => `    ${pct(l.share)}  ${l.name}`),
  ].join('\n');
}
