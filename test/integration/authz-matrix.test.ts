/**
 * The authorization matrix: every API route the app registers has one rule, and every route is tried
 * as anonymous, an unverified founder, the founder who owns the fixtures, another founder, a judge,
 * an organizer and an admin. Refused actors get 401 (anonymous) or 403/404 and leave the database as
 * it was; allowed actors are never refused. Every page file has a rule too (pages run in test/worker).
 *
 * The token axis (decision 021) tries every route again in a world of its own, as each signed-in
 * actor with a personal access token holding every scope their role may hold — the same verdict as
 * their cookie, except that session-only routes refuse every token — and with a token holding all
 * those scopes but the route's own, which is refused and changes nothing.
 */
import { PhotonImage } from '@cf-wasm/photon';
import { beforeAll, describe, expect, it } from 'vitest';
import { newAccessToken } from '~/functions/auth/access-token';
import { routeAccess, type Scope, scopesForRole } from '~/functions/auth/scopes';
import {
  accessTokens,
  eventRegistrations,
  media,
  objections,
  productRevisions,
  resultPublications,
  webhookEndpoints,
} from '~/functions/db/schema';
import { testApp } from '../factories/app';
import { signUpBody } from '../factories/auth';
import { buildCatalog, buildCommunity, buildContest } from '../factories/catalog';
import { testConfig } from '../factories/db';
import { databaseFingerprint } from '../factories/fingerprint';
import { addMember, assignJudgeRow, insertEntry } from '../factories/judging';
import {
  insertCompany,
  insertEvent,
  insertMembership,
  insertProduct,
  insertTeam,
  insertUser,
} from '../factories/records';
import { writeHeaders } from '../factories/session';
import { companyBody, productBody, signedIn } from '../factories/submissions';
import {
  approveProvider,
  buildVoucherProgramme,
  insertApplication,
  insertIssuedVoucher,
} from '../factories/vouchers';
import { PAGES, pageFiles } from '../helpers/page-map';

const NOW = '2026-11-25T10:00:00+08:00';
const PASSWORD = 'river-lantern-2026';

// Three contests around the test clock: registration open, judging, and 公示 of published results.
const openContest = buildContest('open-contest', {
  timeline: {
    registrationOpens: '2026-11-01T09:00:00+08:00',
    registrationCloses: '2026-12-10T18:00:00+08:00',
    submissionCloses: '2026-12-31T23:59:59+08:00',
    judgingCloses: '2027-01-20T18:00:00+08:00',
  },
});
const judgingContest = buildContest('judging-contest', {
  timeline: {
    registrationOpens: '2026-09-01T09:00:00+08:00',
    registrationCloses: '2026-10-01T18:00:00+08:00',
    submissionCloses: '2026-11-20T23:59:59+08:00',
    judgingCloses: '2026-12-10T18:00:00+08:00',
  },
});
const resultsContest = buildContest('results-contest', {
  timeline: {
    registrationOpens: '2026-08-01T09:00:00+08:00',
    registrationCloses: '2026-09-01T18:00:00+08:00',
    submissionCloses: '2026-10-01T23:59:59+08:00',
    judgingCloses: '2026-11-20T18:00:00+08:00',
  },
});
// Published two days ago: the 7-day objection window is still open at NOW.
const PUBLISHED_AT = new Date('2026-11-23T10:00:00+08:00');
const programme = buildVoucherProgramme('test-vouchers');
const catalog = buildCatalog({
  communities: [buildCommunity()],
  contests: [openContest, judgingContest, resultsContest],
  vouchers: [programme],
});

const ACTORS = ['anonymous', 'unverified', 'founder', 'otherFounder', 'judge', 'organizer', 'admin'] as const;
type Actor = (typeof ACTORS)[number];

type Rule =
  | 'public' // anyone, read-only
  | 'open' // the auth endpoints: anyone, signed in or not
  | 'user' // any signed-in user
  | 'verified' // signed in with a verified email
  | 'owner' // the founder who owns the company or product
  | 'member' // a member (or the leader) of the team
  | 'member-or-organizer' // a member, or an organizer/admin reading the team
  | 'owner-or-organizer' // the owner, or an organizer/admin (a company's licence)
  | 'judge' // a judge assigned to the contest
  | 'organizer' // organizer or admin
  | 'provider' // the owner of the voucher's approved provider company (the other founder)
  | 'admin'; // admin only

const ALLOWED: Record<Rule, readonly Actor[]> = {
  public: ACTORS,
  open: ACTORS,
  user: ACTORS.filter((a) => a !== 'anonymous'),
  verified: ['founder', 'otherFounder', 'judge', 'organizer', 'admin'],
  owner: ['founder'],
  member: ['founder'],
  'member-or-organizer': ['founder', 'organizer', 'admin'],
  'owner-or-organizer': ['founder', 'organizer', 'admin'],
  judge: ['judge'],
  organizer: ['organizer', 'admin'],
  provider: ['otherFounder'],
  admin: ['admin'],
};
// Rules about one record: the rightful actors must find it (never 404).
const RECORD_RULES = new Set<Rule>([
  'owner',
  'member',
  'member-or-organizer',
  'owner-or-organizer',
  'judge',
  'provider',
]);

