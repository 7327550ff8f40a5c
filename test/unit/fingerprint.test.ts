/** The "changed nothing" fingerprint sees every kind of value, blobs included (a secret's hash). */
import { createClient } from '@libsql/client';
import { expect, it } from 'vitest';
import { databaseFingerprint } from '../factories/fingerprint';

it('changes when a blob, an integer or a text changes', async () => {
  const client = createClient({ url: ':memory:' });
  await client.execute('CREATE TABLE t (b BLOB, n INTEGER, s TEXT)');
  await client.execute({ sql: 'INSERT INTO t VALUES (?, 1, ?)', args: [new Uint8Array([1, 2, 3]), 'a'] });
  const before = await databaseFingerprint(client);
  expect(await databaseFingerprint(client)).toBe(before);
  await client.execute({ sql: 'UPDATE t SET b = ?', args: [new Uint8Array([1, 2, 4])] });
  const blobChanged = await databaseFingerprint(client);
  expect(blobChanged).not.toBe(before);
  await client.execute('UPDATE t SET n = 2');
  expect(await databaseFingerprint(client)).not.toBe(blobChanged);
  client.close();
});
