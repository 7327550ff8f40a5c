/**
 * `npm run dev`: the same portal with hot reload. `astro dev` runs the server code inside workerd
 * (the Cloudflare Vite plugin), talking to the same local libSQL endpoint as `npm start`.
 */
import { spawn } from 'node:child_process';
import { ensureDevVars } from './lib/dev-vars';
import { type LocalDatabase, localPortOf, startLocalDatabase } from './lib/local-stack';

const log = (line: string) => console.log(`[dev] ${line}`);
const vars = ensureDevVars();
const localPort = localPortOf(vars.TURSO_DATABASE_URL);
let database: LocalDatabase | null = null;
if (localPort !== null) {
  // The Worker reads TURSO_DATABASE_URL from .dev.vars, so the endpoint listens on that URL's port.
  database = await startLocalDatabase({ port: localPort, vars, log });
  log(`libSQL endpoint on ${database.url}`);
}

const port = process.env.PORT ?? '4321';
const astro = spawn('astro', ['dev', '--host', '127.0.0.1', '--port', port], { stdio: 'inherit' });
const stop = async (code: number) => {
  if (astro.exitCode === null) astro.kill('SIGTERM');
  await database?.close();
  process.exit(code);
};
astro.on('exit', (code) => void stop(code ?? 0));
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
