/**
 * The API's OpenAPI document (what /api/v1/openapi.json serves) built in-process from the route
 * schemas, without a database or a server; and the TypeScript types openapi-typescript generates
 * from it (test/generated/opc-api.ts, used by the typed client test against the built Worker).
 */
import { createClient } from '@libsql/client';
import openapiTS, { astToString } from 'openapi-typescript';
import { createApp } from '~/functions/app';
import { createPasswordHasher } from '~/functions/auth/password';
import { configFromEnv, parseEnv } from '~/functions/config';
import { loadCatalogFromDisk } from '~/functions/content/load-node';
import { systemClock } from '~/functions/lib/clock';
import { localImages } from '~/functions/services/media/process-upload';

export const GENERATED_TYPES_FILE = 'test/generated/opc-api.ts';

export async function openApiDocument(siteUrl = 'https://opc.example.cn'): Promise<Record<string, unknown>> {
  const config = configFromEnv(
    parseEnv({
      ENVIRONMENT: 'test',
      TURSO_DATABASE_URL: ':memory:',
      PASSWORD_PEPPER: 'openapi-document-only',
      SITE_URL: siteUrl,
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
  return (await res.json()) as Record<string, unknown>;
}

/** The client types of a document, as openapi-typescript writes them (with a header of ours). */
export async function clientTypes(doc: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(doc as never);
  return `/* Generated from the OpenAPI document by openapi-typescript: npm run api:types. Do not edit. */\n${astToString(ast)}`;
}
