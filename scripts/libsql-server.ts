// Local libSQL endpoint for `@libsql/client/web` (astro dev, wrangler dev, workerd tests).
// Usage: tsx scripts/libsql-server.ts --file .data/portal.db --port 8080 [--host 127.0.0.1]
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { startLibsqlServer } from './lib/libsql-server.ts';

const { values } = parseArgs({
  options: {
    file: { type: 'string', default: '.data/portal.db' },
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '8080' },
  },
});

const file = values.file;
mkdirSync(dirname(file), { recursive: true });
const server = await startLibsqlServer({
  file,
  host: values.host,
  port: Number(values.port),
  onError: (err) => console.error('libsql-server:', err),
});
console.log(`libSQL (Hrana over HTTP) on ${server.url}, database ${file}`);

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  console.log(`libsql-server: ${signal}, closing`);
  server.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
