/**
 * Editing products: pending and rejected products change in place; an approved product stays public
 * as approved while its edit waits as a revision, until an organizer approves (the product takes the
 * revision's values, search_text is rebuilt) or rejects it (with a reason the owner sees).
 */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { productRevisions, products } from '~/functions/db/schema';
import { buildSearchQuery } from '~/functions/lib/search-text';
import { productSearchText } from '~/functions/services/products/product-search-text';
import { testApp } from '../factories/app';
import { insertCompany, insertProduct } from '../factories/records';
import { writeHeaders } from '../factories/session';
import { signedIn } from '../factories/submissions';

const { app, db } = await testApp();
const organizer = await signedIn(db, { role: 'organizer' });

type OwnProduct = {
  id: number;
  name: string;
  tagline: string;
  status: string;
  rejectionReason: string | null;
  latestRevision: null | {
    id: number;
    status: string;
    tagline: string;
    name: string;
    rejectionReason: string | null;
  };
};

async function patch(id: number, cookie: string, body: unknown) {
  const res = await app.request(`/api/v1/products/${id}`, {
    method: 'PATCH',
    headers: writeHeaders(cookie),
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as OwnProduct & { errors?: Record<string, string[]> },
  };
}

const decide = (kind: 'products' | 'revisions', id: number, body: unknown) =>
  app.request(`/api/v1/admin/${kind}/${id}/decision`, {
    method: 'POST',
    headers: writeHeaders(organizer.cookie),
    body: JSON.stringify(body),
  });

const publicProduct = async (id: number) => {
  const res = await app.request(`/api/v1/products/${id}`);
  return { status: res.status, body: (await res.json()) as { tagline: string; name: string } };
};

/** Approved products whose search_text matches a query, through the FTS5 index. */
async function searchIds(query: string): Promise<number[]> {
  const match = buildSearchQuery(query);
  const rows = await db.all<{ id: number }>(
    sql`SELECT rowid AS id FROM products_fts WHERE products_fts MATCH ${match} ORDER BY rowid`,
  );
  return rows.map((r) => Number(r.id));
}

async function ownedProduct(
  status: 'pending' | 'approved' | 'rejected',
  extra: Record<string, unknown> = {},
) {
  const owner = await signedIn(db);
  const company = await insertCompany(db, owner.user.id);
  const product = await insertProduct(db, company.id, {
    ownerId: owner.user.id,
    status,
    tagline: '原来的介绍',
    ...extra,
  });
  return { owner, product };
}

describe('PATCH /api/v1/products/{id}', () => {
  it('changes a pending product in place and rebuilds its search text', async () => {
    const { owner, product } = await ownedProduct('pending');
    const res = await patch(product.id, owner.cookie, { tagline: '新的介绍：发票识别' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'pending',
      tagline: '新的介绍：发票识别',
      latestRevision: null,
    });
    const [row] = await db.select().from(products).where(eq(products.id, product.id));
    expect(row?.searchText).toBe(productSearchText({ ...product, tagline: '新的介绍：发票识别' }));
    expect(
      await db.select().from(productRevisions).where(eq(productRevisions.productId, product.id)),
    ).toEqual([]);
  });

  it('clears an optional field sent as null or empty, keeps one left out', async () => {
    const { owner, product } = await ownedProduct('pending', {
      nameEn: 'Invoice Reader',
      taglineEn: 'Reads invoices',
      model: '紫东太初 3.0',
    });
    const res = await patch(product.id, owner.cookie, { nameEn: null, model: '' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ nameEn: null, model: null, taglineEn: 'Reads invoices' });
    const [row] = await db.select().from(products).where(eq(products.id, product.id));
    expect(row).toMatchObject({ nameEn: null, model: null, taglineEn: 'Reads invoices' });
    expect(row?.searchText).not.toContain('invoice reader');
  });

  it('sends a rejected product back to pending and clears the old reason', async () => {
    const { owner, product } = await ownedProduct('rejected', { rejectionReason: '介绍不清楚' });
    const res = await patch(product.id, owner.cookie, { description: '更清楚的介绍' });
    expect(res.body).toMatchObject({ status: 'pending', rejectionReason: null });
  });

  it('keeps the approved version public until the revision is approved, then rebuilds search_text', async () => {
    const { owner, product } = await ownedProduct('approved', { name: '发票助手' });
    expect(await searchIds('报销')).not.toContain(product.id);

    const edited = await patch(product.id, owner.cookie, { tagline: '报销单据一键识别', tags: ['财务'] });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'approved', tagline: '原来的介绍' });
    expect(edited.body.latestRevision).toMatchObject({ status: 'pending', tagline: '报销单据一键识别' });

    // The public version is unchanged and the edit is not searchable.
    expect((await publicProduct(product.id)).body.tagline).toBe('原来的介绍');
    expect(await searchIds('报销')).not.toContain(product.id);

    // A second edit replaces the pending revision and starts from it.
    const again = await patch(product.id, owner.cookie, { name: '发票报销助手' });
    expect(again.body.latestRevision).toMatchObject({
      status: 'pending',
      name: '发票报销助手',
      tagline: '报销单据一键识别',
    });
    const pending = await db
      .select()
      .from(productRevisions)
      .where(eq(productRevisions.productId, product.id));
    expect(pending).toHaveLength(1);

    const approved = await decide('revisions', again.body.latestRevision?.id ?? 0, { decision: 'approve' });
    expect(approved.status).toBe(200);
    const shown = await publicProduct(product.id);
    expect(shown.body).toMatchObject({ name: '发票报销助手', tagline: '报销单据一键识别' });
    const [row] = await db.select().from(products).where(eq(products.id, product.id));
    expect(row?.status).toBe('approved');
    expect(row?.tags).toEqual(['财务']);
    expect(row?.searchText).toBe(
      productSearchText({
        name: '发票报销助手',
        tagline: '报销单据一键识别',
        description: product.description,
        tags: ['财务'],
        category: product.category,
      }),
    );
    expect(await searchIds('报销')).toContain(product.id);
  });

  it('shows the owner a rejected revision with its reason while the approved version stays', async () => {
    const { owner, product } = await ownedProduct('approved');
    const edited = await patch(product.id, owner.cookie, { tagline: '全国第一的智能体' });
    const rejected = await decide('revisions', edited.body.latestRevision?.id ?? 0, {
      decision: 'reject',
      reason: '请勿使用“第一”等绝对化用语',
    });
    expect(rejected.status).toBe(200);
    const mine = (await (
      await app.request('/api/v1/me/products', { headers: { cookie: owner.cookie } })
    ).json()) as {
      items: OwnProduct[];
    };
    expect(mine.items[0]).toMatchObject({
      status: 'approved',
      tagline: '原来的介绍',
      latestRevision: { status: 'rejected', rejectionReason: '请勿使用“第一”等绝对化用语' },
    });
    expect((await publicProduct(product.id)).body.tagline).toBe('原来的介绍');
  });

  it('answers 404 for someone else’s product and 422 for an empty or invalid patch', async () => {
    const { owner, product } = await ownedProduct('pending');
    const other = await signedIn(db);
    expect((await patch(product.id, other.cookie, { tagline: '抢过来' })).status).toBe(404);
    expect((await patch(product.id, owner.cookie, {})).status).toBe(422);
    const bad = await patch(product.id, owner.cookie, { website: 'javascript:alert(1)' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.website).toBeDefined();
    const [row] = await db.select().from(products).where(eq(products.id, product.id));
    expect(row?.tagline).toBe('原来的介绍');
  });
});

describe('product approval', () => {
  it('makes a pending product public once approved', async () => {
    const { product } = await ownedProduct('pending');
    expect((await publicProduct(product.id)).status).toBe(404);
    expect((await decide('products', product.id, { decision: 'approve' })).status).toBe(200);
    expect((await publicProduct(product.id)).status).toBe(200);
    const [row] = await db.select().from(products).where(eq(products.id, product.id));
    expect(row?.approvedAt).toBeInstanceOf(Date);
  });
});
