/** The Hono app on a fresh database, with a clock the test controls. */
import { createApp } from '~/functions/app';
import type { Catalog } from '~/functions/content/catalog';
import { manualClock } from '~/functions/lib/clock';
import { buildCatalog } from './catalog';
import { freshDatabase, testConfig } from './db';

export async function testApp(opts: { catalog?: Catalog; now?: string } = {}) {
  const database = await freshDatabase();
  const clock = manualClock(opts.now ?? '2026-11-25T10:00:00+08:00');
  const catalog = opts.catalog ?? buildCatalog();
  const app = createApp({ client: database.client, catalog, clock, config: testConfig() });
  return { app, clock, catalog, ...database };
}

/** Round trips reported by a response's Server-Timing header. */
export function roundTrips(response: Response): number {
  const header = response.headers.get('server-timing') ?? '';
  const match = /db;[^,]*desc="(\d+) round trips?"/.exec(header);
  if (!match) throw new Error(`No db round trips in Server-Timing: "${header}"`);
  return Number(match[1]);
}