const worldOptions = { catalog, now: NOW, config: testConfig({ rateLimits: false }) };
const LICENCE_KEY = `private/${'b'.repeat(32)}.pdf`;
const LICENCE_PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF');

/**
 * Every actor and record, written once into a database file: each route's world is a copy of it (a
 * file copy instead of some forty inserts per world). Answers the file and the fixtures' rows, ids,
 * cookies and tokens, which are the same in every copy.
 */
async function prepareWorld() {
  const env = await testApp(worldOptions);
  const { db } = env;
  const passwordHash = await env.hasher.hash(PASSWORD);
  const founder = await signedIn(db, { passwordHash });
  const unverified = await signedIn(db, { passwordHash, emailVerifiedAt: null });
  const otherFounder = await signedIn(db, { passwordHash });
  const judge = await signedIn(db, { passwordHash });
  const organizer = await signedIn(db, { passwordHash, role: 'organizer' });
  const admin = await signedIn(db, { passwordHash, role: 'admin' });
  const teammate = await insertUser(db, { passwordHash });
  const bystander = await insertUser(db, { passwordHash });

  // The founder's records: a verified company, an approved product with a pending revision, and a
  // team (with an entry) in the open contest that the founder leads.
  const company = await insertCompany(db, founder.user.id);
  const product = await insertProduct(db, company.id, { ownerId: founder.user.id });
  const [revision] = await db
    .insert(productRevisions)
    .values({
      productId: product.id,
      submittedBy: founder.user.id,
      name: product.name,
      tagline: '改过的一句话介绍',
      description: product.description,
      website: product.website,
      kind: product.kind,
      category: product.category,
      tags: [],
      createdAt: new Date(NOW),
    })
    .returning();
  const team = await insertTeam(db, founder.user.id, {
    contestSlug: openContest.slug,
    inviteCode: 'abcdefghijklmnop',
  });
  await addMember(db, team, teammate.id);
  await insertEntry(db, team);

  // The other founder's pending records (moderation queues) and team with an entry under judging.
  const pendingCompany = await insertCompany(db, otherFounder.user.id, { status: 'pending' });
  const otherCompany = await insertCompany(db, otherFounder.user.id);
  const pendingProduct = await insertProduct(db, otherCompany.id, {
    ownerId: otherFounder.user.id,
    status: 'pending',
  });
  const pendingMembership = await insertMembership(db, otherCompany.id, 'test-community', {
    status: 'pending',
  });
  const judgedTeam = await insertTeam(db, otherFounder.user.id, {
    contestSlug: judgingContest.slug,
    inviteCode: 'bcdefghijklmnopq',
  });
  const judgedEntry = await insertEntry(db, judgedTeam);
  await assignJudgeRow(db, judgingContest.slug, judge.user.id);
  // An upcoming event with open registration: the teammate holds a seat, the bystander awaits approval.
  const event = await insertEvent(db, 'test-event', { capacity: 20 });
  const [seat] = await db
    .insert(eventRegistrations)
    .values({
      eventId: event.id,
      userId: teammate.id,
      status: 'confirmed',
      ticketCode: 'TICKETCODE234567',
      queueSeq: 1,
      createdAt: new Date(NOW),
      updatedAt: new Date(NOW),
    })
    .returning();
  const [registration] = await db
    .insert(eventRegistrations)
    .values({
      eventId: event.id,
      userId: bystander.id,
      status: 'pending',
      ticketCode: 'TICKETCODE765432',
      queueSeq: 2,
      createdAt: new Date(NOW),
      updatedAt: new Date(NOW),
    })
    .returning();

  // Published results with one objection waiting for an answer.
  await db
    .insert(resultPublications)
    .values({ contestSlug: resultsContest.slug, publishedAt: PUBLISHED_AT, publishedBy: organizer.user.id });
  const [objection] = await db
    .insert(objections)
    .values({
      contestSlug: resultsContest.slug,
      realName: '李四',
      reason: '该作品的演示地址无法访问。',
      createdAt: PUBLISHED_AT,
    })
    .returning();
  // A logo of the approved product and a licence of the company (its bytes in the app's bucket).
  const [logo] = await db
    .insert(media)
    .values({
      productId: product.id,
      kind: 'logo',
      hash: 'a'.repeat(32),
      ext: 'jpg',
      variants: [96],
      width: 96,
      height: 96,
      bytes: 100,
      uploadedBy: founder.user.id,
      createdAt: new Date(NOW),
    })
    .returning();
  await db.insert(media).values({
    companyId: company.id,
    kind: 'licence',
    hash: 'b'.repeat(32),
    ext: 'pdf',
    variants: [],
    bytes: 9,
    uploadedBy: founder.user.id,
    createdAt: new Date(NOW),
  });
  if (!revision || !objection || !seat || !registration || !logo) throw new Error('fixture rows missing');

  // Vouchers: the other founder's company is an approved compute provider; the founder has a draft,
  // a submitted application waiting for 形式审查, and an issued voucher redeemable at that provider.
  await approveProvider(db, otherCompany.id);
  const voucherParties = {
    programmeSlug: programme.slug,
    companyId: company.id,
    applicantId: founder.user.id,
    providerCompanyId: otherCompany.id,
  };
  const draftApplication = await insertApplication(db, { ...voucherParties, status: 'draft' });
  const submittedApplication = await insertApplication(db, {
    ...voucherParties,
    status: 'submitted',
    stage: 'formal',
    submittedAt: new Date(NOW),
  });
  const grantedApplication = await insertApplication(db, {
    ...voucherParties,
    status: 'approved',
    grantedFen: 1_000_000,
    grantYear: 2026,
    decidedAt: new Date('2026-11-01T02:00:00Z'),
  });
  const voucherSerial = await insertIssuedVoucher(db, grantedApplication, 1_000_000);

  // Personal access tokens of every signed-in actor: one with every scope the role may hold, and one
  // per scope with all of them but that one. Last used "now", so a request does not write the row.
  // All of them written in one insert.
  const tokenRows: Array<typeof accessTokens.$inferInsert> = [];
  const tokenOf = (user: { id: number; role: 'founder' | 'organizer' | 'admin' }) => {
    const mint = (scopes: readonly Scope[]) => {
      const { id, secretHash, token } = newAccessToken();
      tokenRows.push({
        id,
        userId: user.id,
        name: 'matrix',
        scopes: [...scopes],
        secretHash,
        createdAt: new Date(NOW),
        expiresAt: new Date('2027-11-25T10:00:00+08:00'),
        lastUsedAt: new Date(NOW),
      });
      return token;
    };
    const all = scopesForRole(user.role);
    const without: Partial<Record<Scope, string>> = {};
    for (const scope of all) without[scope] = mint(all.filter((s) => s !== scope));
    return { full: mint(all), without };
  };
  // A webhook endpoint, to list and delete.
  const [webhook] = await db
    .insert(webhookEndpoints)
    .values({
      url: 'https://hooks.example.com/matrix',
      events: ['product.approved'],
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      createdBy: organizer.user.id,
      createdAt: new Date(NOW),
    })
    .returning();
  // A spare token of the founder's, to revoke.
  const spare = newAccessToken();
  await db.insert(accessTokens).values({
    id: spare.id,
    userId: founder.user.id,
    name: 'spare',
    scopes: ['read'],
    secretHash: spare.secretHash,
    createdAt: new Date(NOW),
    expiresAt: new Date('2027-11-25T10:00:00+08:00'),
  });
  const tokens: Record<Exclude<Actor, 'anonymous'>, ReturnType<typeof tokenOf>> = {
    unverified: tokenOf(unverified.user),
    founder: tokenOf(founder.user),
    otherFounder: tokenOf(otherFounder.user),
    judge: tokenOf(judge.user),
    organizer: tokenOf(organizer.user),
    admin: tokenOf(admin.user),
  };
  await db.insert(accessTokens).values(tokenRows);

  const cookies: Record<Actor, string | undefined> = {
    anonymous: undefined,
    unverified: unverified.cookie,
    founder: founder.cookie,
    otherFounder: otherFounder.cookie,
    judge: judge.cookie,
    organizer: organizer.cookie,
    admin: admin.cookie,
  };
  env.client.close();
  return {
    file: env.file,
    cookies,
    tokens,
    spareTokenId: spare.id,
    webhookId: webhook?.id ?? 0,
    logo,
    registration,
    ticket: seat.ticketCode,
    judge: judge.user,
    teammate,
    bystander,
    company,
    product,
    revision,
    team,
    pendingCompany,
    pendingProduct,
    pendingMembership,
    judgedEntry,
    objection,
    draftApplication,
    submittedApplication,
    voucherSerial,
    otherCompany,
  };
}
const PREPARED = await prepareWorld();

