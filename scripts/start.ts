/**
 * `npm start`: builds the site and serves it as production does — the built Worker in workerd
 * (wrangler dev on dist/server) — on the embedded libSQL database under .data/, served over HTTP
 * by the local endpoint. PORT (default 4321) and LIBSQL_PORT override ports. Ctrl-C stops all.
 *   --no-build  serve the existing dist/ (used by tests and the benchmark)
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { ensureDevVars } from './lib/dev-vars';
import { banner, type LocalDatabase, localPortOf, startLocalDatabase, waitForHealth } from './lib/local-stack';

const log = (line: string) => console.log(`[start] ${line}`);
const port = Number(process.env.PORT ?? 4321);
const vars = ensureDevVars();

if (!process.argv.includes('--no-build')) {
  log('Building the portal…');
  const built = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

let database: LocalDatabase | null = null;
let worker: ChildProcess | null = null;
let stopping = false;

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (worker && worker.exitCode === null) {
      const exited = new Promise((resolve) => worker?.once('exit', resolve));
      worker.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (worker.exitCode === null) worker.kill('SIGKILL');
    }
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
  const args = [
    'dev',
    '--config', 'dist/server/wrangler.json',
    '--ip', '127.0.0.1',
    '--port', String(port),
    '--var', `TURSO_DATABASE_URL:${databaseUrl}`,
    '--var', 'ENVIRONMENT:development',
    '--show-interactive-dev-session=false',
    '--log-level', process.env.WRANGLER_LOG ?? 'warn',
  ];
  worker = spawn('wrangler', args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
  worker.on('exit', (code) => {
    if (!stopping) {
      log(`workerd exited (${code ?? 'signal'})`);
      void stop(code ?? 1);
    }
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl);
  console.log(banner(baseUrl));
} catch (err) {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  await stop(1);
}
