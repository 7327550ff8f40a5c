// A local libSQL server: "Hrana over HTTP" (the protocol of sqld / Turso) on top of the `libsql`
// package and a file database. Inside workerd only `@libsql/client/web` works, and only over http(s),
// so local runs point it here. Wire format and result semantics follow sqld (libsql-server); the
// conformance suite in test/conformance/libsql-endpoint.test.ts holds it to the Node client.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'libsql';

export interface LibsqlServerOptions {
  file: string;
  host?: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** How long a writer waits for a lock held by another process (SQLite's busy_timeout). Default 5000. */
  busyTimeoutMs?: number;
  /**
   * How long a write transaction may hold the lock while another writer waits: then it is rolled
   * back, its stream's next statement fails with TRANSACTION_TIMEOUT and the waiter goes on, as in
   * sqld. Default 5000 (sqld's).
   */
  txnTimeoutMs?: number;
  /** A stream (baton) unused for this long is rolled back and closed, as in sqld. Default 10000. */
  idleTimeoutMs?: number;
  /** Called for unexpected failures (never per request); nothing is logged by default. */
  onError?: (err: unknown) => void;
}

export interface LibsqlServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

// The JSON of Hrana over HTTP (v2 and v3), as far as this server reads and writes it.
type Value =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number | string | null }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string };
type Sql = { sql?: string; sql_id?: number };
type Stmt = Sql & { args?: Value[]; named_args?: { name: string; value: Value }[]; want_rows?: boolean };
type Cond =
  | { type: 'ok' | 'error'; step: number }
  | { type: 'not'; cond: Cond }
  | { type: 'and' | 'or'; conds: Cond[] }
  | { type: 'is_autocommit' };
type Request =
  | { type: 'close' | 'get_autocommit' }
  | { type: 'execute'; stmt: Stmt }
  | { type: 'batch'; batch: { steps: { condition?: Cond | null; stmt: Stmt }[] } }
  | ({ type: 'sequence' | 'describe' } & Sql)
  | { type: 'store_sql'; sql_id: number; sql: string }
  | { type: 'close_sql'; sql_id: number };
type HranaErrorJson = { message: string; code: string };

interface Stream {
  db: InstanceType<typeof Database>;
  sqls: Map<number, string>;
  /** Statements since BEGIN: SQLite waits for a lock only before a transaction has read anything. */
  txnStatements: number;
  /** A statement failed on this connection: close it rather than hand it to the next stream. */
  failed: boolean;
  /** Closed: its connection is closed or serves another stream now. */
  closed: boolean;
  /** When this stream's transaction took the write lock (while it holds it). */
  lockedAt: number;
  /** Its transaction was rolled back for a waiting writer: this request fails TRANSACTION_TIMEOUT. */
  timedOut: boolean;
  timer?: NodeJS.Timeout;
}

/** Idle connections kept for new streams (see `openStream`). */
const MAX_IDLE_CONNECTIONS = 16;

/** Breaks the protocol: the whole HTTP request fails with 400, as in sqld. */
class ProtocolError extends Error {}