/**
 * A fresh world for one route (so allowed writes never leak): a copy of the prepared database, its
 * own app, clock and bucket (holding the company's licence). `settled` is the database's fingerprint
 * as the last refused request left it, checked unchanged: the next refused request's "before" (no
 * request runs in between), so each refused request costs one fingerprint rather than two.
 */
async function world() {
  const { file, ...fixtures } = PREPARED;
  const env = await testApp({ ...worldOptions, databaseFile: file });
  await env.media.put(LICENCE_KEY, LICENCE_PDF);
  return { ...env, ...fixtures, settled: undefined as string | undefined };
}
type World = Awaited<ReturnType<typeof world>>;

/**
 * The database's fingerprint before a refused request: the one the last refused request left, or a
 * new one. Any request makes the settled one stale until a refused request is checked again.
 */
async function fingerprintBefore(w: World, refused: boolean): Promise<string> {
  const settled = w.settled;
  w.settled = undefined;
  if (!refused) return '';
  return settled ?? (await databaseFingerprint(w.client));
}

/** Checks that a refused request changed nothing; the state it left is then the next one's "before". */
async function expectUnchanged(w: World, before: string, said: string): Promise<void> {
  const after = await databaseFingerprint(w.client);
  expect(after, `${said} changed the database`).toBe(before);
  w.settled = after;
}

