/** `npm run db:reset`: deletes the local database under .data/ so the next start creates and seeds it anew. */
import { rmSync } from 'node:fs';
import { LOCAL_DB_FILE } from './lib/database';

for (const suffix of ['', '-wal', '-shm']) rmSync(`${LOCAL_DB_FILE}${suffix}`, { force: true });
console.log(`Removed ${LOCAL_DB_FILE}; the next npm start creates, migrates and seeds it.`);
