/**
 * A private copy of the whole local stack for tests and measurement tools (the Worker tests, the
 * benchmark, Lighthouse, the load test): a copy of the built dist/ (a rebuild during the run cannot
 * reload this Worker), a fresh database file in a temp folder — migrated and seeded with the demo
 * content, then whatever `prepare` adds — served by the local libSQL endpoint, and the built Worker
 * in workerd on a free port. `stop()` removes everything.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLibsqlServer } from './libsql-server';
import { type LocalDatabase, startLocalDatabase, waitForHealth } from './local-stack';
import { freePort, startWorker, type WorkerProcess } from './worker-process';

export interface PrivateStack {
  /** The portal's base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  /** The database file (open it with `file:` for direct reads and writes). */
  file: string;
  /** The libSQL endpoint's URL the Worker talks to. */
  databaseUrl: string;
  /** The private copy of the built Worker's wrangler config (to start a second Worker on it). */
  configPath: string;
  dir: string;
  worker: WorkerProcess;
  /** Stops the libSQL endpoint (the Worker keeps running): the database is unreachable. */
  stopDatabase(): Promise<void>;
  /** Starts the endpoint again on the same port and file. */
  startDatabase(): Promise<void>;
  stop(): Promise<void>;
}

/** Runs `npm run build` (under a lock, so concurrent builds in one checkout do not collide). */
export function buildPortal(): void {
  const build = spawnSync('flock', ['/tmp/opc-build.lock', 'npm', 'run', '--silent', 'build'], {
    encoding: 'utf8',
  });
  if (build.error || build.status !== 0) {
    // flock may be missing on some machines: build without the lock.
    const plain = build.error ? spawnSync('npm', ['run', '--silent', 'build'], { encoding: 'utf8' }) : build;
    if (plain.status !== 0) throw new Error(`build failed:\n${plain.stdout}\n${plain.stderr}`);
  }
}

export async function startPrivateStack(opts: {
  vars: Record<string, string>;
  /** Build first (default: use the existing dist/). */
  build?: boolean;
  /** Runs on the seeded file before the endpoint serves it (e.g. a larger catalogue, sessions). */
  prepare?: (file: string) => Promise<void>;
  /** Show workerd's output (default: quiet). */
  verbose?: boolean;
  prefix?: string;
}): Promise<PrivateStack> {
  if (opts.build) buildPortal();
  const dir = mkdtempSync(join(tmpdir(), opts.prefix ?? 'opc-stack-'));
  cpSync('dist', join(dir, 'dist'), { recursive: true });
  const configPath = join(dir, 'dist/server/wrangler.json');
  const file = join(dir, 'portal.db');
  const dbPort = await freePort();
  let database: LocalDatabase | null = await startLocalDatabase({ file, port: dbPort, vars: opts.vars });
  if (opts.prepare) {
    await database.close();
    await opts.prepare(file);
    const server = await startLibsqlServer({ file, host: '127.0.0.1', port: dbPort });
    database = { url: server.url, close: () => server.close() };
  }
  const databaseUrl = database.url;
  const worker = startWorker({
    port: await freePort(),
    databaseUrl,
    vars: opts.vars,
    quiet: !opts.verbose,
    configPath,
  });
  await waitForHealth(worker.url, 90_000);
  return {
    url: worker.url,
    file,
    databaseUrl,
    configPath,
    dir,
    worker,
    async stopDatabase() {
      await database?.close();
      database = null;
    },
    async startDatabase() {
      if (database) return;
      const server = await startLibsqlServer({ file, host: '127.0.0.1', port: dbPort });
      database = { url: server.url, close: () => server.close() };
    },
    async stop() {
      await worker.stop();
      await database?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