/** Fails one request or batch step with a Hrana error code. */
class HranaError extends Error {
  code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export async function startLibsqlServer(opts: LibsqlServerOptions): Promise<LibsqlServer> {
  const busyTimeoutMs = opts.busyTimeoutMs ?? 5000;
  const txnTimeoutMs = opts.txnTimeoutMs ?? 5000;
  const idleTimeoutMs = opts.idleTimeoutMs ?? 10_000;
  const streams = new Map<string, Stream>(); // baton -> stream, between two requests
  const live = new Set<Stream>(); // all open streams, also those inside a request
  const expired = new Set<string>();
  let closing = false;

  // WAL is a property of the file: set it once, so that readers never wait for the writer.
  const setup = new Database(opts.file);
  setup.exec('PRAGMA journal_mode = WAL');
  setup.close();

  // Opening a connection makes SQLite parse the whole schema (~8 ms for the portal's, more than the
  // statements of a typical request): a stream closed cleanly leaves its connection for the next one,
  // as sqld keeps a pool. Only connections outside a transaction and without a failed statement are
  // kept (libsql@0.5.29 can leave a failed statement active, pinning an old snapshot).
  const idle: InstanceType<typeof Database>[] = [];

  function openStream(): Stream {
    const db = idle.pop() ?? new Database(opts.file);
    db.exec(`PRAGMA foreign_keys = ON; PRAGMA busy_timeout = ${busyTimeoutMs}`);
    const stream: Stream = {
      db,
      sqls: new Map(),
      txnStatements: 0,
      failed: false,
      closed: false,
      lockedAt: 0,
      timedOut: false,
    };
    live.add(stream);
    return stream;
  }

  // Touching a closed libsql handle (even `inTransaction`) aborts the process: check `open` first.
  const inTx = (s: Stream): boolean => !s.closed && s.db.open && s.db.inTransaction;

  function closeStream(stream: Stream): void {
    clearTimeout(stream.timer);
    live.delete(stream);
    releaseWriteLock(stream);
    if (stream.closed) return;
    stream.closed = true;
    if (!stream.db.open) return;
    // Roll back explicitly: close() leaves the SQLite connection (and its locks) to the garbage
    // collector while statements prepared on it are still reachable.
    try {
      if (stream.db.inTransaction) stream.db.exec('ROLLBACK');
    } catch {
      // nothing more to do than close
    }
    if (!stream.failed && !stream.db.inTransaction && !closing && idle.length < MAX_IDLE_CONNECTIONS) {
      idle.push(stream.db);
      return;
    }
    stream.db.close();
  }

  // busy_timeout blocks the thread, and the lock holder is usually another stream of this very
  // server, which then cannot finish: so writers wait here, asynchronously, for the stream whose
  // transaction holds the write lock, and busy_timeout only covers other processes. As in sqld, a
  // writer waits as long as the holder's transaction is younger than txnTimeoutMs; then the holder
  // is rolled back (its next statement fails with TRANSACTION_TIMEOUT) and the waiter goes on. A
  // transaction that has read and waits to write gets SQLITE_BUSY from SQLite if the holder
  // committed meanwhile (its snapshot is stale), and goes on if the holder was rolled back.
  let holder: Stream | undefined;
  const waiters = new Set<() => void>();

  function releaseWriteLock(stream: Stream): void {
    if (holder !== stream) return;
    holder = undefined;
    for (const wake of waiters) wake();
    waiters.clear();
  }

  /** sqld's lock stealing: rolls the holder's transaction back and hands the lock on. */
  function timeOut(stream: Stream): void {
    try {
      if (inTx(stream)) stream.db.exec('ROLLBACK');
    } catch {
      stream.failed = true; // its connection is closed with the stream, not reused
    }
    stream.timedOut = true;
    stream.txnStatements = 0;
    releaseWriteLock(stream);
  }

  async function runStatement<T>(stream: Stream, writes: boolean, fn: () => T): Promise<T> {
    if (stream.timedOut) throw new HranaError('TRANSACTION_TIMEOUT', 'Transaction timed out');
    // No await between the last look at `holder` and fn(), or another stream could slip in.
    while (writes && holder !== undefined && holder !== stream) {
      const left = holder.lockedAt + txnTimeoutMs - Date.now();
      if (left <= 0) {
        timeOut(holder);
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (stream.closed) throw new ProtocolError('The stream was closed');
      if (stream.timedOut) throw new HranaError('TRANSACTION_TIMEOUT', 'Transaction timed out');
    }
    try {
      return fn();
    } catch (e) {
      stream.failed = true;
      throw e;
    } finally {
      stream.txnStatements = inTx(stream) ? stream.txnStatements + 1 : 0;
      if (!inTx(stream)) releaseWriteLock(stream);
      else if (writes && holder !== stream) {
        holder = stream;
        stream.lockedAt = Date.now();
      }
    }
  }

  function sqlOf(stream: Stream, req: Sql): string {
    const sql = req.sql ?? (req.sql_id === undefined ? undefined : stream.sqls.get(req.sql_id));
    if (sql === undefined) throw new ProtocolError('No SQL text, or an unknown sql_id');
    return sql;
  }

  async function execute(stream: Stream, stmt: Stmt): Promise<object> {
    if (stream.closed) throw new ProtocolError('The stream was closed');
    const sql = sqlOf(stream, stmt);
    const args = (stmt.args ?? []).map(fromValue);
    const named = stmt.named_args ?? [];
    if (args.length > 0 && named.length > 0) {
      throw new HranaError(
        'ARGS_BOTH_POSITIONAL_AND_NAMED',
        'Specifying both positional and named arguments is not supported',
      );
    }
    // Arguments go in as one array or one object: libsql@0.5.29 panics on a lone Buffer spread.
    const params =
      named.length > 0
        ? Object.fromEntries(named.map((a) => [a.name.replace(/^[:@$]/, ''), fromValue(a.value)]))
        : args;
    const st = stream.db.prepare(sql);
    st.safeIntegers(true); // integers as bigint: exact beyond 2^53
    const cols = st.columns().map((c) => ({ name: c.name, decltype: c.type ?? null }));
    const rows = await runStatement(stream, needsWriteLock(sql), () => {
      // `reader` picks the call: run() refuses statements that return rows, all() the others.
      if (st.reader) return st.raw(true).all(params) as unknown[][];
      st.run(params);
      return [];
    });
    // As sqld: a count only for INSERT/UPDATE/DELETE, a rowid only for INSERT. Read with SQL, which is
    // also right after RETURNING, where run()'s rowid is a JS number (wrong beyond 2^53) anyway.
    const kind = mainKeyword(sql);
    let counters: [bigint, bigint] = [0n, 0n];
    if (['INSERT', 'REPLACE', 'UPDATE', 'DELETE'].includes(kind)) {
      const q = stream.db.prepare('SELECT changes(), last_insert_rowid()').safeIntegers(true);
      counters = q.raw(true).get([]) as [bigint, bigint];
    }
    return {
      cols,
      rows: stmt.want_rows === false ? [] : rows.map((row) => row.map(toValue)),
      affected_row_count: Number(counters[0]),
      last_insert_rowid: kind === 'INSERT' || kind === 'REPLACE' ? counters[1].toString() : null,
    };
  }

  async function batch(stream: Stream, steps: { condition?: Cond | null; stmt: Stmt }[]): Promise<object> {
    // As sqld: a condition on a step that does not come before it fails the whole request.
    const refersBack = (c: Cond, index: number): boolean => {
      switch (c.type) {
        case 'ok':
        case 'error':
          return Number.isInteger(c.step) && c.step >= 0 && c.step < index;
        case 'not':
          return refersBack(c.cond, index);
        case 'and':
        case 'or':
          return c.conds.every((d) => refersBack(d, index));
        default:
          return true;
      }
    };
    if (!steps.every(({ condition }, i) => condition == null || refersBack(condition, i))) {
      throw new ProtocolError('Invalid reference to step in a batch condition');
    }
    const ok: boolean[] = [];
    const results: (object | null)[] = [];
    const errors: (HranaErrorJson | null)[] = [];
    const holds = (c: Cond): boolean => {
      switch (c.type) {
        case 'ok':
        case 'error':
          return (ok[c.step] === true) === (c.type === 'ok'); // as sqld: a skipped step is not ok
        case 'not':
          return !holds(c.cond);
        case 'and':
          return c.conds.every(holds);
        case 'or':
          return c.conds.some(holds);
        case 'is_autocommit':
          return !inTx(stream);
      }
    };
    for (const { condition, stmt } of steps) {
      let result: object | null = null;
      let error: HranaErrorJson | null = null;
      try {
        if (condition == null || holds(condition)) result = await execute(stream, stmt);
      } catch (e) {
        if (e instanceof ProtocolError) throw e;
        error = toError(e);
      }
      ok.push(result !== null);
      results.push(result);
      errors.push(error);
    }
    return { step_results: results, step_errors: errors };
  }

  async function handle(stream: Stream, req: Request, version: number): Promise<object> {
    switch (req.type) {
      case 'close':
        closeStream(stream);
        return { type: 'close' };
      case 'execute':
        return { type: 'execute', result: await execute(stream, req.stmt) };
      case 'batch':
        return { type: 'batch', result: await batch(stream, req.batch.steps) };
      case 'sequence': {
        const sql = sqlOf(stream, req);
        await runStatement(stream, true, () => stream.db.exec(sql));
        return { type: 'sequence' };
      }
      case 'store_sql':
        stream.sqls.set(req.sql_id, req.sql);
        return { type: 'store_sql' };
      case 'close_sql':
        stream.sqls.delete(req.sql_id);
        return { type: 'close_sql' };
      case 'get_autocommit':
        if (version < 3) throw new ProtocolError('get_autocommit needs protocol version 3');
        return { type: 'get_autocommit', is_autocommit: !inTx(stream) };
      default:
        // Not `describe`: libsql exposes neither parameter names nor a statement's read-only flag.
        throw new ProtocolError(`Unsupported request type ${req.type}`);
    }
  }

  async function pipeline(
    body: { baton?: string | null; requests?: Request[] },
    version: number,
    res: ServerResponse,
  ) {
    let stream: Stream;
    if (typeof body.baton === 'string') {
      const found = streams.get(body.baton);
      if (found === undefined) {
        if (!expired.has(body.baton)) return send(res, 400, 'text/plain', 'Invalid baton');
        const error = { message: 'The stream has expired due to inactivity', code: 'STREAM_EXPIRED' };
        return send(res, 500, 'application/json', JSON.stringify(error));
      }
      // A baton is good for one request, so a client cannot overlap requests on one stream.
      streams.delete(body.baton);
      clearTimeout(found.timer);
      stream = found;
    } else {
      stream = openStream();
    }
    const results: object[] = [];
    for (const req of body.requests ?? []) {
      try {
        if (stream.closed) throw new ProtocolError('The stream was closed');
        results.push({ type: 'ok', response: await handle(stream, req, version) });
      } catch (e) {
        if (!(e instanceof ProtocolError)) {
          results.push({ type: 'error', error: toError(e) });
          continue;
        }
        closeStream(stream);
        return send(res, 400, 'text/plain', e.message);
      }
    }
    stream.timedOut = false; // reported to this request; the stream goes on in autocommit, as in sqld
    let baton: string | null = null;
    if (!stream.closed) {
      const next = randomBytes(24).toString('base64url');
      baton = next;
      streams.set(next, stream);
      stream.timer = setTimeout(() => {
        streams.delete(next);
        closeStream(stream);
        expired.add(next);
        setTimeout(() => expired.delete(next), 300_000).unref();
      }, idleTimeoutMs).unref();
    }
    send(res, 200, 'application/json', toJson({ baton, base_url: null, results }));
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && ['/', '/health', '/v2', '/v3'].includes(path)) {
      return send(res, 200, 'text/plain', 'Hello, this is HTTP API v2 (Hrana over HTTP)');
    }
    // JSON only: GET /v3-protobuf answers 404, so clients that probe for it fall back to /v2.
    const m = /^\/v([23])\/pipeline$/.exec(path);
    if (req.method !== 'POST' || m === null) return send(res, 404, 'text/plain', 'Not found');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: Parameters<typeof pipeline>[0];
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return send(res, 400, 'text/plain', 'Request body is not valid JSON');
    }
    await pipeline(body, Number(m[1]), res);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      opts.onError?.(e);
      if (!res.headersSent) send(res, 500, 'text/plain', String(e));
    });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8080, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    async close() {
      closing = true;
      for (const stream of live) closeStream(stream);
      for (const db of idle.splice(0)) db.close();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function needsWriteLock(sql: string): boolean {
  const kind = mainKeyword(sql);
  if (kind === 'BEGIN') return /\bBEGIN\s+(IMMEDIATE|EXCLUSIVE)\b/i.test(sql);
  if (kind === 'PRAGMA') return sql.includes('='); // PRAGMA x = y writes, table_info(t) and such read
  return !['SELECT', 'VALUES', 'EXPLAIN', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE'].includes(kind);
}

/** First keyword of the statement proper, after comments and a WITH clause (as sqld's parser sees it). */
function mainKeyword(sql: string): string {
  const token =
    /\s+|--[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|'(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\]|([A-Za-z_]\w*)|([()])|./gy;
  let depth = 0;
  let first: string | undefined;
  for (let m = token.exec(sql); m !== null && m[0] !== ''; m = token.exec(sql)) {
    if (m[2] !== undefined) depth += m[2] === '(' ? 1 : -1;
    const word = m[1]?.toUpperCase();
    if (word === undefined || depth > 0) continue;
    first ??= word;
    if (first !== 'WITH') return first;
    if (['SELECT', 'VALUES', 'INSERT', 'REPLACE', 'UPDATE', 'DELETE'].includes(word)) return word;
  }
  return first ?? '';
}

function fromValue(v: Value): unknown {
  switch (v.type) {
    case 'null':
      return null;
    case 'integer':
      return BigInt(v.value);
    case 'float':
      return Number(v.value);
    case 'text':
      return v.value;
    case 'blob':
      return Buffer.from(v.base64, 'base64');
    default:
      throw new ProtocolError('Unknown value type');
  }
}

// JSON.stringify writes -0 as 0; sqld writes -0.0, which travels as a marked string and is unquoted
// in `toJson`. An infinite float is null in sqld's JSON too (serde_json), which the client refuses
// with HRANA_PROTO_ERROR: the endpoint does the same rather than answer what Turso cannot.
const RAW = `\u0000${randomBytes(8).toString('hex')}:`;

function toValue(v: unknown): Value {
  if (v === null || v === undefined) return { type: 'null' };
  if (typeof v === 'bigint') return { type: 'integer', value: v.toString() };
  if (typeof v === 'string') return { type: 'text', value: v };
  if (typeof v === 'number') {
    if (Object.is(v, -0)) return { type: 'float', value: `${RAW}-0.0` };
    return { type: 'float', value: Number.isFinite(v) ? v : null };
  }
  if (v instanceof Uint8Array || v instanceof ArrayBuffer) {
    const bytes =
      v instanceof ArrayBuffer ? Buffer.from(v) : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    return { type: 'blob', base64: bytes.toString('base64').replace(/=+$/, '') };
  }
  throw new Error(`Unexpected value from libsql: ${typeof v}`);
}

function toJson(body: unknown): string {
  const marker = JSON.stringify(RAW).slice(1, -1);
  const text = JSON.stringify(body);
  return text.replaceAll(`"${marker}-0.0"`, '-0.0');
}

// sqld's shape: the base code (SQLITE_CONSTRAINT, which is also LibsqlError.code in the Node client;
// the extended code has no field in the protocol) and the message behind "SQLite error: ". sqld has
// no SQLITE_ERROR: its own parser refuses bad syntax (SQL_PARSE_ERROR), an error SQLite places in
// the statement (a missing column or function) is SQL_INPUT_ERROR, any other SQLITE_UNKNOWN. The
// endpoint has neither sqld's parser nor SQLite's error offset, so it tells them by the message.
function toError(e: unknown): HranaErrorJson {
  if (e instanceof Database.SqliteError) {
    const code = e.code.split('_').slice(0, 2).join('_');
    if (code !== 'SQLITE_ERROR') return { message: `SQLite error: ${e.message}`, code };
    if (/syntax error|incomplete input|unrecognized token/.test(e.message)) {
      return { message: `SQL string could not be parsed: ${e.message}`, code: 'SQL_PARSE_ERROR' };
    }
    if (
      /^(no such column|no such function|ambiguous column name|wrong number of arguments)/.test(e.message)
    ) {
      return { message: `SQL input error: ${e.message}`, code: 'SQL_INPUT_ERROR' };
    }
    return { message: `SQLite error: ${e.message}`, code: 'SQLITE_UNKNOWN' };
  }
  if (e instanceof HranaError) return { message: e.message, code: e.code };
  return { message: e instanceof Error ? e.message : String(e), code: 'UNKNOWN' };
}

function send(res: ServerResponse, status: number, type: string, text: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