interface Entry {
  rule: Rule;
  /** The path with its parameters filled in (default: the route's own path). */
  path?: (w: World) => string;
  /** A valid body, so that a refusal comes from authorization and not from validation. */
  body?: (w: World) => unknown;
  /** Refused with 404 even when signed out: the answer must not tell that the record exists. */
  hidden?: true;
}

/** Real images for the upload routes (drawn with photon, as the image Worker decodes them). */
function pngOf(width: number, height: number): Uint8Array {
  const image = new PhotonImage(new Uint8Array(width * height * 4).fill(200), width, height);
  const bytes = image.get_bytes();
  image.free();
  return bytes;
}
const LOGO_PNG = pngOf(128, 128);
const SCREENSHOT_PNG = pngOf(400, 300);
const upload = (kind: string, bytes: Uint8Array) => {
  const form = new FormData();
  form.set('kind', kind);
  form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], `${kind}.png`, { type: 'image/png' }));
  return form;
};

let names = 0;
const uniqueName = () => `矩阵测试队伍${++names}`;
const decision = () => ({ decision: 'reject', reason: '材料不全' });
const open = openContest.slug;
const judging = judgingContest.slug;
const results = resultsContest.slug;

const MATRIX: Record<string, Entry> = {
  'GET /api/v1/health': { rule: 'public' },
  'GET /api/v1/openapi.json': { rule: 'public' },
  'GET /api/docs': { rule: 'public' },

  'POST /api/v1/auth/signup': { rule: 'open', body: () => signUpBody() },
  'POST /api/v1/auth/login': {
    rule: 'open',
    body: (w) => ({ email: w.bystander.email, password: PASSWORD }),
  },
  'POST /api/v1/auth/logout': { rule: 'open' },
  'POST /api/v1/auth/logout-all': { rule: 'user' },
  'POST /api/v1/auth/verify-email': { rule: 'open', body: () => ({ token: 'a'.repeat(32) }) },
  'POST /api/v1/auth/verify-email/resend': { rule: 'user' },
  'POST /api/v1/auth/password-reset': { rule: 'open', body: (w) => ({ email: w.bystander.email }) },
  'POST /api/v1/auth/password-reset/confirm': {
    rule: 'open',
    body: () => ({ token: 'a'.repeat(32), password: 'new-river-lantern-2027' }),
  },
  'POST /api/v1/auth/email-change/confirm': { rule: 'open', body: () => ({ token: 'a'.repeat(32) }) },

  'GET /api/v1/me': { rule: 'user' },
  'GET /api/v1/me/export': { rule: 'user' },
  'DELETE /api/v1/me': { rule: 'user', body: () => ({ password: PASSWORD }) },
  'PATCH /api/v1/me': { rule: 'user', body: () => ({ name: '矩阵测试新名字' }) },
  'POST /api/v1/me/email': {
    rule: 'user',
    body: () => ({ email: `matrix-${++names}@example.org`, currentPassword: PASSWORD }),
  },
  'POST /api/v1/me/password': {
    rule: 'user',
    body: () => ({ currentPassword: PASSWORD, password: 'new-river-lantern-2027' }),
  },
  'GET /api/v1/me/companies': { rule: 'user' },
  'POST /api/v1/me/tokens': {
    rule: 'user',
    body: () => ({ name: '矩阵令牌', scopes: ['read'], expiresInDays: 30 }),
  },
  'GET /api/v1/me/tokens': { rule: 'user' },
  'DELETE /api/v1/me/tokens/:id': { rule: 'owner', path: (w) => `/api/v1/me/tokens/${w.spareTokenId}` },
  'GET /api/v1/admin/tokens': { rule: 'organizer' },
  'GET /api/v1/admin/webhooks': { rule: 'organizer' },
  'POST /api/v1/admin/webhooks': {
    rule: 'organizer',
    body: () => ({ url: 'https://hooks.example.com/opc', events: ['product.approved'] }),
  },
  'DELETE /api/v1/admin/webhooks/:id': {
    rule: 'organizer',
    path: (w) => `/api/v1/admin/webhooks/${w.webhookId}`,
  },
  'GET /api/v1/admin/webhooks/:id/deliveries': {
    rule: 'organizer',
    path: (w) => `/api/v1/admin/webhooks/${w.webhookId}/deliveries`,
  },
  'DELETE /api/v1/admin/tokens/:id': {
    rule: 'organizer',
    path: (w) => `/api/v1/admin/tokens/${w.spareTokenId}`,
  },
  'GET /api/v1/me/products': { rule: 'user' },
  'GET /api/v1/me/teams': { rule: 'user' },

  'GET /api/v1/communities': { rule: 'public' },
  'GET /api/v1/communities/:slug': { rule: 'public', path: () => '/api/v1/communities/test-community' },
  'GET /api/v1/companies': { rule: 'public' },
  'GET /api/v1/companies/:id': { rule: 'public', path: (w) => `/api/v1/companies/${w.company.id}` },
  'GET /api/v1/contests': { rule: 'public' },
  'GET /api/v1/contests/:slug': { rule: 'public', path: () => `/api/v1/contests/${open}` },
  'GET /api/v1/events': { rule: 'public' },
  'GET /api/v1/events/:slug': { rule: 'public', path: () => '/api/v1/events/test-event' },
  'GET /api/v1/products': { rule: 'public' },
  'GET /api/v1/vouchers': { rule: 'public' },
  'GET /api/v1/vouchers/:slug': { rule: 'public', path: () => `/api/v1/vouchers/${programme.slug}` },
  'POST /api/v1/vouchers/:slug/applications': {
    rule: 'owner',
    path: () => `/api/v1/vouchers/${programme.slug}/applications`,
    body: (w) => ({
      companyId: w.company.id,
      providerCompanyId: w.otherCompany.id,
      contractRef: `MATRIX-${++names}`,
      plannedSpend: 2_000_000,
      requestedAmount: 1_000_000,
      declaredUnrelated: true,
      declaredNotSubsidised: true,
    }),
  },
  'GET /api/v1/me/voucher-applications': { rule: 'verified' },
  'GET /api/v1/me/voucher-applications/:id': {
    rule: 'owner',
    path: (w) => `/api/v1/me/voucher-applications/${w.draftApplication.id}`,
  },
  'PATCH /api/v1/me/voucher-applications/:id': {
    rule: 'owner',
    path: (w) => `/api/v1/me/voucher-applications/${w.draftApplication.id}`,
    body: () => ({ plannedSpend: 3_000_000 }),
  },
  'POST /api/v1/me/voucher-applications/:id/submit': {
    rule: 'owner',
    path: (w) => `/api/v1/me/voucher-applications/${w.draftApplication.id}/submit`,
  },
  'POST /api/v1/me/voucher-applications/:id/withdraw': {
    rule: 'owner',
    path: (w) => `/api/v1/me/voucher-applications/${w.draftApplication.id}/withdraw`,
  },
  'POST /api/v1/admin/voucher-applications/:id/decision': {
    rule: 'organizer',
    path: (w) => `/api/v1/admin/voucher-applications/${w.submittedApplication.id}/decision`,
    body: () => ({ stage: 'formal', decision: 'approve' }),
  },
  'GET /api/v1/admin/vouchers/:slug/export.csv': {
    rule: 'organizer',
    path: () => `/api/v1/admin/vouchers/${programme.slug}/export.csv`,
  },
  'POST /api/v1/vouchers/redemptions': {
    rule: 'provider',
    body: (w) => ({ serial: w.voucherSerial, orderRef: `MATRIX-ORDER-${++names}`, amount: 10_000 }),
  },
  'PUT /api/v1/events/:slug/registration': {
    rule: 'verified',
    path: () => '/api/v1/events/test-event/registration',
    body: () => ({ answers: {} }),
  },
  'DELETE /api/v1/events/:slug/registration': {
    rule: 'verified',
    path: () => '/api/v1/events/test-event/registration',
  },
  'GET /api/v1/me/events': { rule: 'user' },

  // Events: organizers write them and see attendees.
  'POST /api/v1/admin/events': {
    rule: 'organizer',
    body: () => ({
      slug: 'new-event',
      titleZh: '新活动',
      summaryZh: '简介',
      descriptionZh: '介绍',
      venueZh: '江岸区',
      startsAt: '2026-12-20T14:00:00+08:00',
      endsAt: '2026-12-20T16:00:00+08:00',
    }),
  },
  'PATCH /api/v1/admin/events/:slug': {
    rule: 'organizer',
    path: () => '/api/v1/admin/events/test-event',
    body: () => ({ capacity: 30 }),
  },
  'GET /api/v1/admin/events/:slug/registrations': {
    rule: 'organizer',
    path: () => '/api/v1/admin/events/test-event/registrations',
  },
  'POST /api/v1/admin/events/:slug/registrations/:id/decision': {
    rule: 'organizer',
    path: (w) => `/api/v1/admin/events/test-event/registrations/${w.registration.id}/decision`,
    body: () => ({ decision: 'decline', reason: '名额已满' }),
  },
  'POST /api/v1/admin/events/:slug/check-in': {
    rule: 'organizer',
    path: () => '/api/v1/admin/events/test-event/check-in',
    body: (w) => ({ code: w.ticket }),
  },
  'GET /api/v1/admin/events/:slug/export.csv': {
    rule: 'organizer',
    path: () => '/api/v1/admin/events/test-event/export.csv',
  },
  'GET /api/v1/products/:id': { rule: 'public', path: (w) => `/api/v1/products/${w.product.id}` },

  // Acts under the person's real name: a verified email first.
  'POST /api/v1/companies': { rule: 'verified', body: () => companyBody() },
  'POST /api/v1/companies/:id/memberships': {
    rule: 'owner',
    path: (w) => `/api/v1/companies/${w.company.id}/memberships`,
    body: () => ({ communitySlug: 'test-community', message: '申请入驻' }),
  },
  'POST /api/v1/products': { rule: 'owner', body: (w) => productBody(w.company.id) },
  'PATCH /api/v1/products/:id': {
    rule: 'owner',
    path: (w) => `/api/v1/products/${w.product.id}`,
    body: () => ({ tagline: '改过的介绍' }),
  },
  'POST /api/v1/products/:id/media': {
    rule: 'owner',
    path: (w) => `/api/v1/products/${w.product.id}/media`,
    body: () => upload('screenshot', SCREENSHOT_PNG),
  },
  'DELETE /api/v1/products/:id/media/:mediaId': {
    rule: 'owner',
    path: (w) => `/api/v1/products/${w.product.id}/media/${w.logo.id}`,
  },
  'POST /api/v1/companies/:id/media': {
    rule: 'owner',
    path: (w) => `/api/v1/companies/${w.company.id}/media`,
    body: () => upload('logo', LOGO_PNG),
  },
  'GET /api/v1/companies/:id/licence': {
    rule: 'owner-or-organizer',
    path: (w) => `/api/v1/companies/${w.company.id}/licence`,
    hidden: true,
  },
  'PUT /api/v1/products/:id/vote': { rule: 'verified', path: (w) => `/api/v1/products/${w.product.id}/vote` },
  'DELETE /api/v1/products/:id/vote': {
    rule: 'verified',
    path: (w) => `/api/v1/products/${w.product.id}/vote`,
  },

  'POST /api/v1/contests/:slug/teams': {
    rule: 'verified',
    path: () => `/api/v1/contests/${open}/teams`,
    body: () => ({ track: 'general', name: uniqueName() }),
  },
  'POST /api/v1/teams/join': { rule: 'verified', body: (w) => ({ inviteCode: w.team.inviteCode }) },
  'GET /api/v1/teams/:id': { rule: 'member-or-organizer', path: (w) => `/api/v1/teams/${w.team.id}` },
  'POST /api/v1/teams/:id/leave': { rule: 'member', path: (w) => `/api/v1/teams/${w.team.id}/leave` },
  'DELETE /api/v1/teams/:id': { rule: 'member', path: (w) => `/api/v1/teams/${w.team.id}` },
  'PUT /api/v1/teams/:id/company': {
    rule: 'member',
    path: (w) => `/api/v1/teams/${w.team.id}/company`,
    body: (w) => ({ companyId: w.company.id, productId: w.product.id }),
  },
  'DELETE /api/v1/teams/:id/members/:userId': {
    rule: 'member',
    path: (w) => `/api/v1/teams/${w.team.id}/members/${w.teammate.id}`,
  },
  'PUT /api/v1/teams/:id/leader': {
    rule: 'member',
    path: (w) => `/api/v1/teams/${w.team.id}/leader`,
    body: (w) => ({ userId: w.teammate.id }),
  },
  'GET /api/v1/teams/:id/entry': {
    rule: 'member-or-organizer',
    path: (w) => `/api/v1/teams/${w.team.id}/entry`,
  },
  'PUT /api/v1/teams/:id/entry': {
    rule: 'member',
    path: (w) => `/api/v1/teams/${w.team.id}/entry`,
    body: () => ({
      title: '合同审查智能体',
      summary: '十分钟读完一份合同。',
      demoUrl: 'https://demo.example.com',
      repoUrl: 'https://git.example.com/repo',
    }),
  },

  'GET /api/v1/contests/:slug/entries': { rule: 'public', path: () => `/api/v1/contests/${judging}/entries` },
  'GET /api/v1/contests/:slug/results': { rule: 'public', path: () => `/api/v1/contests/${results}/results` },
  'POST /api/v1/contests/:slug/objections': {
    rule: 'verified',
    path: () => `/api/v1/contests/${results}/objections`,
    body: () => ({ realName: '王五', reason: '该作品的演示地址无法访问，请核实。' }),
  },

  'GET /api/v1/judge/contests': { rule: 'user' },
  'GET /api/v1/judge/contests/:slug/entries': {
    rule: 'judge',
    path: () => `/api/v1/judge/contests/${judging}/entries`,
  },
  'GET /api/v1/judge/entries/:id': {
    rule: 'judge',
    path: (w) => `/api/v1/judge/entries/${w.judgedEntry.id}`,
  },
  'PUT /api/v1/judge/entries/:id/scores': {
    rule: 'judge',
    path: (w) => `/api/v1/judge/entries/${w.judgedEntry.id}/scores`,
    body: () => ({ scores: { innovation: { score: 8.5, comment: '思路新颖' }, impact: { score: 4 } } }),
  },

  'GET /api/v1/admin/overview': { rule: 'organizer' },
  'GET /api/v1/admin/companies': { rule: 'organizer' },
  'GET /api/v1/admin/products': { rule: 'organizer' },
  'GET /api/v1/admin/revisions': { rule: 'organizer' },
  'GET /api/v1/admin/memberships': { rule: 'organizer' },
  'POST /api/v1/admin/companies/:id/decision': {
    rule: 'organizer',
    path: (w) => `/api/v1/admin/companies/${w.pendingCompany.id}/decision`,
    body: decision,
  },
  'POST /api/v1/admin/products/:id/decision': {
    rule: 'organizer',
    path: (w) => `/api/v1/admin/products/${w.pendingProduct.id}/decision`,
    body: decision,
  },
  'POST /api/v1/admin/revisions/:id/decision': {
    rule: 'organizer',
    path: (w) => `/api/v1/admin/revisions/${w.revision.id}/decision`,
    body: decision,
  },
  'POST /api/v1/admin/memberships/:id/decision': {
    rule: 'organizer',
    path: (w) => `/api/v1/admin/memberships/${w.pendingMembership.id}/decision`,
    body: () => ({ decision: 'decline', reason: '材料不全' }),
  },
  'GET /api/v1/admin/audit': { rule: 'admin' },
  'PUT /api/v1/admin/users/:id/role': {
    rule: 'admin',
    path: (w) => `/api/v1/admin/users/${w.bystander.id}/role`,
    body: () => ({ role: 'organizer' }),
  },

  'GET /api/v1/admin/contests': { rule: 'organizer' },
  'GET /api/v1/admin/contests/:slug/judges': {
    rule: 'organizer',
    path: () => `/api/v1/admin/contests/${judging}/judges`,
  },
  'POST /api/v1/admin/contests/:slug/judges': {
    rule: 'organizer',
    path: () => `/api/v1/admin/contests/${judging}/judges`,
    body: (w) => ({ email: w.bystander.email }),
  },
  'DELETE /api/v1/admin/contests/:slug/judges/:userId': {
    rule: 'organizer',
    path: (w) => `/api/v1/admin/contests/${judging}/judges/${w.judge.id}`,
  },
  'GET /api/v1/admin/contests/:slug/entries': {
    rule: 'organizer',
    path: () => `/api/v1/admin/contests/${judging}/entries`,
  },
  'PATCH /api/v1/admin/entries/:id': {
    rule: 'organizer',
    path: (w) => `/api/v1/admin/entries/${w.judgedEntry.id}`,
    body: () => ({ status: 'shortlisted' }),
  },
  'POST /api/v1/admin/contests/:slug/publish': {
    rule: 'organizer',
    path: () => `/api/v1/admin/contests/${judging}/publish`,
  },
  'POST /api/v1/admin/contests/:slug/withdraw': {
    rule: 'organizer',
    // The contest being judged has nothing published: allowed actors get 409 and the 公示 rows stay.
    path: () => `/api/v1/admin/contests/${judging}/withdraw`,
    body: () => ({ reason: '评分汇总有误，撤回后重新发布。' }),
  },
  'GET /api/v1/admin/contests/:slug/objections': {
    rule: 'organizer',
    path: () => `/api/v1/admin/contests/${results}/objections`,
  },
  'POST /api/v1/admin/objections/:id/answer': {
    rule: 'organizer',
    path: (w) => `/api/v1/admin/objections/${w.objection.id}/answer`,
    body: () => ({ answer: '已核实，演示地址恢复访问。' }),
  },
  'GET /api/v1/admin/contests/:slug/export.csv': {
    rule: 'organizer',
    path: () => `/api/v1/admin/contests/${judging}/export.csv`,
  },
};

