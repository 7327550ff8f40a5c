/** Telling "the database is down" from other failures, and the deadline on every round trip. */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DatabaseUnavailableError,
  databaseFetch,
  isDatabaseUnavailable,
  unavailableReason,
} from '~/functions/db/availability';

// drizzle wraps the client's error as `cause` of a DrizzleQueryError, as services see it.
const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: select 1'), { cause });

describe('isDatabaseUnavailable', () => {
  it('recognises transport failures however deeply wrapped', () => {
    expect(isDatabaseUnavailable(wrapped(new DatabaseUnavailableError('unreachable')))).toBe(true);
    expect(
      isDatabaseUnavailable(wrapped(Object.assign(new Error('HTTP 502'), { code: 'SERVER_ERROR' }))),
    ).toBe(true);
    expect(isDatabaseUnavailable(wrapped(new DOMException('timed out', 'TimeoutError')))).toBe(true);
    expect(isDatabaseUnavailable(wrapped(new TypeError('fetch failed')))).toBe(true);
    expect(unavailableReason(wrapped(new DatabaseUnavailableError('no answer within 10 ms')))).toBe(
      'DatabaseUnavailableError: no answer within 10 ms',
    );
  });

  it('recognises a write that lost the wait for the lock (sqld and SQLite codes)', () => {
    for (const code of ['TRANSACTION_TIMEOUT', 'SQLITE_BUSY', 'SQLITE_LOCKED', 'STREAM_EXPIRED']) {
      expect(isDatabaseUnavailable(wrapped(Object.assign(new Error(code), { code }))), code).toBe(true);
    }
  });

  it('leaves constraint violations and bugs alone (they are 409s and 500s)', () => {
    const unique = Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT' });
    expect(isDatabaseUnavailable(wrapped(unique))).toBe(false);
    // sqld's codes for bad SQL and for a float JSON cannot carry.
    for (const code of ['SQL_PARSE_ERROR', 'SQLITE_UNKNOWN', 'SQL_INPUT_ERROR', 'HRANA_PROTO_ERROR']) {
      expect(isDatabaseUnavailable(wrapped(Object.assign(new Error(code), { code }))), code).toBe(false);
    }
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe('databaseFetch', () => {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  afterEach(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  async function listen(onConnection: (socket: Socket) => void): Promise<string> {
    server = createServer((socket) => {
      sockets.add(socket);
      onConnection(socket);
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    return `http://127.0.0.1:${address.port}/v2/pipeline`;
  }

  it('gives up on an endpoint that never answers after the timeout', async () => {
    const url = await listen(() => {});
    const started = performance.now();
    const failure = await databaseFetch(200)(new Request(url, { method: 'POST', body: '{}' })).catch(
      (e) => e,
    );
    expect(failure).toBeInstanceOf(DatabaseUnavailableError);
    expect(failure.message).toBe('no answer within 200 ms');
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('fails at once when the connection is dropped', async () => {
    const url = await listen((socket) => socket.destroy());
    const failure = await databaseFetch(5000)(new Request(url, { method: 'POST', body: '{}' })).catch(
      (e) => e,
    );
    expect(failure).toBeInstanceOf(DatabaseUnavailableError);
    expect(failure.message).toMatch(/^unreachable/);
  });

  it('passes answers through', async () => {
    const url = await listen((socket) => {
      socket.once('data', () =>
        socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}'),
      );
    });
    const res = await databaseFetch(5000)(new Request(url, { method: 'POST', body: '{}' }));
    expect(await res.json()).toEqual({});
  });
});
