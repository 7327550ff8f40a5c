/** Builders for founders' submissions and moderation tests: signed-in users, valid bodies, row counts. */
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '~/functions/db/client';
import type { users } from '~/functions/db/schema';
import type { ProductFields } from '~/functions/schemas/product-fields';
import { creditCode, insertUser } from './records';
import { sessionCookieFor } from './session';

export type Role = 'founder' | 'organizer' | 'admin';

/** A user with a session cookie; verified email unless `emailVerifiedAt: null` is passed. */
export async function signedIn(db: Db, overrides: Partial<typeof users.$inferInsert> = {}) {
  const user = await insertUser(db, overrides);
  return { user, cookie: await sessionCookieFor(db, user.id) };
}

export const companyBody = (overrides: Record<string, unknown> = {}) => ({
  name: '江城智算一人公司',
  creditCode: creditCode(),
  founderName: '李四',
  district: 'jiangan',
  businessScope: '人工智能应用软件开发；信息技术咨询服务',
  website: 'https://opc.example.com',
  ...overrides,
});

/** Valid product fields: a new required field in ProductFields fails to compile here until it has a value. */
const validProductFields = {
  name: '合同审查智能体',
  tagline: '十分钟读完一份合同',
  description: '上传合同，自动标出风险条款。\n支持中文与英文合同。',
  website: 'https://agent.example.com',
  kind: 'agent',
  category: 'legal',
  tags: ['合同', 'Legal'],
} satisfies z.input<typeof ProductFields>;

export const productBody = (companyId: number, overrides: Record<string, unknown> = {}) => ({
  ...validProductFields,
  companyId,
  ...overrides,
});

const COUNTED_TABLES = [
  'companies',
  'community_memberships',
  'products',
  'product_revisions',
  'votes',
  'audit_log',
  'outbox',
  'users',
] as const;

/** Row counts of every table a submission or decision can touch, to prove a refused request changed nothing. */
export async function rowCounts(db: Db): Promise<Record<(typeof COUNTED_TABLES)[number], number>> {
  const counts = await Promise.all(
    COUNTED_TABLES.map(async (table) => {
      const [row] = await db.all<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`));
      return [table, Number(row?.n ?? 0)] as const;
    }),
  );
  return Object.fromEntries(counts) as Record<(typeof COUNTED_TABLES)[number], number>;
}

/** A fingerprint of the moderated state (statuses, reasons, roles, vote counts), to prove nothing changed. */
export async function moderatedState(db: Db): Promise<string> {
  const parts = await Promise.all(
    [
      'SELECT id, status, rejection_reason, name, tagline, vote_count FROM products ORDER BY id',
      'SELECT id, status, rejection_reason FROM companies ORDER BY id',
      'SELECT id, status, decision_reason FROM community_memberships ORDER BY id',
      'SELECT id, status, rejection_reason FROM product_revisions ORDER BY id',
      'SELECT id, role FROM users ORDER BY id',
    ].map((query) => db.all(sql.raw(query))),
  );
  return JSON.stringify(parts);
}
