import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client/web';
import { ensureSqldBinary, startSqld } from '../lib/sqld';

const dir = mkdtempSync(join(tmpdir(), 'sqld-ck-'));
const sqld = await startSqld({
  bin: ensureSqldBinary(),
  dir,
  port: 20000 + Math.floor(Math.random() * 20000),
});
const c = createClient({ url: sqld.url });
await c.execute('CREATE TABLE t (x BLOB)');
for (let i = 0; i < 50; i++) await c.execute('INSERT INTO t VALUES (randomblob(8000))');
const wal = () => statSync(join(dir, 'dbs/default/data-wal')).size;
console.log('wal before', wal());
try {
  console.log(JSON.stringify((await c.execute('PRAGMA wal_checkpoint(TRUNCATE)')).rows));
} catch (e) {
  console.log('pragma error', String(e));
}
console.log('wal after', wal());
c.close();
await sqld.close();
rmSync(dir, { recursive: true, force: true });