// The routes as the app registers them: a new route without a MATRIX entry fails below.
const probe = await testApp({ catalog, now: NOW });
const ROUTES = [
  ...new Set(
    probe.app.routes
      .filter((r) => r.method !== 'ALL' && (r.path.startsWith('/api/v1/') || r.path === '/api/docs'))
      .map((r) => `${r.method} ${r.path}`),
  ),
].sort();

describe('the API matrix', () => {
  it('has exactly one rule per registered route', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(ROUTES);
  });
});

const CASES = ROUTES.flatMap((key) => {
  const entry = MATRIX[key];
  return entry ? [{ key, entry }] : [];
});

/** One request of the matrix, as an actor with a cookie or a bearer token. */
async function attempt(
  w: World,
  key: string,
  entry: Entry,
  auth: { cookie?: string | undefined; token?: string | undefined },
): Promise<{ res: Response; said: string }> {
  const [method = 'GET', routePath = ''] = key.split(' ');
  const path = entry.path?.(w) ?? routePath;
  const payload = entry.body?.(w);
  // A multipart body sets its own content type (with the boundary).
  const multipart = payload instanceof FormData;
  const headers = writeHeaders(auth.cookie);
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  if (multipart) delete headers['content-type'];
  const res = await w.app.request(path, {
    method,
    headers,
    ...(payload === undefined ? {} : { body: multipart ? payload : JSON.stringify(payload) }),
  });
  const text = await res.clone().text();
  return { res, said: `${method} ${path}: ${res.status} ${text.slice(0, 300)}` };
}

