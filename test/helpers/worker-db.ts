/**
 * A Node client on the running Worker's database, for tests that read and write it directly. On the
 * file it waits up to 5 s for the write lock, as the endpoint does: the Worker's own writes (an
 * upload, a decision) hold it for moments, and a test's insert must wait, not fail SQLITE_BUSY.
 */
import { type Client, createClient } from '@libsql/client';

export async function workerClient(url: string): Promise<Client> {
  const client = createClient({ url });
  if (url.startsWith('file:')) await client.execute('PRAGMA busy_timeout = 5000');
  return client;
}
