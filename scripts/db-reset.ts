/**
 * `npm run db:reset`: deletes the local database under .data/ and wrangler's local state (the R2
 * objects of its pictures) so the next start creates and seeds both anew.
 */
import { rmSync } from 'node:fs';
import { LOCAL_DB_FILE, LOCAL_MEDIA_DIR } from './lib/database';

for (const suffix of ['', '-wal', '-shm']) rmSync(`${LOCAL_DB_FILE}${suffix}`, { force: true });
rmSync(LOCAL_MEDIA_DIR, { recursive: true, force: true });
console.log(
  `Removed ${LOCAL_DB_FILE} and ${LOCAL_MEDIA_DIR}; the next npm start creates, migrates and seeds them.`,
);
