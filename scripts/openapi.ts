/**
 * Writes the API's OpenAPI document (the one /api/v1/openapi.json serves) to a file, without a
 * database or a server: the document is built from the route schemas alone.
 *   npm run api:doc                      → .ci/out/openapi.json
 *   npm run api:lint                     → the document, then `redocly lint` with redocly.yaml
 *   tsx scripts/openapi.ts <file>        → another path
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient } from '@libsql/client';
import { createApp } from '~/functions/app';
import { createPasswordHasher } from '~/functions/auth/password';
import { configFromEnv, parseEnv } from '~/functions/config';
import { loadCatalogFromDisk } from '~/functions/content/load-node';
import { systemClock } from '~/functions/lib/clock';
import { localImages } from '~/functions/services/media/process-upload';

const out = process.argv[2] ?? '.ci/out/openapi.json';
const config = configFromEnv(
  parseEnv({
    ENVIRONMENT: 'test',
    TURSO_DATABASE_URL: ':memory:',
    PASSWORD_PEPPER: 'openapi-document-only',
    SITE_URL: process.env.SITE_URL ?? 'https://opc.example.cn',
  }),
);
const app = createApp({
  connect: () => createClient({ url: ':memory:' }),
  catalog: loadCatalogFromDisk(),
  clock: systemClock,
  config,
  hasher: createPasswordHasher(config.passwordPepper),
  media: {
    get: async () => null,
    head: async () => null,
    put: async () => {},
    delete: async () => {},
  } as never,
  images: localImages,
});
const res = await app.request('/api/v1/openapi.json');
if (res.status !== 200) throw new Error(`openapi.json answered ${res.status}: ${await res.text()}`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(await res.json(), null, 2)}\n`);
console.log(`wrote ${out}`);
