/**
 * `npm start`: builds the site and serves it as production does — the built Worker in workerd
 * (wrangler dev on dist/server) — on the embedded libSQL database under .data/, served over HTTP
 * by the local endpoint. PORT (default 4321, or a free port when that one is taken) and LIBSQL_PORT
 * (default: the web port − 1, or a free port) set the ports, so a second copy can run beside the
 * first. The banner names both. Ctrl-C stops all.
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
import { portOrFree, startWorker, type WorkerProcess } from './lib/worker-process';

const log = (line: string) => console.log(`[start] ${line}`);
const DEFAULT_PORT = 4321;
const port = process.env.PORT ? Number(process.env.PORT) : await portOrFree(DEFAULT_PORT);
if (port !== DEFAULT_PORT && !process.env.PORT) log(`Port ${DEFAULT_PORT} is taken: serving on ${port}.`);
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
  // A local database URL (.dev.vars) is served by the local endpoint on a port that follows the web
  // port, so two copies never share one endpoint.
  const localPort = process.env.LIBSQL_PORT
    ? Number(process.env.LIBSQL_PORT)
    : localPortOf(databaseUrl) === null
      ? null
      : await portOrFree(port - 1);
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
  console.log(banner(worker.url, database?.url ?? null));
} catch (err) {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  await stop(1);
}
