/** The Hono app on a fresh database, with a clock the test controls. */
import { createApp } from '~/functions/app';
import { createPasswordHasher, type PasswordHasher } from '~/functions/auth/password';
import type { Config } from '~/functions/config';
import type { Catalog } from '~/functions/content/catalog';
import { manualClock } from '~/functions/lib/clock';
import { localImages } from '~/functions/services/media/process-upload';
import { buildCatalog } from './catalog';
import { freshDatabase, testConfig } from './db';
import { memoryBucket } from './memory-bucket';
import { writeHeaders } from './session';

export async function testApp(
  opts: { catalog?: Catalog; now?: string; config?: Config; databaseFile?: string } = {},
) {
  // A copy of the migrated template, or of a database file the test prepared once.
  const database = await freshDatabase(opts.databaseFile);
  const clock = manualClock(opts.now ?? '2026-11-25T10:00:00+08:00');
  const catalog = opts.catalog ?? buildCatalog();
  const hasher = countingHasher(createPasswordHasher(testConfig().passwordPepper, 1000));
  const config = opts.config ?? testConfig();
  const media = memoryBucket();
  const app = createApp({
    connect: () => database.client,
    catalog,
    clock,
    config,
    hasher,
    media,
    images: localImages,
  });
  return { app, clock, catalog, hasher, config, media, ...database };
}

/** Round trips reported by a response's Server-Timing header. */
export function roundTrips(response: Response): number {
  const header = response.headers.get('server-timing') ?? '';
  const match = /db;[^,]*desc="(\d+) round trips?"/.exec(header);
  if (!match) throw new Error(`No db round trips in Server-Timing: "${header}"`);
  return Number(match[1]);
}

/** A hasher that counts its calls (sign-in must hash even for unknown emails). Cheap iterations for speed. */
export function countingHasher(
  inner: PasswordHasher,
): PasswordHasher & { calls: { hash: number; verify: number } } {
  const calls = { hash: 0, verify: 0 };
  return {
    calls,
    hash: (password) => {
      calls.hash += 1;
      return inner.hash(password);
    },
    verify: (stored, password) => {
      calls.verify += 1;
      return inner.verify(stored, password);
    },
    needsRehash: (stored) => inner.needsRehash(stored),
  };
}

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are read loosely and asserted by value.
export type Json = Record<string, any>;

/** Calls `/api/v1{path}` on the app with a session cookie and a JSON body; answers status and body. */
export function apiCaller(app: {
  request: (path: string, init: RequestInit) => Response | Promise<Response>;
}) {
  return async (
    method: string,
    path: string,
    cookie?: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await app.request(`/api/v1${path}`, {
      method,
      headers: writeHeaders(cookie, headers),
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Json };
  };
}
