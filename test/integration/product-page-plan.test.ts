/**
 * The product page reaches the company's memberships by index, also without ANALYZE statistics
 * (production databases have none): the planner once picked the status index and read every
 * approved membership of every company (benchmark, docs/decisions/012-benchmark.md).
 */
import type { InStatement } from '@libsql/client';
import { describe, expect, it } from 'vitest';
import { createDb } from '~/functions/db/client';
import { getProduct } from '~/functions/services/products/get-product';
import { recording } from '../../scripts/lib/bench-explain';
import { buildCatalog, buildCommunity } from '../factories/catalog';
import { freshDatabase, serviceContext } from '../factories/db';
import { insertCompany, insertMembership, insertProduct, insertUser } from '../factories/records';

describe('the product page statements without statistics', () => {
  it('look a company’s approved memberships up by (company_id, status)', async () => {
    const { client, db } = await freshDatabase();
    const owner = await insertUser(db);
    const company = await insertCompany(db, owner.id);
    await insertMembership(db, company.id, 'guanggu');
    const product = await insertProduct(db, company.id);
    const statements: InStatement[] = [];
    const ctx = serviceContext(
      createDb(recording(client, statements)),
      buildCatalog({ communities: [buildCommunity('guanggu')] }),
      new Date('2026-11-25T10:00:00+08:00'),
    );
    const view = await getProduct({ ctx, input: { id: product.id } });
    expect(view.communities.map((c) => c.slug)).toEqual(['guanggu']);

    const plans: string[] = [];
    for (const stmt of statements) {
      const { sql, args } = typeof stmt === 'string' ? { sql: stmt, args: [] } : stmt;
      const rows = await client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args: args ?? [] });
      plans.push(...rows.rows.map((r) => String(r.detail)));
    }
    expect(plans.filter((line) => line.includes('community_memberships'))).toEqual([
      expect.stringContaining('community_memberships_company_status_idx (company_id=? AND status=?)'),
    ]);
    expect(plans.filter((line) => /^SCAN /.test(line))).toEqual([]);
  });
});
