/**
 * `npm start`: builds the site and serves it as production does — the built Worker in workerd
 * (wrangler dev on dist/server) — on the embedded libSQL database under .data/, served over HTTP
 * by the local endpoint. PORT (default 4321) and LIBSQL_PORT override ports. Ctrl-C stops all.
 *   --no-build  serve the existing dist/ (used by tests and the benchmark)
 */
import { spawnSync } from 'node:child_process';
import { ensureDevVars } from './lib/dev-vars';
import {
  banner,
  type LocalDatabase,
  localPortOf,
  startLocalDatabase,
  waitForHealth,
} from './lib/local-stack';
import { startWorker, type WorkerProcess } from './lib/worker-process';

const log = (line: string) => console.log(`[start] ${line}`);
const port = Number(process.env.PORT ?? 4321);
const vars = ensureDevVars();

if (!process.argv.includes('--no-build')) {
  log('Building the portal…');
  const built = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

let database: LocalDatabase | null = null;
let worker: WorkerProcess | null = null;
let stopping = false;

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await worker?.stop();
    await database?.close();
  }
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  let databaseUrl = vars.TURSO_DATABASE_URL ?? '';
  const localPort = process.env.LIBSQL_PORT ? Number(process.env.LIBSQL_PORT) : localPortOf(databaseUrl);
  if (localPort !== null) {
    database = await startLocalDatabase({ port: localPort, vars, log });
    databaseUrl = database.url;
    log(`libSQL endpoint on ${databaseUrl}`);
  } else {
    log(`Using the remote database ${databaseUrl} (no local seeding).`);
  }
  worker = startWorker({ port, databaseUrl });
  worker.child.on('exit', (code) => {
    if (!stopping) {
      log(`workerd exited (${code ?? 'signal'})`);
      void stop(code ?? 1);
    }
  });
  await waitForHealth(worker.url);
  console.log(banner(worker.url));
} catch (err) {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  await stop(1);
}
