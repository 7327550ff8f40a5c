/**
 * Who may do what: every submission, vote and moderation route tried as anonymous, an unverified
 * founder, another founder, the owner, an organizer and an admin. Only the right ones succeed, and a
 * refused request leaves the database as it was (row counts and moderated state).
 */
import { describe, expect, it } from 'vitest';
import { testApp } from '../factories/app';
import { insertCompany, insertProduct } from '../factories/records';
import { writeHeaders } from '../factories/session';
import { companyBody, moderatedState, productBody, rowCounts, signedIn } from '../factories/submissions';

const { app, db } = await testApp();

const actors = {
  anonymous: undefined,
  unverified: (await signedIn(db, { emailVerifiedAt: null })).cookie,
  founder: (await signedIn(db)).cookie,
  organizer: (await signedIn(db, { role: 'organizer' })).cookie,
  admin: (await signedIn(db, { role: 'admin' })).cookie,
};
type Actor = keyof typeof actors | 'owner' | 'unverifiedOwner';

/** Fresh records per case: a verified owner's company, pending and approved products, an application. */
async function fixture() {
  const owner = await signedIn(db);
  const unverifiedOwner = await signedIn(db, { emailVerifiedAt: null });
  const company = await insertCompany(db, owner.user.id, { status: 'pending' });
  const verifiedCompany = await insertCompany(db, owner.user.id);
  const unverifiedCompany = await insertCompany(db, unverifiedOwner.user.id);
  const pending = await insertProduct(db, verifiedCompany.id, { ownerId: owner.user.id, status: 'pending' });
  const unverifiedProduct = await insertProduct(db, unverifiedCompany.id, {
    ownerId: unverifiedOwner.user.id,
    status: 'pending',
  });
  const approved = await insertProduct(db, verifiedCompany.id, { ownerId: owner.user.id });
  const target = await signedIn(db);
  return {
    owner,
    unverifiedOwner,
    company,
    verifiedCompany,
    unverifiedCompany,
    pending,
    unverifiedProduct,
    approved,
    target,
  };
}
type Fixture = Awaited<ReturnType<typeof fixture>>;

interface Case {
  name: string;
  method: string;
  path: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  /** Expected status per actor; actors not listed are not tried. */
  expect: Partial<Record<Actor, number>>;
}

