/**
 * Minimal reproduction of the sqld 0.24.32 write livelock without the Worker.
 *
 * Run: npx tsx scripts/sqld-livelock.ts [mode] [clients] [seconds] [--periodic-checkpoint]
 *   mode: 'deferred' (default: read-then-write batches in deferred mode, what the portal does in
 *         places) | 'write' (the same batches in 'write' mode = BEGIN IMMEDIATE) | 'plain'
 *         (autocommit single INSERTs only)
 *
 * Idea: keep the WAL above sqld's auto-checkpoint threshold (1000 frames) so that every commit runs
 * a PASSIVE checkpoint through ManagedConnectionWalWrapper::checkpoint, while many connections queue
 * for the write slot. A queued connection that wakes while the checkpoint holds the slot returns
 * SQLITE_BUSY from acquire() but leaves its (id, unparker) in write_queue; when that stale entry is
 * popped the slot becomes {id, Notified} for a connection that will never take it, and every other
 * writer spins in acquire() (park_deadline with a past deadline) forever.
 *
 * The script reports per second: ok/busy/timeout counts, and sqld's threads in state R; it declares
 * a hang when a probe write does not finish in 15 s while sqld has >10 threads running.
 */

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client/web';
import { ensureSqldBinary, startSqld } from './lib/sqld';

const mode = process.argv[2] ?? 'deferred';
const clients = Number(process.argv[3] ?? 40);
const seconds = Number(process.argv[4] ?? 60);

const bin = ensureSqldBinary();
const dir = mkdtempSync(join(tmpdir(), 'sqld-min-'));
const port = 20000 + Math.floor(Math.random() * 20000);
// The tests start sqld with a periodic checkpoint (decision 017), which keeps the trigger away;
// this script leaves it off unless asked, to show the bug.
const periodic = process.argv.includes('--periodic-checkpoint');
const sqld = await startSqld({ bin, dir, port, checkpointIntervalSeconds: periodic ? 1 : null });
console.log(`sqld pid ${sqld.pid} at ${sqld.url}, mode=${mode}, clients=${clients}`);

function runningThreads(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/task`).filter((t) => {
      try {
        return readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8').split(') ')[1]?.startsWith('R');
      } catch {
        return false;
      }
    }).length;
  } catch {
    return -1;
  }
}

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms))]);

const setup = createClient({ url: sqld.url });
await setup.execute('CREATE TABLE t (k INTEGER PRIMARY KEY AUTOINCREMENT, g INTEGER, pad BLOB)');
await setup.execute('CREATE TABLE c (k TEXT PRIMARY KEY, n INTEGER NOT NULL)');
await setup.execute("INSERT INTO c VALUES ('x', 0)");
// Fill the WAL past the 1000-frame auto-checkpoint threshold (each row ~2 pages).
for (let i = 0; i < 60; i++) {
  await setup.batch(
    Array.from({ length: 10 }, () => ({
      sql: 'INSERT INTO t (g, pad) VALUES (0, randomblob(6000))',
      args: [],
    })),
    'write',
  );
}
setup.close();

const tally: Record<string, number> = {};
const count = (k: string) => (tally[k] = (tally[k] ?? 0) + 1);
let stop = false;

async function worker(i: number) {
  while (!stop) {
    const client = createClient({ url: sqld.url });
    const g = i;
    let r: string;
    try {
      if (mode === 'plain') {
        await client.execute({ sql: 'INSERT INTO t (g, pad) VALUES (?, randomblob(3000))', args: [g] });
      } else {
        // read first, then write: the shape of the portal's vote/join batches
        await client.batch(
          [
            { sql: 'SELECT count(*) FROM t WHERE g = ?', args: [g] },
            { sql: "UPDATE c SET n = n + 1 WHERE k = 'x'", args: [] },
            { sql: 'INSERT INTO t (g, pad) VALUES (?, randomblob(3000))', args: [g] },
          ],
          mode === 'write' ? 'write' : 'deferred',
        );
      }
      r = 'ok';
    } catch (e) {
      r = (e as { code?: string }).code ?? String(e).slice(0, 40);
    }
    count(r);
    client.close();
  }
}

const workers = Array.from({ length: clients }, (_, i) => worker(i));
const started = performance.now();
let hung = false;
let hot = 0;
while ((performance.now() - started) / 1000 < seconds) {
  await new Promise((r) => setTimeout(r, 2000));
  const running = runningThreads(sqld.pid);
  const line = JSON.stringify(tally);
  for (const k of Object.keys(tally)) delete tally[k];
  console.log(`${Math.round((performance.now() - started) / 1000)} s: ${line} sqld threads R=${running}`);
  hot = running > 10 ? hot + 1 : 0;
  if (hot >= 4) {
    const probe = createClient({ url: sqld.url });
    const w = await withTimeout(
      probe.execute("UPDATE c SET n = n + 1 WHERE k = 'x'").then(
        () => 'ok',
        (e) => `err ${e.code}`,
      ),
      15_000,
    );
    const read = await withTimeout(
      probe.execute('SELECT n FROM c').then(
        () => 'ok',
        (e) => `err ${e.code}`,
      ),
      5_000,
    );
    probe.close();
    console.log(`probe: write ${w}, read ${read}, threads R=${runningThreads(sqld.pid)}`);
    if (w === 'timeout') {
      hung = true;
      break;
    }
  }
}
stop = true;
console.log(hung ? `HUNG: sqld (pid ${sqld.pid}) answers reads but not writes` : 'no hang');
if (hung && process.env.KEEP) {
  console.log('KEEP set: leaving sqld running for inspection');
  process.exit(2);
}
await sqld.close();
await withTimeout(Promise.all(workers), 5_000);
rmSync(dir, { recursive: true, force: true });
process.exit(hung ? 2 : 0);