describe.each(CASES)('$key', ({ key, entry }) => {
  const allowed = ALLOWED[entry.rule];
  // Refused actors first, so an allowed request's changes cannot hide a refusal's.
  const runs = [...ACTORS]
    .map((actor) => ({ actor, verdict: allowed.includes(actor) ? 'allowed' : 'refused' }))
    .sort((a, b) => Number(a.verdict === 'allowed') - Number(b.verdict === 'allowed'));
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it.each(runs)(`${entry.rule}: $actor is $verdict`, async ({ actor, verdict }) => {
    const before = await fingerprintBefore(w, verdict === 'refused');
    const { res, said: answer } = await attempt(w, key, entry, { cookie: w.cookies[actor] });
    const said = `${actor} → ${answer}`;
    // An answer to a signed-in request may depend on who asked (invite codes, real names, scores):
    // no shared cache may keep it.
    if (actor !== 'anonymous') expect(res.headers.get('cache-control'), said).toBe('private, no-store');
    if (verdict === 'refused') {
      if (entry.hidden) expect(res.status, said).toBe(404);
      else expect(actor === 'anonymous' ? [401] : [403, 404], said).toContain(res.status);
      await expectUnchanged(w, before, said);
    } else {
      expect([401, 403], said).not.toContain(res.status);
      expect(res.status, said).toBeLessThan(500);
      if (RECORD_RULES.has(entry.rule)) expect(res.status, said).not.toBe(404);
    }
  });
});