const decision = { decision: 'reject', reason: '理由' };
const cases: Case[] = [
  {
    name: 'register a company',
    method: 'POST',
    path: () => '/api/v1/companies',
    body: () => companyBody(),
    // A company is registered under the founder's real name: a verified email first.
    expect: { anonymous: 401, unverified: 403, founder: 201 },
  },
  {
    name: 'apply for a community',
    method: 'POST',
    path: (f) => `/api/v1/companies/${f.company.id}/memberships`,
    body: () => ({ communitySlug: 'test-community' }),
    expect: { anonymous: 401, founder: 404, organizer: 404, admin: 404, owner: 201 },
  },
  {
    name: 'apply for a community with an unverified email',
    method: 'POST',
    path: (f) => `/api/v1/companies/${f.unverifiedCompany.id}/memberships`,
    body: () => ({ communitySlug: 'test-community' }),
    expect: { unverifiedOwner: 403 },
  },
  {
    name: 'submit a product',
    method: 'POST',
    path: () => '/api/v1/products',
    body: (f) => productBody(f.verifiedCompany.id),
    expect: { anonymous: 401, founder: 403, organizer: 403, admin: 403, owner: 201 },
  },
  {
    name: 'submit a product with an unverified email',
    method: 'POST',
    path: () => '/api/v1/products',
    body: (f) => productBody(f.unverifiedCompany.id),
    expect: { unverifiedOwner: 403 },
  },
  {
    name: 'edit a product',
    method: 'PATCH',
    path: (f) => `/api/v1/products/${f.pending.id}`,
    body: () => ({ tagline: '改过的介绍' }),
    expect: { anonymous: 401, unverified: 403, founder: 404, organizer: 404, admin: 404, owner: 200 },
  },
  {
    name: 'edit a product with an unverified email',
    method: 'PATCH',
    path: (f) => `/api/v1/products/${f.unverifiedProduct.id}`,
    body: () => ({ tagline: '改过的介绍' }),
    expect: { unverifiedOwner: 403 },
  },
  {
    name: 'upvote',
    method: 'PUT',
    path: (f) => `/api/v1/products/${f.approved.id}/vote`,
    expect: { anonymous: 401, unverified: 403, founder: 200, organizer: 200, admin: 200, owner: 200 },
  },
  {
    name: 'withdraw an upvote',
    method: 'DELETE',
    path: (f) => `/api/v1/products/${f.approved.id}/vote`,
    expect: { anonymous: 401, unverified: 403, founder: 200 },
  },
  ...(['companies', 'products', 'revisions', 'memberships', 'overview'] as const).map(
    (queue): Case => ({
      name: `read the ${queue} queue`,
      method: 'GET',
      path: () => `/api/v1/admin/${queue}`,
      expect: { anonymous: 401, unverified: 403, founder: 403, owner: 403, organizer: 200, admin: 200 },
    }),
  ),
  {
    name: 'decide a company',
    method: 'POST',
    path: (f) => `/api/v1/admin/companies/${f.company.id}/decision`,
    body: () => decision,
    expect: { anonymous: 401, founder: 403, owner: 403, organizer: 200 },
  },
  {
    name: 'decide a company (admin)',
    method: 'POST',
    path: (f) => `/api/v1/admin/companies/${f.company.id}/decision`,
    body: () => decision,
    expect: { admin: 200 },
  },
  {
    name: 'decide a product',
    method: 'POST',
    path: (f) => `/api/v1/admin/products/${f.pending.id}/decision`,
    body: () => decision,
    expect: { anonymous: 401, unverified: 403, founder: 403, owner: 403, organizer: 200 },
  },
  {
    name: 'read the audit log',
    method: 'GET',
    path: () => '/api/v1/admin/audit',
    expect: { anonymous: 401, founder: 403, organizer: 403, admin: 200 },
  },
  {
    name: 'set a role',
    method: 'PUT',
    path: (f) => `/api/v1/admin/users/${f.target.user.id}/role`,
    body: () => ({ role: 'organizer' }),
    expect: { anonymous: 401, unverified: 403, founder: 403, owner: 403, organizer: 403, admin: 200 },
  },
  {
    name: 'list my companies and products',
    method: 'GET',
    path: () => '/api/v1/me/products',
    expect: { anonymous: 401, unverified: 200, founder: 200 },
  },
];

const cookieOf = (actor: Actor, f: Fixture) =>
  actor === 'owner' ? f.owner.cookie : actor === 'unverifiedOwner' ? f.unverifiedOwner.cookie : actors[actor];

describe.each(cases)('$name', ({ method, path, body, expect: expected }) => {
  it('succeeds only for the right actors and changes nothing for the others', async () => {
    // Refused actors first, each against the same fixture, which must stay untouched.
    const entries = Object.entries(expected).sort(([, a], [, b]) => b - a) as Array<[Actor, number]>;
    const f = await fixture();
    for (const [actor, status] of entries) {
      const counts = await rowCounts(db);
      const state = await moderatedState(db);
      const payload = body?.(f);
      const res = await app.request(path(f), {
        method,
        headers: writeHeaders(cookieOf(actor, f)),
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
      });
      expect(res.status, `${actor} → ${method} ${path(f)}`).toBe(status);
      if (status >= 400) {
        expect(await rowCounts(db), `${actor} changed rows`).toEqual(counts);
        expect(await moderatedState(db), `${actor} changed state`).toBe(state);
      }
    }
  });
});
