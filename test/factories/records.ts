/** Builders of database rows for tests, through drizzle on the real schema. */
import type { Db } from '~/functions/db/client';
import {
  communityMemberships,
  companies,
  events,
  products,
  teamMembers,
  teams,
  users,
} from '~/functions/db/schema';
import { creditCodeCheckChar } from '~/functions/lib/credit-code';
import { productSearchText } from '~/functions/services/products/product-search-text';

// Browser test files run in parallel processes on one database: each process numbers its rows from
// its own random start, so unique values (emails, credit codes) of two files never meet.
let sequence = Math.floor(Math.random() * 9_000_000);
const next = () => ++sequence;
const at = new Date('2026-11-01T00:00:00Z');

export async function insertUser(db: Db, overrides: Partial<typeof users.$inferInsert> = {}) {
  const n = next();
  const [row] = await db
    .insert(users)
    .values({
      email: `user${n}@example.com`,
      name: `用户${n}`,
      passwordHash: 'pbkdf2-sha256$1$AAAA$AAAA',
      emailVerifiedAt: at,
      consentVersion: 'test',
      consentedAt: at,
      createdAt: at,
      updatedAt: at,
      ...overrides,
    })
    .returning();
  if (!row) throw new Error('insertUser failed');
  return row;
}

/** A checksum-valid 统一社会信用代码 that differs per call. */
export function creditCode(): string {
  const body = `91420100MA${String(next()).padStart(7, '0')}`;
  return body + creditCodeCheckChar(body);
}

export async function insertCompany(
  db: Db,
  ownerId: number,
  overrides: Partial<typeof companies.$inferInsert> = {},
) {
  const [row] = await db
    .insert(companies)
    .values({
      name: `测试一人公司${next()}`,
      creditCode: creditCode(),
      ownerId,
      founderName: '张三',
      district: 'jiangan',
      businessScope: '人工智能应用软件开发',
      status: 'verified',
      createdAt: at,
      updatedAt: at,
      ...overrides,
    })
    .returning();
  if (!row) throw new Error('insertCompany failed');
  return row;
}

export async function insertProduct(
  db: Db,
  companyId: number,
  overrides: Partial<typeof products.$inferInsert> & { name?: string } = {},
) {
  const name = overrides.name ?? `产品${next()}`;
  const tagline = overrides.tagline ?? '一句话介绍';
  const description = overrides.description ?? '产品描述';
  const tags = overrides.tags ?? [];
  const status = overrides.status ?? 'approved';
  const [row] = await db
    .insert(products)
    .values({
      companyId,
      name,
      tagline,
      description,
      website: 'https://product.example.com',
      kind: 'product',
      category: 'office',
      tags,
      status,
      searchText: productSearchText({ name, tagline, description, tags }),
      approvedAt: status === 'approved' ? at : null,
      createdAt: at,
      updatedAt: at,
      ...overrides,
    })
    .returning();
  if (!row) throw new Error('insertProduct failed');
  return row;
}

export async function insertTeam(
  db: Db,
  leaderId: number,
  overrides: Partial<typeof teams.$inferInsert> = {},
) {
  const [row] = await db
    .insert(teams)
    .values({
      contestSlug: 'test-contest',
      track: 'general',
      name: `团队${next()}`,
      leaderId,
      inviteCode: `code${next()}`,
      createdAt: at,
      updatedAt: at,
      ...overrides,
    })
    .returning();
  if (!row) throw new Error('insertTeam failed');
  await db
    .insert(teamMembers)
    .values({ teamId: row.id, userId: leaderId, contestSlug: row.contestSlug, joinedAt: at });
  return row;
}

/** A company's membership of a community (approved unless told otherwise). */
export async function insertMembership(
  db: Db,
  companyId: number,
  communitySlug: string,
  overrides: Partial<typeof communityMemberships.$inferInsert> = {},
) {
  const [row] = await db
    .insert(communityMemberships)
    .values({ companyId, communitySlug, status: 'approved', createdAt: at, ...overrides })
    .returning();
  if (!row) throw new Error('insertMembership failed');
  return row;
}

export type EventOverrides = Partial<Omit<typeof events.$inferInsert, 'startsAt' | 'endsAt'>> & {
  startsAt?: string | Date;
  endsAt?: string | Date;
  community?: string;
};

/** A published event (texts in both languages unless overridden), 2026-12-01 14:00–17:00 Beijing time. */
export async function insertEvent(db: Db, slug = `event-${next()}`, overrides: EventOverrides = {}) {
  const { startsAt, endsAt, community, ...rest } = overrides;
  const [row] = await db
    .insert(events)
    .values({
      slug,
      status: 'published',
      titleZh: '测试活动',
      titleEn: 'Test event',
      summaryZh: '测试',
      summaryEn: 'Test',
      descriptionZh: '测试',
      descriptionEn: 'Test',
      venueZh: '长江场景创新中心',
      venueEn: 'Changjiang Scene Innovation Centre',
      startsAt: new Date(startsAt ?? '2026-12-01T14:00:00+08:00'),
      endsAt: new Date(endsAt ?? '2026-12-01T17:00:00+08:00'),
      communitySlug: community ?? null,
      createdAt: at,
      updatedAt: at,
      ...rest,
    })
    .returning();
  if (!row) throw new Error('insertEvent failed');
  return row;
}