type TokenActor = Exclude<Actor, 'anonymous'>;
const TOKEN_ACTORS = ACTORS.filter((a): a is TokenActor => a !== 'anonymous');
const ROLE_OF: Record<TokenActor, 'founder' | 'organizer' | 'admin'> = {
  unverified: 'founder',
  founder: 'founder',
  otherFounder: 'founder',
  judge: 'founder',
  organizer: 'organizer',
  admin: 'admin',
};

/** Every route × signed-in actor × (all their scopes | all but the route's), with the expected verdict. */
const TOKEN_CASES = CASES.filter(({ key }) => key.startsWith('GET /api/v1/') || !key.startsWith('GET')).map(
  ({ key, entry }) => {
    const [method = 'GET', routePath = ''] = key.split(' ');
    const access = routeAccess(method, routePath);
    const runs = TOKEN_ACTORS.flatMap((actor) => {
      const full = {
        actor,
        token: 'every scope' as const,
        verdict:
          access.scope !== null && ALLOWED[entry.rule].includes(actor)
            ? ('allowed' as const)
            : ('refused' as const),
      };
      const lacking =
        access.scope !== null && scopesForRole(ROLE_OF[actor]).includes(access.scope)
          ? [{ actor, token: `all but ${access.scope}` as const, verdict: 'refused' as const }]
          : [];
      return [full, ...lacking];
    });
    return {
      key,
      entry,
      scope: access.scope,
      runs: runs.sort((a, b) => Number(a.verdict === 'allowed') - Number(b.verdict === 'allowed')),
    };
  },
);

