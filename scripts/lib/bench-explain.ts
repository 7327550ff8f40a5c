/**
 * The statements behind the benchmarked pages, as the services build them, run in Node against the
 * benchmark's database file: each statement's EXPLAIN QUERY PLAN and its time (median of a few runs,
 * in process, no network). Full scans and temporary B-trees are marked: they are what grows with
 * the catalogue. Reported by `npm run bench -- --explain`.
 */
import type { Client, InArgs, InStatement } from '@libsql/client';
import { validateSessionToken } from '~/functions/auth/session';
import { loadCatalogFromDisk } from '~/functions/content/load-node';
import type { ServiceContext } from '~/functions/context';
import { createDb } from '~/functions/db/client';
import { ProductListQuery } from '~/functions/schemas/products';
import { getDashboard } from '~/functions/services/me/get-dashboard';
import { getProduct } from '~/functions/services/products/get-product';
import { listProducts } from '~/functions/services/products/list-products';
import { getHome } from '~/functions/services/stats/get-home';
import { SUGGESTED_TAGS } from '~/src/lib/products-page';
import type { BenchCatalogue } from './bench-catalogue';
import { openClient } from './database';

export interface ExplainedStatement {
  page: string;
  sql: string;
  ms: number;
  plan: string[];
  /** Plan lines that grow with the table: a SCAN of a table or index, a temporary B-tree. */
  warnings: string[];
}

/** A client that records the statements it is given (single and batched) and runs them. */
export function recording(client: Client, sink: InStatement[]): Client {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'execute') {
        return (stmt: InStatement) => {
          sink.push(stmt);
          return target.execute(stmt);
        };
      }
      if (prop === 'batch') {
        return (stmts: InStatement[], mode?: 'read' | 'write' | 'deferred') => {
          sink.push(...stmts);
          return target.batch(stmts, mode);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const sqlOf = (stmt: InStatement) => (typeof stmt === 'string' ? stmt : stmt.sql);
const argsOf = (stmt: InStatement): InArgs => (typeof stmt === 'string' ? [] : (stmt.args ?? []));

export async function explainPages(opts: {
  file: string;
  now: Date;
  catalogue: BenchCatalogue;
  runs?: number;
}): Promise<ExplainedStatement[]> {
  const client = await openClient(`file:${opts.file}`);
  try {
    const catalog = loadCatalogFromDisk();
    const { catalogue, now } = opts;
    const capture = async (page: string, fn: (ctx: ServiceContext) => Promise<unknown>) => {
      const sink: InStatement[] = [];
      const db = createDb(recording(client, sink));
      // The Cookie header holds the session and its claims (decision 023).
      const token = /opc_session=([^;]+)/.exec(catalogue.sessionCookies[0] ?? '')?.[1] ?? '';
      const session = page === 'signed-in' ? await validateSessionToken(db, token, now) : null;
      const ctx = {
        db,
        catalog,
        now,
        locale: 'zh-CN',
        user: session?.user ?? null,
        sessionId: session?.sessionId ?? null,
      } as ServiceContext;
      await fn(ctx);
      return sink.map((stmt) => ({ page, stmt }));
    };
    // As the page asks: with the popular tags its tag field suggests.
    const list = (q?: string) => (ctx: ServiceContext) =>
      listProducts({ ctx, input: ProductListQuery.parse(q ? { q } : {}), popularTags: SUGGESTED_TAGS });
    const captured = [
      ...(await capture('home', (ctx) => getHome({ ctx }))),
      ...(await capture('list', list())),
      ...(await capture('detail', (ctx) => getProduct({ ctx, input: { id: catalogue.productId } }))),
      ...(await capture('search', list(catalogue.commonTerm))),
      ...(await capture('search-rare', list(catalogue.rareTerm))),
      ...(await capture('signed-in', (ctx) => getDashboard({ ctx }))),
    ];
    const out: ExplainedStatement[] = [];
    for (const { page, stmt } of captured) {
      const sql = sqlOf(stmt);
      const args = argsOf(stmt);
      const plan = await client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args });
      const lines = plan.rows.map((row) => String(row.detail));
      const times: number[] = [];
      for (let i = 0; i < (opts.runs ?? 5); i++) {
        const started = performance.now();
        await client.execute({ sql, args });
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      out.push({
        page,
        sql,
        ms: times[Math.floor(times.length / 2)] ?? 0,
        plan: lines,
        warnings: lines.filter((line) => /^SCAN (?!.*VIRTUAL TABLE)|TEMP B-TREE/.test(line)),
      });
    }
    return out;
  } finally {
    client.close();
  }
}

export function formatExplain(products: number, statements: ExplainedStatement[]): string {
  const lines = [`Statements per page at ${products.toLocaleString('en')} products (Node, in process)`];
  for (const s of statements) {
    const head = s.sql.replace(/\s+/g, ' ').slice(0, 110);
    lines.push(
      `  ${s.page.padEnd(11)} ${s.ms.toFixed(2).padStart(7)} ms  ${head}${s.sql.length > 110 ? '…' : ''}`,
    );
    for (const line of s.plan)
      lines.push(`${' '.repeat(24)}${s.warnings.includes(line) ? '! ' : '  '}${line}`);
  }
  return lines.join('\n');
}
