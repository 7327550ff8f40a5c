/**
 * `npm run db:migrate`: applies the committed migrations to the database named by TURSO_DATABASE_URL,
 * then brings every product's search_text up to what search reads now (English fields, category
 * labels and tag names since issue 15): rows written before a change of the searchable fields are
 * otherwise found only after their next edit. It rewrites only rows whose text differs.
 */
import { createDb } from '../functions/db/client';
import { rebuildSearchText } from '../functions/services/products/rebuild-search-text';
import { migrateDatabase, openClient } from './lib/database';
import { requireDatabaseEnv } from './lib/remote-env';

const { url, authToken } = requireDatabaseEnv('db:migrate');
try {
  const client = await openClient(url, authToken);
  await migrateDatabase(client);
  const rebuilt = await rebuildSearchText({ ctx: { db: createDb(client) } });
  client.close();
  console.log(
    `Migrations applied to ${url.replace(/\?.*$/, '')}; search text rebuilt for ${rebuilt} products.`,
  );
} catch (err) {
  console.error(`db:migrate failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
