/** `npm run db:migrate`: applies the committed migrations to the database named by TURSO_DATABASE_URL. */
import { migrateDatabase, openClient } from './lib/database';
import { requireDatabaseEnv } from './lib/remote-env';

const { url, authToken } = requireDatabaseEnv('db:migrate');
try {
  const client = await openClient(url, authToken);
  await migrateDatabase(client);
  client.close();
  console.log(`Migrations applied to ${url.replace(/\?.*$/, '')}.`);
} catch (err) {
  console.error(`db:migrate failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
