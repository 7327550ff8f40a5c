/**
 * Founders' submissions through the API on a real database: company registration (credit code
 * checksum, normalisation, uniqueness by the index, resubmission after rejection), membership
 * applications, product validation and idempotent creates.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { communityMemberships, companies, products } from '~/functions/db/schema';
import { testApp } from '../factories/app';
import { buildCatalog, buildCommunity } from '../factories/catalog';
import { testConfig } from '../factories/db';
import { insertCompany } from '../factories/records';
import { writeHeaders } from '../factories/session';
import { companyBody, productBody, rowCounts, signedIn } from '../factories/submissions';

const catalog = buildCatalog({ communities: [buildCommunity('hanjiang-ai'), buildCommunity('guanggu-opc')] });
const { app, db } = await testApp({ catalog });
const organizer = await signedIn(db, { role: 'organizer' });

type Json = Record<string, unknown> & { errors?: Record<string, string[]>; code?: string };

const send = async (
  method: string,
  path: string,
  cookie: string | undefined,
  body?: unknown,
  headers = {},
) => {
  const res = await app.request(path, {
    method,
    headers: writeHeaders(cookie, headers),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Json };
};

describe('POST /api/v1/companies', () => {
  it('registers a company as pending, upper-casing a lower-case credit code', async () => {
    const { cookie, user } = await signedIn(db);
    const res = await send(
      'POST',
      '/api/v1/companies',
      cookie,
      companyBody({ creditCode: ' 91350100m000100y43 ' }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      creditCode: '91350100M000100Y43',
      status: 'pending',
      rejectionReason: null,
    });
    const [row] = await db
      .select()
      .from(companies)
      .where(eq(companies.id, Number(res.body.id)));
    expect(row).toMatchObject({ ownerId: user.id, creditCode: '91350100M000100Y43', status: 'pending' });
  });

  it('refuses a wrong check character, a wrong length and letters outside the alphabet', async () => {
    const { cookie } = await signedIn(db);
    for (const creditCode of ['91350100M000100Y44', '91350100M000100Y4', '91350100I000100Y43', '']) {
      const before = await rowCounts(db);
      const res = await send('POST', '/api/v1/companies', cookie, companyBody({ creditCode }));
      expect(res.status, creditCode).toBe(422);
      expect(res.body.errors?.creditCode?.[0]).toBeTruthy();
      expect(await rowCounts(db)).toEqual(before);
    }
  });

  it('answers 409 with a localized message for a credit code already registered, enforced by the unique index', async () => {
    const first = await signedIn(db);
    const second = await signedIn(db);
    const body = companyBody();
    expect((await send('POST', '/api/v1/companies', first.cookie, body)).status).toBe(201);
    const zh = await send('POST', '/api/v1/companies', second.cookie, {
      ...body,
      creditCode: body.creditCode.toLowerCase(),
    });
    expect(zh.status).toBe(409);
    expect(zh.body).toMatchObject({
      code: 'credit_code_taken',
      detail: '这个统一社会信用代码已被登记，不能重复登记。',
    });
    const en = await send('POST', '/api/v1/companies', first.cookie, body, { 'accept-language': 'en' });
    expect(en.body.detail).toBe('A company with this unified social credit code is already registered.');
    const rows = await db.select().from(companies).where(eq(companies.creditCode, body.creditCode));
    expect(rows).toHaveLength(1);
  });

  it('lets the owner resubmit a rejected company with the same code (back to pending); a rejected code is free for others', async () => {
    const owner = await signedIn(db);
    const other = await signedIn(db);
    const body = companyBody();
    const created = await send('POST', '/api/v1/companies', owner.cookie, body);
    const id = Number(created.body.id);
    const reject = () =>
      send('POST', `/api/v1/admin/companies/${id}/decision`, organizer.cookie, {
        decision: 'reject',
        reason: '营业执照名称与填写不一致',
      });
    expect((await reject()).status).toBe(200);
    const again = await send('POST', '/api/v1/companies', owner.cookie, {
      ...body,
      name: '江城智算（武汉）一人公司',
    });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({
      id,
      name: '江城智算（武汉）一人公司',
      status: 'pending',
      rejectionReason: null,
    });
    // A pending or verified company cannot be registered again, by its owner or anyone else.
    expect((await send('POST', '/api/v1/companies', owner.cookie, body)).status).toBe(409);
    expect((await send('POST', '/api/v1/companies', other.cookie, body)).status).toBe(409);
    // Rejected, the code is free for someone else (decision 010), and then no longer the owner's.
    expect((await reject()).status).toBe(200);
    expect((await send('POST', '/api/v1/companies', other.cookie, body)).status).toBe(201);
    expect((await send('POST', '/api/v1/companies', owner.cookie, body)).status).toBe(409);
  });

  it('refuses a website that is not http(s) and keeps an empty website as none', async () => {
    const { cookie } = await signedIn(db);
    const bad = await send(
      'POST',
      '/api/v1/companies',
      cookie,
      companyBody({ website: 'javascript:alert(1)' }),
    );
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors ?? {})).toEqual(['website']);
    const none = await send('POST', '/api/v1/companies', cookie, companyBody({ website: '' }));
    expect(none.status).toBe(201);
    expect(none.body.website).toBeNull();
  });

  it('is idempotent with Idempotency-Key: same key, same answer and one row; same key, other body → 422', async () => {
    const { cookie } = await signedIn(db);
    const body = companyBody();
    const key = { 'idempotency-key': 'company-key-0001' };
    const before = await rowCounts(db);
    const first = await send('POST', '/api/v1/companies', cookie, body, key);
    const second = await send('POST', '/api/v1/companies', cookie, body, key);
    expect(first.status).toBe(201);
    expect(second).toEqual(first);
    expect((await rowCounts(db)).companies).toBe(before.companies + 1);
    const reused = await send('POST', '/api/v1/companies', cookie, companyBody(), key);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
    expect((await rowCounts(db)).companies).toBe(before.companies + 1);
  });
});

describe('POST /api/v1/companies/{id}/memberships', () => {
  it('applies once per company and community; a declined application can be reopened', async () => {
    const { cookie, user } = await signedIn(db);
    const company = await insertCompany(db, user.id);
    const path = `/api/v1/companies/${company.id}/memberships`;
    const applied = await send('POST', path, cookie, { communitySlug: 'hanjiang-ai', message: '希望入驻' });
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({
      companyId: company.id,
      communitySlug: 'hanjiang-ai',
      status: 'pending',
    });
    const twice = await send('POST', path, cookie, { communitySlug: 'hanjiang-ai' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('membership_exists');

    const id = Number(applied.body.id);
    const declined = await send('POST', `/api/v1/admin/memberships/${id}/decision`, organizer.cookie, {
      decision: 'decline',
      reason: '工位已满',
    });
    expect(declined.body).toMatchObject({ status: 'declined', reason: '工位已满' });
    const reopened = await send('POST', path, cookie, { communitySlug: 'hanjiang-ai', message: '已扩容' });
    expect(reopened.status).toBe(201);
    expect(reopened.body).toMatchObject({ id, status: 'pending', decisionReason: null, message: '已扩容' });
    const rows = await db
      .select()
      .from(communityMemberships)
      .where(eq(communityMemberships.companyId, company.id));
    expect(rows).toHaveLength(1);
    // Another community is another application.
    expect((await send('POST', path, cookie, { communitySlug: 'guanggu-opc' })).status).toBe(201);
  });

  it('refuses a community that is not in the catalog', async () => {
    const { cookie, user } = await signedIn(db);
    const company = await insertCompany(db, user.id);
    const res = await send('POST', `/api/v1/companies/${company.id}/memberships`, cookie, {
      communitySlug: 'no-such-place',
    });
    expect(res.status).toBe(422);
    expect(res.body.errors?.communitySlug).toBeDefined();
  });
});

describe('POST /api/v1/products', () => {
  it('submits a pending product with normalised tags and search text', async () => {
    const { cookie, user } = await signedIn(db);
    const company = await insertCompany(db, user.id);
    const res = await send(
      'POST',
      '/api/v1/products',
      cookie,
      productBody(company.id, { tags: [' Legal ', 'legal', 'LLM', '', '合同'] }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'pending',
      tags: ['legal', 'llm', '合同'],
      companyName: company.name,
    });
    const [row] = await db
      .select()
      .from(products)
      .where(eq(products.id, Number(res.body.id)));
    expect(row?.ownerId).toBe(user.id);
    expect(row?.searchText).toContain('合同');
    expect(row?.description).toBe('上传合同，自动标出风险条款。\n支持中文与英文合同。');
  });

  it('refuses javascript: and other non-http URLs, overlong fields, control characters and too many tags', async () => {
    const { cookie, user } = await signedIn(db);
    const company = await insertCompany(db, user.id);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ website: 'javascript:alert(1)' }, 'website'],
      [{ website: 'JavaScript:alert(document.cookie)' }, 'website'],
      [{ website: 'data:text/html,<script>alert(1)</script>' }, 'website'],
      [{ website: 'ftp://files.example.com' }, 'website'],
      [{ tagline: '很'.repeat(81) }, 'tagline'],
      [{ name: 'x'.repeat(81) }, 'name'],
      [{ description: 'a'.repeat(5001) }, 'description'],
      [{ name: 'bell\u0007name' }, 'name'],
      [{ tagline: 'two\nlines' }, 'tagline'],
      [{ description: 'bidi \u202E override' }, 'description'],
      [{ tags: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'tags'],
      [{ tags: ['x'.repeat(21)] }, 'tags'],
      [{ kind: 'robot' }, 'kind'],
      [{ category: 'weapons' }, 'category'],
    ];
    const before = await rowCounts(db);
    for (const [override, field] of cases) {
      const res = await send('POST', '/api/v1/products', cookie, productBody(company.id, override));
      expect(res.status, JSON.stringify(override)).toBe(422);
      expect(Object.keys(res.body.errors ?? {}), JSON.stringify(override)).toContain(field);
    }
    expect(await rowCounts(db)).toEqual(before);
  });

  it('keeps script tags as plain text, exactly as written', async () => {
    const { cookie, user } = await signedIn(db);
    const company = await insertCompany(db, user.id);
    const description = '<script>alert("x")</script>\n<b>bold</b> & <img src=x onerror=alert(1)>';
    const res = await send(
      'POST',
      '/api/v1/products',
      cookie,
      productBody(company.id, { description, tagline: '<i>名</i>' }),
    );
    expect(res.status).toBe(201);
    const mine = await app.request('/api/v1/me/products', { headers: { cookie } });
    const page = (await mine.json()) as { items: Array<{ description: string; tagline: string }> };
    expect(page.items[0]).toMatchObject({ description, tagline: '<i>名</i>' });
  });

  it('refuses a name made of markup, in both languages, and writes nothing', async () => {
    const { cookie, user } = await signedIn(db);
    const company = await insertCompany(db, user.id);
    for (const [field, value] of [
      ['name', '<script>alert(1)</script>'],
      ['name', '</b>智能体'],
      ['nameEn', 'Agent <img src=x onerror=alert(1)>'],
    ] as const) {
      const res = await send('POST', '/api/v1/products', cookie, productBody(company.id, { [field]: value }));
      expect(res.status).toBe(422);
      expect(res.body.errors?.[field]).toEqual(['名称不能包含 HTML 标记（如 <script>）。']);
    }
    // A name that merely mentions a comparison is not markup.
    const fine = await send(
      'POST',
      '/api/v1/products',
      cookie,
      productBody(company.id, { name: '成本 <5 元的客服' }),
    );
    expect(fine.status).toBe(201);
    expect(await db.select().from(products).where(eq(products.ownerId, user.id))).toHaveLength(1);
  });

  it('gives a website typed without a scheme https://, and says to choose a kind left unchosen', async () => {
    const { cookie, user } = await signedIn(db);
    const company = await insertCompany(db, user.id);
    const res = await send(
      'POST',
      '/api/v1/products',
      cookie,
      productBody(company.id, { website: 'example.com/app' }),
    );
    expect(res.status).toBe(201);
    expect(res.body.website).toBe('https://example.com/app');
    const refused = await send(
      'POST',
      '/api/v1/products',
      cookie,
      productBody(company.id, { website: 'javascript:alert(1)', kind: '', category: 'nope' }),
    );
    expect(refused.status).toBe(422);
    // All at once, each specific.
    expect(refused.body.errors).toMatchObject({
      website: ['请输入以 http:// 或 https:// 开头的网址。'],
      kind: ['请选择一项。'],
      category: ['格式不正确。'],
    });
  });

  it('is idempotent with Idempotency-Key', async () => {
    const { cookie, user } = await signedIn(db);
    const company = await insertCompany(db, user.id);
    const key = { 'idempotency-key': 'product-key-0001' };
    const body = productBody(company.id);
    const first = await send('POST', '/api/v1/products', cookie, body, key);
    const second = await send('POST', '/api/v1/products', cookie, body, key);
    expect(first.status).toBe(201);
    expect(second).toEqual(first);
    expect(await db.select().from(products).where(eq(products.ownerId, user.id))).toHaveLength(1);
    const reused = await send('POST', '/api/v1/products', cookie, { ...body, name: '另一个' }, key);
    expect(reused.status).toBe(422);
    expect(await db.select().from(products).where(eq(products.ownerId, user.id))).toHaveLength(1);
  });

  it('accepts a product of a pending company (approval waits for verification)', async () => {
    const { cookie, user } = await signedIn(db);
    const company = await insertCompany(db, user.id, { status: 'pending' });
    expect((await send('POST', '/api/v1/products', cookie, productBody(company.id))).status).toBe(201);
  });
});

describe('GET /api/v1/me/companies and /me/products', () => {
  it('pages through only the signed-in founder’s records, with memberships', async () => {
    const { cookie, user } = await signedIn(db);
    const other = await signedIn(db);
    await insertCompany(db, other.user.id);
    for (let i = 0; i < 3; i++) await insertCompany(db, user.id, { name: `公司${i}` });
    const first = (await (
      await app.request('/api/v1/me/companies?limit=2', { headers: { cookie } })
    ).json()) as {
      items: Array<{ name: string; memberships: unknown[] }>;
      nextCursor: string | null;
    };
    expect(first.items.map((c) => c.name)).toEqual(['公司2', '公司1']);
    expect(first.items[0]?.memberships).toEqual([]);
    const rest = (await (
      await app.request(`/api/v1/me/companies?limit=2&cursor=${first.nextCursor}`, { headers: { cookie } })
    ).json()) as { items: Array<{ name: string }>; nextCursor: string | null };
    expect(rest.items.map((c) => c.name)).toEqual(['公司0']);
    expect(rest.nextCursor).toBeNull();
  });
});

describe('submission rate limit', () => {
  it('answers 429 with Retry-After beyond RATE_LIMIT_SUBMIT per account, creating nothing more', async () => {
    const config = testConfig();
    const limited = await testApp({
      config: {
        ...config,
        rateLimitRules: { ...config.rateLimitRules, submit: { limit: 2, windowSeconds: 3600 } },
      },
    });
    const { cookie } = await signedIn(limited.db);
    const post = () =>
      limited.app.request('/api/v1/companies', {
        method: 'POST',
        headers: writeHeaders(cookie),
        body: JSON.stringify(companyBody()),
      });
    expect((await post()).status).toBe(201);
    expect((await post()).status).toBe(201);
    const third = await post();
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await rowCounts(limited.db)).companies).toBe(2);
  });
});
