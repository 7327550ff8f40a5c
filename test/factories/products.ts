/** Builders for product listings: community memberships and a realistic bulk catalog of products. */
import { sql } from 'drizzle-orm';
import type { Db } from '~/functions/db/client';
import { communityMemberships, products } from '~/functions/db/schema';
import { productCategories } from '~/functions/schemas/taxonomy';
import { productSearchText } from '~/functions/services/products/product-search-text';
import { insertCompany, insertUser } from './records';

const at = new Date('2026-11-01T00:00:00Z');

export async function insertMembership(
  db: Db,
  companyId: number,
  communitySlug: string,
  status: 'pending' | 'approved' | 'declined' = 'approved',
) {
  const [row] = await db
    .insert(communityMemberships)
    .values({ companyId, communitySlug, status, createdAt: at })
    .returning();
  if (!row) throw new Error('insertMembership failed');
  return row;
}

export const BULK_TAGS = ['agent', 'llm', 'rag', '医疗', '法律', '教育', '工业', 'workflow', '数据', '合同'];
const WORDS = [
  '智能体',
  '大模型',
  '合同',
  '医疗',
  '影像',
  '教育',
  '工业',
  '质检',
  '知识库',
  'agent',
  'workflow',
];

/**
 * `count` products over `companies` companies spread across `communities` (each company an approved
 * member of one or two), kinds, categories, tags, vote counts and approval times; about one in ten
 * pending or rejected. Then ANALYZE, so the planner decides on realistic statistics.
 */
export async function seedBulkProducts(
  db: Db,
  opts: { count: number; companies: number; communities: readonly string[] },
) {
  const owner = await insertUser(db);
  const companyIds: number[] = [];
  for (let i = 0; i < opts.companies; i++) {
    const company = await insertCompany(db, owner.id, { name: `批量公司${i}` });
    companyIds.push(company.id);
    const first = opts.communities[i % opts.communities.length];
    const second = opts.communities[(i * 7 + 3) % opts.communities.length];
    if (first) await insertMembership(db, company.id, first);
    if (second && second !== first)
      await insertMembership(db, company.id, second, i % 3 ? 'approved' : 'pending');
  }
  const categories = productCategories.keys;
  const rows = Array.from({ length: opts.count }, (_, i) => {
    const status = i % 10 === 3 ? 'pending' : i % 10 === 7 ? 'rejected' : 'approved';
    const tags = [BULK_TAGS[i % BULK_TAGS.length], BULK_TAGS[(i * 3 + 1) % BULK_TAGS.length]].filter(
      (t, j, all): t is string => t !== undefined && all.indexOf(t) === j,
    );
    const name = `批量产品${i} ${WORDS[i % WORDS.length]}`;
    const tagline = `${WORDS[(i * 5) % WORDS.length]}助手`;
    const description = `${WORDS[(i * 7) % WORDS.length]} ${WORDS[(i * 11) % WORDS.length]} 服务一人公司`;
    return {
      companyId: companyIds[i % companyIds.length] ?? 0,
      name,
      tagline,
      description,
      website: 'https://bulk.example.com',
      kind: i % 3 === 0 ? ('agent' as const) : ('product' as const),
      category: categories[i % categories.length] ?? 'office',
      tags,
      status: status as 'pending' | 'rejected' | 'approved',
      searchText: productSearchText({ name, tagline, description, tags }),
      voteCount: (i * 37) % 23,
      approvedAt: status === 'approved' ? new Date(at.getTime() - (i % 97) * 3_600_000) : null,
      createdAt: at,
      updatedAt: at,
    };
  });
  for (let i = 0; i < rows.length; i += 100) await db.insert(products).values(rows.slice(i, i + 100));
  await db.run(sql`ANALYZE`);
  return { companyIds };
}