describe.each(TOKEN_CASES)('$key with a token (scope $scope)', ({ key, entry, scope, runs }) => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it.each(runs)(`${entry.rule}: $actor with $token is $verdict`, async ({ actor, token, verdict }) => {
    const tokens = w.tokens[actor];
    const bearer = token === 'every scope' ? tokens.full : scope ? tokens.without[scope] : undefined;
    if (!bearer) throw new Error(`no token for ${actor} ${token}`);
    const before = await fingerprintBefore(w, verdict === 'refused');
    const { res, said: answer } = await attempt(w, key, entry, { token: bearer });
    const said = `${actor} with ${token} → ${answer}`;
    expect(res.headers.get('cache-control'), said).toBe('private, no-store');
    if (verdict === 'refused') {
      if (scope === null)
        expect([res.status, ((await res.json()) as { code?: string }).code], said).toEqual([
          403,
          'session_required',
        ]);
      else if (token !== 'every scope')
        expect([res.status, ((await res.json()) as { code?: string }).code], said).toEqual([
          403,
          'insufficient_scope',
        ]);
      else if (entry.hidden) expect(res.status, said).toBe(404);
      else expect([403, 404], said).toContain(res.status);
      await expectUnchanged(w, before, said);
    } else {
      expect([401, 403], said).not.toContain(res.status);
      expect(res.status, said).toBeLessThan(500);
      if (RECORD_RULES.has(entry.rule)) expect(res.status, said).not.toBe(404);
    }
  });
});

describe('the token matrix', () => {
  it('covers every API route with every signed-in actor', () => {
    const apiRoutes = ROUTES.filter((key) => key.includes(' /api/v1/'));
    expect(TOKEN_CASES.map((c) => c.key)).toEqual(apiRoutes);
    const size = TOKEN_CASES.reduce((n, c) => n + c.runs.length, 0);
    console.info(`token matrix: ${TOKEN_CASES.length} routes, ${size} requests`);
    expect(size).toBeGreaterThanOrEqual(apiRoutes.length * TOKEN_ACTORS.length);
  });
});

// Pages: every page file has a rule in the shared page map (pages run in test/worker).
const pageKeys = pageFiles()
  .filter((p) => p.locale === 'zh-CN')
  .map((p) => p.route)
  .sort();

describe('the page matrix', () => {
  it('has a rule for every page file and no stale entries', () => {
    expect(pageKeys.length).toBeGreaterThan(10);
    expect(Object.keys(PAGES).sort()).toEqual(pageKeys);
  });
});
