/**
 * The local stack behind `npm start`, `npm run dev`, tests and the benchmark: the embedded database
 * file under .data/ (created, migrated, seeded once), the libSQL HTTP endpoint the Worker talks
 * to, and a wait for the portal's health check.
 */
import { loadCatalogFromDisk } from '~/functions/content/load-node';
import { createDb } from '~/functions/db/client';
import { DEMO_PASSWORD, demoUsers } from '~/functions/db/seed/seed';
import { seedDemoPictures } from '~/functions/db/seed/seed-pictures';
import { clockFromEnv } from '~/functions/lib/clock';
import {
  isLocalUrl,
  LOCAL_DB_FILE,
  LOCAL_MEDIA_DIR,
  migrateDatabase,
  openClient,
  seedDatabase,
  withLocalBucket,
} from './database';
import { startLibsqlServer } from './libsql-server';

export interface LocalDatabase {
  url: string;
  close(): Promise<void>;
}

/** Creates, migrates and (when empty) seeds the database file, then serves it over HTTP. */
export async function startLocalDatabase(opts: {
  file?: string;
  port: number;
  vars: Record<string, string>;
  log?: (line: string) => void;
  /** Wrangler's local state folder (`--persist-to`) whose R2 gets the demo pictures. */
  mediaDir?: string | null;
}): Promise<LocalDatabase> {
  const file = await prepareLocalDatabase(opts);
  const server = await startLibsqlServer({ file, host: '127.0.0.1', port: opts.port });
  return { url: server.url, close: () => server.close() };
}

/** Creates, migrates and (when empty) seeds the database file; returns its path. */
export async function prepareLocalDatabase(opts: {
  file?: string;
  vars: Record<string, string>;
  log?: (line: string) => void;
  /**
   * Wrangler's local state folder (`--persist-to`): a freshly seeded database gets its demo pictures
   * in that folder's R2 (default .data/wrangler; null: no pictures, pages show monograms).
   */
  mediaDir?: string | null;
}): Promise<string> {
  const file = opts.file ?? LOCAL_DB_FILE;
  const log = opts.log ?? (() => {});
  const fileUrl = `file:${file}`;
  const client = await openClient(fileUrl);
  try {
    await migrateDatabase(client);
    const now = clockFromEnv({ ENVIRONMENT: 'development', TEST_NOW: opts.vars.TEST_NOW }).now();
    const pepper = opts.vars.PASSWORD_PEPPER ?? '';
    const summary = await seedDatabase(client, fileUrl, loadCatalogFromDisk(), now, pepper);
    log(
      summary.seeded
        ? `Database ${file}: created and seeded (${summary.users} users, ${summary.companies} companies, ${summary.products} products, ${summary.teams} teams).`
        : `Database ${file}: migrated; existing data kept.`,
    );
    const mediaDir = opts.mediaDir === undefined ? LOCAL_MEDIA_DIR : opts.mediaDir;
    if (summary.seeded && mediaDir) {
      const started = performance.now();
      const pictures = await withLocalBucket(mediaDir, (bucket) =>
        seedDemoPictures({ db: createDb(client), bucket, now }),
      );
      log(
        `Demo pictures: ${pictures} stored in ${mediaDir} (${Math.round(performance.now() - started)} ms).`,
      );
    }
  } finally {
    client.close();
  }
  return file;
}

export function localPortOf(url: string | undefined): number | null {
  if (!url || !isLocalUrl(url) || url.startsWith('file:')) return null;
  return Number(new URL(url).port) || 80;
}

export async function waitForHealth(baseUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let lastError: unknown;
  while (performance.now() < deadline) {
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.ok) return;
      lastError = new Error(`health answered ${res.status}: ${await res.text()}`);
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `The portal did not become healthy at ${baseUrl} within ${timeoutMs} ms: ${String(lastError)}`,
  );
}

export function banner(baseUrl: string, databaseUrl: string | null = null): string {
  const accounts = demoUsers
    .filter((u) => ['founder', 'organizer', 'admin', 'judge1', 'judge2'].includes(u.key))
    .map((u) => `    ${(u.key.startsWith('judge') ? 'judge' : u.role).padEnd(10)} ${u.email}`)
    .join('\n');
  return [
    '',
    `  OPC Portal is running at ${baseUrl}  (English: ${baseUrl}/en/)`,
    ...(databaseUrl ? [`  Database (local libSQL endpoint): ${databaseUrl}`] : []),
    `  API: ${baseUrl}/api/v1/health · reference ${baseUrl}/api/docs`,
    `  Mail sent locally (verification and reset links): ${baseUrl}/dev/outbox`,
    `  Demo accounts (password: ${DEMO_PASSWORD}):`,
    accounts,
    '  Press Ctrl-C to stop.',
    '',
  ].join('\n');
}
