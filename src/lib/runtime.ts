/**
 * The Worker's dependencies, built once per isolate: the validated env, one libSQL web client
 * (Turso in production, the local endpoint otherwise; the same code), the catalog from the content
 * collections, the clock and the Hono app. Pages and the API share them.
 */

import { getCollection } from 'astro:content';
import { env } from 'cloudflare:workers';
import { createClient } from '@libsql/client/web';
import { createApp } from '~/functions/app';
import { createPasswordHasher } from '~/functions/auth/password';
import { configFromEnv, parseEnv } from '~/functions/config';
import { type Catalog, createCatalog } from '~/functions/content/catalog';
import type { AppDeps } from '~/functions/context';
import { databaseFetch } from '~/functions/db/availability';
import { clockFromEnv } from '~/functions/lib/clock';

export interface Runtime {
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
}

let runtime: Promise<Runtime> | undefined;

async function loadCatalog(): Promise<Catalog> {
  const [communities, contests, pages, vouchers] = await Promise.all([
    getCollection('communities'),
    getCollection('contests'),
    getCollection('pages'),
    getCollection('vouchers'),
  ]);
  return createCatalog({
    communities: communities.map((e) => ({ ...e.data, slug: e.id })),
    contests: contests.map((e) => ({ ...e.data, slug: e.id })),
    pages: pages.map((e) => ({ ...e.data, slug: e.id })),
    vouchers: vouchers.map((e) => ({ ...e.data, slug: e.id })),
  });
}

async function build(): Promise<Runtime> {
  const parsed = parseEnv(env as unknown as Record<string, unknown>);
  const url = parsed.TURSO_DATABASE_URL;
  // Every round trip has a deadline (decision 014): a hanging database cannot hang a request.
  const fetch = databaseFetch();
  const settings = parsed.TURSO_AUTH_TOKEN
    ? { url, authToken: parsed.TURSO_AUTH_TOKEN, fetch }
    : { url, fetch };
  const deps: AppDeps = {
    // A client per request: workerd forbids sharing one's pending I/O across requests.
    connect: () => createClient(settings),
    catalog: await loadCatalog(),
    clock: clockFromEnv(parsed),
    config: configFromEnv(parsed),
    hasher: createPasswordHasher(parsed.PASSWORD_PEPPER),
    media: (env as unknown as Env).MEDIA,
    images: (env as unknown as Env).IMAGES,
  };
  return { deps, app: createApp(deps) };
}

export function getRuntime(): Promise<Runtime> {
  runtime ??= build().catch((err) => {
    runtime = undefined; // let the next request try again (e.g. after a fixed secret)
    throw err;
  });
  return runtime;
}
