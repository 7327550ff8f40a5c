/**
 * Node-side database chores shared by the start script, the CLI and tests: open a client, apply the
 * committed migrations, seed the demo content into an empty database.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { createPasswordHasher } from '~/functions/auth/password';
import type { Catalog } from '~/functions/content/catalog';
import { createDb } from '~/functions/db/client';
import { seedDemo } from '~/functions/db/seed/seed';
import type { MediaBucket } from '~/functions/services/media/media-bucket';

export const MIGRATIONS_FOLDER = resolve(import.meta.dirname, '../../functions/db/migrations');
export const LOCAL_DB_FILE = '.data/portal.db';

export function isLocalUrl(url: string): boolean {
  if (url.startsWith('file:') || url === ':memory:') return true;
  try {
    const { hostname } = new URL(url);
    return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
  } catch {
    return false;
  }
}

/** A Node client on a local file (created with its folder) or a remote URL. */
export async function openClient(url: string, authToken?: string): Promise<Client> {
  if (url.startsWith('file:')) mkdirSync(dirname(resolve(url.slice('file:'.length))), { recursive: true });
  const client = createClient(authToken ? { url, authToken } : { url });
  if (url.startsWith('file:')) {
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA foreign_keys = ON');
  }
  return client;
}

export async function migrateDatabase(client: Client): Promise<void> {
  await migrate(createDb(client), { migrationsFolder: MIGRATIONS_FOLDER });
}

/** Seeds the demo content if the database has no users yet; refuses anything but a local database. */
export async function seedDatabase(client: Client, url: string, catalog: Catalog, now: Date, pepper: string) {
  if (!isLocalUrl(url)) throw new Error(`Refusing to seed demo data into a non-local database (${url})`);
  return seedDemo({ db: createDb(client), catalog, now, hasher: createPasswordHasher(pepper) });
}

/** Wrangler's local state of `npm start` and `npm run dev` (R2 objects under v3/r2). */
export const LOCAL_MEDIA_DIR = resolve(import.meta.dirname, '../../.data/wrangler');

/**
 * Runs `work` with the R2 binding of wrangler's local state in `persistTo` (the folder `wrangler dev
 * --persist-to` uses), through wrangler's platform proxy: the same local R2 the Worker then reads.
 */
export async function withLocalBucket<T>(
  persistTo: string,
  work: (bucket: MediaBucket) => Promise<T>,
): Promise<T> {
  const { getPlatformProxy } = await import('wrangler');
  const proxy = await getPlatformProxy<{ MEDIA: MediaBucket }>({
    configPath: resolve(import.meta.dirname, '../../wrangler.jsonc'),
    persist: { path: join(persistTo, 'v3') },
  });
  try {
    return await work(proxy.env.MEDIA);
  } finally {
    await proxy.dispose();
  }
}
