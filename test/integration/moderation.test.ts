/**
 * Moderation decisions: each commits together with its audit row (before/after, pseudonymous actor)
 * and the owner's notification in the outbox, or not at all; approval needs a verified company;
 * reasons reach the owner; roles are granted and revoked by admins only.
 */
import { desc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, companies, outbox, users } from '~/functions/db/schema';
import { pseudonym } from '~/functions/lib/audit';
import { testApp } from '../factories/app';
import { testConfig } from '../factories/db';
import { insertMembership } from '../factories/products';
import { insertCompany, insertProduct } from '../factories/records';
import { writeHeaders } from '../factories/session';
import { companyBody, moderatedState, rowCounts, signedIn } from '../factories/submissions';

const { app, db } = await testApp();
const organizer = await signedIn(db, { role: 'organizer' });
const admin = await signedIn(db, { role: 'admin' });

type Json = Record<string, unknown> & { code?: string; errors?: Record<string, string[]> };

async function send(method: string, path: string, cookie: string, body?: unknown, headers = {}) {
  const res = await app.request(path, {
    method,
    headers: writeHeaders(cookie, headers),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

const lastAudit = async () => (await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0];
const mailTo = (email: string) => db.select().from(outbox).where(eq(outbox.toEmail, email));

describe('company decisions', () => {
  it('verifies a company with an audit row and a notification to the owner', async () => {
    const owner = await signedIn(db, { locale: 'en' });
    const created = await send(
      'POST',
      '/api/v1/companies',
      owner.cookie,
      companyBody({ name: 'Hanjiang Compute' }),
    );
    const id = Number(created.body.id);
    const before = await rowCounts(db);
    const res = await send('POST', `/api/v1/admin/companies/${id}/decision`, organizer.cookie, {
      decision: 'verify',
    });
    expect(res).toEqual({ status: 200, body: { id, status: 'verified', reason: null } });

    const after = await rowCounts(db);
    expect(after.audit_log).toBe(before.audit_log + 1);
    expect(after.outbox).toBe(before.outbox + 1);
    expect(await lastAudit()).toMatchObject({
      action: 'company.verify',
      targetType: 'company',
      targetId: String(id),
      actor: pseudonym(testConfig(), organizer.user.id),
      actorRole: 'organizer',
      before: { status: 'pending', rejectionReason: null },
      after: { status: 'verified', rejectionReason: null },
    });
    const [mail] = await mailTo(owner.user.email);
    expect(mail).toMatchObject({ template: 'moderation-decision', locale: 'en' });
    expect(mail?.subject).toContain('Hanjiang Compute');
    const [row] = await db.select().from(companies).where(eq(companies.id, id));
    expect(row).toMatchObject({ status: 'verified', reviewedBy: organizer.user.id });
  });

  it('needs a reason to reject, and the owner sees it on their companies', async () => {
    const owner = await signedIn(db);
    const company = await insertCompany(db, owner.user.id, { status: 'pending' });
    const path = `/api/v1/admin/companies/${company.id}/decision`;
    const state = await moderatedState(db);
    const noReason = await send('POST', path, organizer.cookie, { decision: 'reject', reason: '  ' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors?.reason).toBeDefined();
    expect(await moderatedState(db)).toBe(state);

    expect(
      (await send('POST', path, organizer.cookie, { decision: 'reject', reason: '信用代码与营业执照不符' }))
        .status,
    ).toBe(200);
    const mine = (await (
      await app.request('/api/v1/me/companies', { headers: { cookie: owner.cookie } })
    ).json()) as {
      items: Array<{ id: number; status: string; rejectionReason: string }>;
    };
    expect(mine.items.find((c) => c.id === company.id)).toMatchObject({
      status: 'rejected',
      rejectionReason: '信用代码与营业执照不符',
    });
    const [mail] = await mailTo(owner.user.email);
    expect(mail?.body).toContain('信用代码与营业执照不符');
  });

  it('answers 409 for a decision on a record already decided, writing nothing', async () => {
    const owner = await signedIn(db);
    const company = await insertCompany(db, owner.user.id, { status: 'verified' });
    const before = await rowCounts(db);
    const res = await send('POST', `/api/v1/admin/companies/${company.id}/decision`, organizer.cookie, {
      decision: 'reject',
      reason: '改主意了',
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('already_decided');
    expect(await rowCounts(db)).toEqual(before);
    expect(
      (
        await send('POST', '/api/v1/admin/companies/999999/decision', organizer.cookie, {
          decision: 'verify',
        })
      ).status,
    ).toBe(404);
  });

  it('rolls the decision and its audit row back when the notification cannot be written', async () => {
    const owner = await signedIn(db);
    const company = await insertCompany(db, owner.user.id, { status: 'pending' });
    const before = await rowCounts(db);
    await db.run(
      sql`CREATE TRIGGER test_outbox_down BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox down'); END`,
    );
    try {
      const res = await send('POST', `/api/v1/admin/companies/${company.id}/decision`, organizer.cookie, {
        decision: 'verify',
      });
      expect(res.status).toBe(500);
    } finally {
      await db.run(sql`DROP TRIGGER test_outbox_down`);
    }
    expect(await rowCounts(db)).toEqual(before);
    const [row] = await db.select().from(companies).where(eq(companies.id, company.id));
    expect(row?.status).toBe('pending');
  });
});

describe('product decisions', () => {
  it('refuses to approve a product of an unverified company with 409, changing nothing', async () => {
    const owner = await signedIn(db);
    const company = await insertCompany(db, owner.user.id, { status: 'pending' });
    const product = await insertProduct(db, company.id, { ownerId: owner.user.id, status: 'pending' });
    const before = await rowCounts(db);
    const state = await moderatedState(db);
    const res = await send(
      'POST',
      `/api/v1/admin/products/${product.id}/decision`,
      organizer.cookie,
      { decision: 'approve' },
      {
        'accept-language': 'en',
      },
    );
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'company_not_verified',
      detail: 'The company is not verified yet, so the product cannot go live: verify the company first.',
    });
    expect(await rowCounts(db)).toEqual(before);
    expect(await moderatedState(db)).toBe(state);

    // Once the company is verified, the same approval goes through.
    await send('POST', `/api/v1/admin/companies/${company.id}/decision`, organizer.cookie, {
      decision: 'verify',
    });
    expect(
      (
        await send('POST', `/api/v1/admin/products/${product.id}/decision`, organizer.cookie, {
          decision: 'approve',
        })
      ).status,
    ).toBe(200);
    expect(await lastAudit()).toMatchObject({ action: 'product.approve', after: { status: 'approved' } });
  });

  it('rejects with a reason the owner sees on their products and in the mail', async () => {
    const owner = await signedIn(db);
    const company = await insertCompany(db, owner.user.id);
    const product = await insertProduct(db, company.id, { ownerId: owner.user.id, status: 'pending' });
    const res = await send('POST', `/api/v1/admin/products/${product.id}/decision`, organizer.cookie, {
      decision: 'reject',
      reason: '官网链接无法访问',
    });
    expect(res.body).toEqual({ id: product.id, status: 'rejected', reason: '官网链接无法访问' });
    const mine = (await (
      await app.request('/api/v1/me/products', { headers: { cookie: owner.cookie } })
    ).json()) as {
      items: Array<{ status: string; rejectionReason: string }>;
    };
    expect(mine.items[0]).toMatchObject({ status: 'rejected', rejectionReason: '官网链接无法访问' });
    expect((await mailTo(owner.user.email))[0]?.body).toContain('官网链接无法访问');
    expect(await lastAudit()).toMatchObject({
      action: 'product.reject',
      before: { status: 'pending' },
      after: { status: 'rejected', rejectionReason: '官网链接无法访问' },
    });
  });

  it('lists pending products, revisions and companies oldest first for organizers', async () => {
    const owner = await signedIn(db);
    const company = await insertCompany(db, owner.user.id);
    const product = await insertProduct(db, company.id, {
      ownerId: owner.user.id,
      status: 'pending',
      name: '排队的产品',
    });
    const res = await app.request('/api/v1/admin/products?status=pending&limit=100', {
      headers: { cookie: organizer.cookie },
    });
    const page = (await res.json()) as {
      items: Array<{ id: number; companyStatus: string; ownerEmail: string }>;
    };
    expect(res.status).toBe(200);
    expect(page.items.find((p) => p.id === product.id)).toMatchObject({
      companyStatus: 'verified',
      ownerEmail: owner.user.email,
    });
    const overview = (await (
      await app.request('/api/v1/admin/overview', { headers: { cookie: organizer.cookie } })
    ).json()) as {
      pendingProducts: number;
    };
    expect(overview.pendingProducts).toBeGreaterThanOrEqual(1);
  });
});

describe('membership decisions', () => {
  it('approves only members whose company is verified', async () => {
    const owner = await signedIn(db);
    const pendingCompany = await insertCompany(db, owner.user.id, { status: 'pending' });
    const application = await insertMembership(db, pendingCompany.id, 'test-community', 'pending');
    const path = `/api/v1/admin/memberships/${application.id}/decision`;
    const refused = await send('POST', path, organizer.cookie, { decision: 'approve' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('company_not_verified');
    await db.update(companies).set({ status: 'verified' }).where(eq(companies.id, pendingCompany.id));
    expect((await send('POST', path, organizer.cookie, { decision: 'approve' })).body).toMatchObject({
      status: 'approved',
    });
    expect(await lastAudit()).toMatchObject({
      action: 'membership.approve',
      targetType: 'community_membership',
    });
    expect((await mailTo(owner.user.email)).length).toBe(1);
  });
});

describe('roles', () => {
  it('lets an admin grant and revoke organizer, with audit rows', async () => {
    const target = await signedIn(db);
    const grant = await send('PUT', `/api/v1/admin/users/${target.user.id}/role`, admin.cookie, {
      role: 'organizer',
    });
    expect(grant).toMatchObject({ status: 200, body: { id: target.user.id, role: 'organizer' } });
    expect(await lastAudit()).toMatchObject({
      action: 'role.set',
      targetId: String(target.user.id),
      before: { role: 'founder' },
      after: { role: 'organizer' },
      actorRole: 'admin',
    });
    // The new role applies at the next request.
    expect((await app.request('/api/v1/admin/overview', { headers: { cookie: target.cookie } })).status).toBe(
      200,
    );
    await send('PUT', `/api/v1/admin/users/${target.user.id}/role`, admin.cookie, { role: 'founder' });
    expect((await app.request('/api/v1/admin/overview', { headers: { cookie: target.cookie } })).status).toBe(
      403,
    );
  });

  it('refuses an admin removing their own admin role, and organizers granting roles', async () => {
    const self = await send('PUT', `/api/v1/admin/users/${admin.user.id}/role`, admin.cookie, {
      role: 'organizer',
    });
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('cannot_demote_self');
    const target = await signedIn(db);
    const before = await rowCounts(db);
    const byOrganizer = await send('PUT', `/api/v1/admin/users/${target.user.id}/role`, organizer.cookie, {
      role: 'admin',
    });
    expect(byOrganizer.status).toBe(403);
    expect(await rowCounts(db)).toEqual(before);
    const [row] = await db.select({ role: users.role }).from(users).where(eq(users.id, admin.user.id));
    expect(row?.role).toBe('admin');
  });
});

describe('GET /api/v1/admin/audit', () => {
  it('pages through the log newest first, for admins only', async () => {
    const first = await app.request('/api/v1/admin/audit?limit=2', { headers: { cookie: admin.cookie } });
    expect(first.status).toBe(200);
    const page = (await first.json()) as { items: Array<{ id: number }>; nextCursor: string };
    expect(page.items).toHaveLength(2);
    expect(page.items[0]?.id).toBeGreaterThan(page.items[1]?.id ?? 0);
    const next = (await (
      await app.request(`/api/v1/admin/audit?limit=2&cursor=${page.nextCursor}`, {
        headers: { cookie: admin.cookie },
      })
    ).json()) as { items: Array<{ id: number }> };
    expect(next.items[0]?.id).toBeLessThan(page.items[1]?.id ?? 0);
    expect((await app.request('/api/v1/admin/audit', { headers: { cookie: organizer.cookie } })).status).toBe(
      403,
    );
    expect((await app.request('/api/v1/admin/audit')).status).toBe(401);
  });
});
