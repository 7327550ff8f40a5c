/**
 * Runs the built Worker (dist/server) in workerd through `wrangler dev`, as production runs it,
 * pointed at a libSQL URL. Shared by `npm start`, the built-Worker tests and the benchmark.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { LOCAL_MEDIA_DIR } from './database';

/** The image Worker's config: wrangler bundles it from source when the session starts. */
export const IMAGES_WORKER_CONFIG = resolve(import.meta.dirname, '../../workers/images/wrangler.jsonc');

export interface WorkerProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
  /** The last lines workerd wrote to stderr (quiet mode only). */
  errorTail(): string;
}

/** A free loopback port (the OS picks one). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Whether nothing listens on `port` at 127.0.0.1 (a listen that succeeds is closed at once). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolveFree(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
  });
}

/** `wanted` when it is free, else a free port chosen by the system. */
export async function portOrFree(wanted: number): Promise<number> {
  return (await portIsFree(wanted)) ? wanted : freePort();
}

export function startWorker(opts: {
  port: number;
  databaseUrl: string;
  vars?: Record<string, string>;
  quiet?: boolean;
  /** The built Worker's config; tests pass a private copy of dist/ so rebuilds cannot reload it. */
  configPath?: string;
  /** Port of wrangler's DevTools inspector (default: wrangler picks one, 9229 if free). */
  inspectorPort?: number | undefined;
  /**
   * Serve the image Worker beside the portal (default true). The benchmark's profiling run leaves it
   * out: with two Workers in the session, wrangler's one inspector target records no samples of the
   * portal's requests (decision 012). Uploads then fail; the benchmark makes none.
   */
  withImages?: boolean;
  /** Wrangler's local state (R2 objects): default .data/wrangler, as the seed writes it. */
  persistTo?: string;
}): WorkerProcess {
  // Links in mail, feeds and canonical URLs come from SITE_URL only: locally the served origin.
  const vars = {
    ENVIRONMENT: 'development',
    SITE_URL: `http://127.0.0.1:${opts.port}`,
    ...opts.vars,
    TURSO_DATABASE_URL: opts.databaseUrl,
  };
  const args = [
    'dev',
    '--config',
    opts.configPath ?? 'dist/server/wrangler.json',
    // The image Worker behind the portal's IMAGES binding (decision 019), in the same session.
    ...(opts.withImages === false ? [] : ['--config', IMAGES_WORKER_CONFIG]),
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--show-interactive-dev-session=false',
    '--persist-to',
    opts.persistTo ?? LOCAL_MEDIA_DIR,
    ...(opts.inspectorPort ? ['--inspector-port', String(opts.inspectorPort)] : []),
    '--log-level',
    process.env.WRANGLER_LOG ?? (opts.quiet ? 'error' : 'warn'),
    ...Object.entries(vars).flatMap(([key, value]) => ['--var', `${key}:${value}`]),
  ];
  const child = spawn(resolve('node_modules/.bin/wrangler'), args, {
    stdio: ['ignore', opts.quiet ? 'ignore' : 'inherit', opts.quiet ? 'pipe' : 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    detached: false,
  });
  // Quiet mode pipes stderr: always read it (a full pipe would block workerd once it logs a lot,
  // e.g. during a database outage) and keep the last lines for error messages.
  const tail: string[] = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    tail.push(...chunk.split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 40));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  return { url: `http://127.0.0.1:${opts.port}`, child, stop, errorTail: () => tail.join('\n') };
}
