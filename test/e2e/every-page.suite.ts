/**
 * Every page file in Chromium on a phone (360 px), zh and en: axe (no rules disabled) finds nothing
 * and nothing overflows sideways, and a page signed in costs one database round trip — signed out and signed in as the demo founder, judge, organizer and
 * admin, error pages (404, 403, 500), and forms re-rendered with their errors. A second Worker whose
 * clock stands inside the demo contest's judging window shows the judge's score form. The visit
 * list is checked against the page files, so a new page without a visit fails. (The public pages
 * signed out, at 360 and 1280 px, are in public-pages.test.ts.)
 */

import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSession, SESSION_COOKIE, validateSessionToken } from '~/functions/auth/session';
import { CLAIMS_COOKIE, encodeClaims } from '~/functions/auth/session-claims';
import { createDb } from '~/functions/db/client';
import { companies, entries, products, teams, users, voucherApplications } from '~/functions/db/schema';
import { waitForHealth } from '../../scripts/lib/local-stack';
import { freePort, startWorker, type WorkerProcess } from '../../scripts/lib/worker-process';
import { PAGES, pageFiles } from '../helpers/page-map';
import { workerClient } from '../helpers/worker-db';
import { WORKER_VARS } from '../setup/worker';
import {
  axeViolations,
  launchBrowser,
  overflowsHorizontally,
  VisitTab,
  wrappedColumnHeaders,
} from './browser';
import { publicPages } from './public-paths';

const OPEN = 'agent-innovation-2026'; // registration open at TEST_NOW; judging in 2030
const DONE = 'opc-ai-product-2025'; // judged, results published
const NOW = new Date(WORKER_VARS.TEST_NOW);
const JUDGING_NOW = new Date('2030-09-01T00:00:01+08:00');
const ACCOUNTS = {
  founder: 'founder@example.com',
  judge: 'judge1@example.com',
  organizer: 'organizer@example.com',
  admin: 'admin@example.com',
} as const;
type Actor = 'anonymous' | keyof typeof ACCOUNTS;
type Lang = 'zh' | 'en';

const base = inject('workerUrl');
const db = createDb(await workerClient(`file:${inject('workerDbFile')}`));

async function userId(email: string): Promise<number> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!row) throw new Error(`demo account ${email} missing`);
  return row.id;
}
const founderId = await userId(ACCOUNTS.founder);
const [company] = await db
  .select({ id: companies.id })
  .from(companies)
  .where(eq(companies.ownerId, founderId));
const [product] = await db.select({ id: products.id }).from(products).where(eq(products.ownerId, founderId));
const founderTeams = await db
  .select({ id: teams.id, contestSlug: teams.contestSlug })
  .from(teams)
  .where(and(eq(teams.leaderId, founderId), inArray(teams.contestSlug, [OPEN, DONE])));
const openTeam = founderTeams.find((t) => t.contestSlug === OPEN);
const doneTeam = founderTeams.find((t) => t.contestSlug === DONE);
const entryOf = async (slug: string) =>
  (
    await db
      .select({ id: entries.id })
      .from(entries)
      .where(eq(entries.contestSlug, slug))
      .orderBy(asc(entries.id))
      .limit(1)
  )[0];
const doneEntry = await entryOf(DONE);
const openEntry = await entryOf(OPEN);
const [voucherApplication] = await db
  .select({ id: voucherApplications.id })
  .from(voucherApplications)
  .where(eq(voucherApplications.applicantId, founderId));
if (!company || !product || !openTeam || !doneTeam || !doneEntry || !openEntry || !voucherApplication)
  throw new Error('the demo data lacks a record this test visits');

interface Visit {
  /** The page file's route (a key of the page map), e.g. `/me/teams/[id]`. */
  route: string;
  /** The zh path; the en twin is `/en` + path. */
  path: string;
  as: Actor;
  status?: number;
  /** Default both: each page file in zh and en; further states of a page in zh only. */
  langs?: Lang[];
  /** Post the page's form with these fields (the rest empty) and check the re-rendered page. */
  submit?: { fill?: Record<string, string>; status: number };
  /** Open on the second Worker, whose clock stands inside the open contest's judging window. */
  judging?: true;
}
const zh: Lang[] = ['zh'];
const TOKEN = 'a'.repeat(32);

const PUBLIC = await publicPages(inject('workerDbFile'));

const VISITS: Visit[] = [
  // The public pages (signed out in public-pages.test.ts) signed in: the header changes, and so do
  // vote buttons and team links.
  ...PUBLIC.map(([route, path]): Visit => ({ route, path, as: 'founder', langs: zh })),
  // Signed out: error pages and the account forms.
  { route: '/404', path: '/no-such-page', as: 'anonymous', status: 404 },
  { route: '/500', path: '/500', as: 'anonymous', status: 500, langs: zh },
  { route: '/403', path: '/403', as: 'founder', status: 403, langs: zh },
  // Shown in place of a page write whose body is malformed or too large (test/worker/malformed-forms).
  { route: '/400', path: '/400', as: 'anonymous', status: 400, langs: zh },
  { route: '/413', path: '/413', as: 'anonymous', status: 413, langs: zh },
  { route: '/signin', path: '/signin', as: 'anonymous' },
  {
    route: '/signin',
    path: '/signin',
    as: 'anonymous',
    langs: zh,
    submit: { fill: { email: ACCOUNTS.founder, password: 'not-the-password' }, status: 401 },
  },
  { route: '/signup', path: '/signup', as: 'anonymous' },
  {
    route: '/signup',
    path: '/signup',
    as: 'anonymous',
    submit: { fill: { email: 'not-an-email' }, status: 422 },
  },
  { route: '/forgot-password', path: '/forgot-password', as: 'anonymous' },
  { route: '/reset-password', path: `/reset-password?token=${TOKEN}`, as: 'anonymous' },
  {
    route: '/reset-password',
    path: `/reset-password?token=${TOKEN}`,
    as: 'anonymous',
    langs: zh,
    submit: { status: 422 },
  },
  { route: '/reset-password', path: '/reset-password', as: 'anonymous', langs: zh },
  { route: '/verify-email', path: `/verify-email?token=${TOKEN}`, as: 'anonymous' },
  { route: '/verify-email', path: '/verify-email', as: 'anonymous', langs: zh },
  { route: '/me/confirm-email', path: `/me/confirm-email?token=${TOKEN}`, as: 'anonymous' },
  {
    route: '/me/confirm-email',
    path: `/me/confirm-email?token=${TOKEN}`,
    as: 'anonymous',
    langs: zh,
    submit: { status: 422 },
  },
  { route: '/me/confirm-email', path: '/me/confirm-email', as: 'anonymous', langs: zh },
  // 我的 and the team pages, as the demo founder.
  { route: '/me', path: '/me', as: 'founder' },
  // 申请入驻: the founder's company applies (one company: straight to its form, the community chosen).
  { route: '/communities/[slug]/apply', path: '/communities/guanggu-model-opc/apply', as: 'founder' },
  { route: '/me/account', path: '/me/account', as: 'founder' },
  { route: '/me/tokens', path: '/me/tokens', as: 'founder' },
  // 四券: the founder's applications and vouchers, and the returned application to answer.
  { route: '/me/vouchers', path: '/me/vouchers', as: 'founder' },
  { route: '/me/vouchers/[id]', path: `/me/vouchers/${voucherApplication.id}`, as: 'founder' },
  {
    route: '/me/vouchers/[id]',
    path: `/me/vouchers/${voucherApplication.id}`,
    as: 'founder',
    langs: zh,
    submit: { fill: { plannedSpend: 'abc' }, status: 422 },
  },
  { route: '/me/tokens', path: '/me/tokens', as: 'founder', langs: zh, submit: { status: 422 } },
  { route: '/me/companies/new', path: '/me/companies/new', as: 'founder' },
  {
    route: '/me/companies/new',
    path: '/me/companies/new',
    as: 'founder',
    langs: zh,
    submit: { status: 422 },
  },
  {
    route: '/me/companies/[id]/memberships/new',
    path: `/me/companies/${company.id}/memberships/new`,
    as: 'founder',
  },
  { route: '/me/products/new', path: '/me/products/new', as: 'founder' },
  { route: '/me/products/new', path: '/me/products/new', as: 'founder', submit: { status: 422 } },
  { route: '/me/products/[id]/edit', path: `/me/products/${product.id}/edit`, as: 'founder' },
  { route: '/me/products/[id]/pictures', path: `/me/products/${product.id}/pictures`, as: 'founder' },
  {
    route: '/me/products/[id]/pictures',
    path: `/me/products/${product.id}/pictures`,
    as: 'founder',
    langs: zh,
    // The logo form sent without a file: the field error beside the file input.
    submit: { status: 422 },
  },
  { route: '/me/companies/[id]/pictures', path: `/me/companies/${company.id}/pictures`, as: 'founder' },
  { route: '/me/teams/[id]', path: `/me/teams/${openTeam.id}`, as: 'founder' },
  { route: '/me/teams/[id]', path: `/me/teams/${doneTeam.id}`, as: 'founder', langs: zh },
  // The confirmation step of a roster change (the founder leads the open team).
  { route: '/me/teams/[id]/roster', path: `/me/teams/${openTeam.id}/roster?action=dissolve`, as: 'founder' },
  { route: '/contests/[slug]/teams/new', path: `/contests/${OPEN}/teams/new`, as: 'founder' },
  {
    route: '/contests/[slug]/teams/new',
    path: `/contests/${OPEN}/teams/new`,
    as: 'founder',
    langs: zh,
    submit: { status: 422 },
  },
  { route: '/teams/join', path: '/teams/join', as: 'founder' },
  { route: '/teams/join', path: '/teams/join?code=ABCD-EFGH-IJKL-MNOP', as: 'founder', langs: zh },
  { route: '/judge', path: '/judge', as: 'founder', langs: zh },
  { route: '/admin', path: '/admin', as: 'founder', status: 403, langs: zh },
  // The judge (judge1): the finished contest read-only; the open one's score form while judging.
  { route: '/judge', path: '/judge', as: 'judge' },
  { route: '/judge/contests/[slug]', path: `/judge/contests/${DONE}`, as: 'judge' },
  { route: '/judge/entries/[id]', path: `/judge/entries/${doneEntry.id}`, as: 'judge', langs: zh },
  { route: '/judge/entries/[id]', path: `/judge/entries/${openEntry.id}`, as: 'judge', judging: true },
  {
    route: '/judge/entries/[id]',
    path: `/judge/entries/${openEntry.id}`,
    as: 'judge',
    langs: zh,
    judging: true,
    submit: { fill: { 'scores.innovation.score': '99' }, status: 422 },
  },
  // Organizer and admin; the scores table with its status forms while judging.
  { route: '/admin', path: '/admin', as: 'organizer' },
  { route: '/admin/companies', path: '/admin/companies', as: 'organizer' },
  { route: '/admin/memberships', path: '/admin/memberships', as: 'organizer' },
  { route: '/admin/products', path: '/admin/products', as: 'organizer' },
  { route: '/admin/contests', path: '/admin/contests', as: 'organizer' },
  { route: '/admin/contests/[slug]', path: `/admin/contests/${DONE}`, as: 'organizer', langs: zh },
  { route: '/admin/contests/[slug]', path: `/admin/contests/${OPEN}`, as: 'organizer', judging: true },
  { route: '/admin/events', path: '/admin/events', as: 'organizer' },
  { route: '/admin/events/new', path: '/admin/events/new', as: 'organizer' },
  {
    route: '/admin/events/new',
    path: '/admin/events/new',
    as: 'organizer',
    langs: zh,
    submit: { status: 422 },
  },
  {
    route: '/admin/events/[slug]',
    path: '/admin/events/opc-founder-meetup-guanggu-2027-01',
    as: 'organizer',
  },
  {
    route: '/admin/events/[slug]/check-in',
    path: '/admin/events/opc-founder-meetup-guanggu-2027-01/check-in',
    as: 'organizer',
  },
  {
    route: '/admin/events/[slug]/check-in',
    path: '/admin/events/opc-founder-meetup-guanggu-2027-01/check-in?code=NOTATICKET',
    as: 'organizer',
    langs: zh,
  },
  // The founder holds a ticket for the meetup; the workshop's required question refuses an empty form.
  { route: '/events/[slug]', path: '/events/opc-founder-meetup-guanggu-2027-01', as: 'founder' },
  {
    route: '/events/[slug]',
    path: '/events/ai-workshop-rag-2027-04',
    as: 'founder',
    langs: zh,
    submit: { status: 422 },
  },
  { route: '/admin/roles', path: '/admin/roles', as: 'admin' },
  { route: '/admin/audit', path: '/admin/audit', as: 'admin' },
  { route: '/admin/tokens', path: '/admin/tokens', as: 'organizer' },
  { route: '/admin/vouchers', path: '/admin/vouchers', as: 'organizer' },
  { route: '/admin/webhooks', path: '/admin/webhooks', as: 'organizer' },
  { route: '/admin/webhooks', path: '/admin/webhooks', as: 'organizer', langs: zh, submit: { status: 422 } },
  { route: '/dev/outbox', path: '/dev/outbox', as: 'admin', langs: zh },
];

const localize = (path: string, lang: Lang) => (lang === 'zh' ? path : path === '/' ? '/en/' : `/en${path}`);
const langsOf = (visit: Visit): Lang[] => visit.langs ?? ['zh', 'en'];
const CASES = VISITS.flatMap((visit) =>
  langsOf(visit).map((lang) => ({
    visit,
    lang,
    name: `${localize(visit.path, lang)} as ${visit.as}${visit.submit ? `, form posted (${visit.submit.status})` : ''}${visit.judging ? ' while judging' : ''}`,
  })),
);

/** The visits are split between two files (every-page-1/2.test.ts) so that the browser tests'
 * two workers share them evenly: one file of them was the run's long pole. */
const SHARDS = 2;

export function everyPageSuite(shard: number): void {
  let browser: Browser;
  let tab: VisitTab;
  let judgingWorker: WorkerProcess;
  /** Per actor (and clock): the session cookie and the claims a browser holds after one page. */
  const cookies = new Map<string, { name: string; value: string }[]>();

  beforeAll(async () => {
    browser = await launchBrowser();
    tab = new VisitTab(browser, { viewport: { width: 360, height: 740 } });
    judgingWorker = startWorker({
      port: await freePort(),
      databaseUrl: new URL(inject('workerDbUrl')).toString(),
      vars: { ...WORKER_VARS, TEST_NOW: JUDGING_NOW.toISOString() },
      quiet: true,
      configPath: inject('workerConfigPath'),
    });
    const signedIn = async (id: number, now: Date) => {
      const { token } = await createSession(db, id, now);
      const session = await validateSessionToken(db, token, now);
      if (!session) throw new Error('a new session did not validate');
      return [
        { name: SESSION_COOKIE, value: token },
        {
          name: CLAIMS_COOKIE,
          value: encodeClaims(
            { sessionId: session.sessionId, user: session.user },
            WORKER_VARS.PASSWORD_PEPPER,
          ),
        },
      ];
    };
    for (const [actor, email] of Object.entries(ACCOUNTS)) {
      const id = await userId(email);
      cookies.set(actor, await signedIn(id, NOW));
      cookies.set(`${actor}@judging`, await signedIn(id, JUDGING_NOW));
    }
    await waitForHealth(judgingWorker.url, 90_000);
  });

  afterAll(async () => {
    await tab?.discard();
    await browser?.close();
    await judgingWorker?.stop();
  });

  async function open(
    visit: Visit,
    lang: Lang,
  ): Promise<{ page: Page; status: number | undefined; roundTrips?: number }> {
    const url = visit.judging ? judgingWorker.url : base;
    const held =
      visit.as === 'anonymous' ? [] : (cookies.get(visit.judging ? `${visit.as}@judging` : visit.as) ?? []);
    const page = await tab.open(held.map((cookie) => ({ ...cookie, url })));
    const response = await page.goto(`${url}${localize(visit.path, lang)}`);
    const timing = (await response?.allHeaders())?.['server-timing'] ?? '';
    const roundTrips = Number(/(\d+) round trips?/.exec(timing)?.[1] ?? Number.NaN);
    if (!visit.submit) return { page, status: response?.status(), roundTrips };
    expect(response?.status()).toBe(200);
    for (const [name, value] of Object.entries(visit.submit.fill ?? {})) {
      await page.fill(`main [name="${name}"]`, value);
    }
    // `main`: the header's sign-out button is a submit button too.
    const [posted] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
      page.click('main form.form button[type="submit"]'),
    ]);
    await page.waitForLoadState();
    return { page, status: posted.status() };
  }

  if (shard === 0)
    describe('the visit list', () => {
      it('opens every .astro page file, zh and en (here or in public-pages.test.ts), and only mapped routes', () => {
        const files = pageFiles().filter((p) => p.file.endsWith('.astro'));
        expect(files.length).toBeGreaterThan(40);
        const visited = new Set([
          ...VISITS.flatMap((v) => langsOf(v).map((lang) => `${lang} ${v.route}`)),
          ...PUBLIC.flatMap(([route]) => [`zh ${route}`, `en ${route}`]),
        ]);
        const missing = files.filter((p) => !visited.has(`${p.locale === 'en' ? 'en' : 'zh'} ${p.route}`));
        expect(missing.map((p) => p.file)).toEqual([]);
        const unmapped = [...VISITS.map((v) => v.route), ...PUBLIC.map(([route]) => route)].filter(
          (route) => PAGES[route] === undefined,
        );
        expect(unmapped).toEqual([]);
      });
    });

  describe('every page on a phone (360 px)', () => {
    it.each(CASES.filter((_, i) => i % SHARDS === shard))('$name', async ({ visit, lang }) => {
      try {
        const { page, status, roundTrips } = await open(visit, lang);
        expect(status).toBe(visit.submit?.status ?? visit.status ?? 200);
        // Signed in, the session check travels with the page's data (decision 023): one round trip.
        if (!visit.submit && visit.as !== 'anonymous') expect(roundTrips).toBe(1);
        if (visit.submit)
          expect(await page.locator('main .field-error, main .form-error').count()).toBeGreaterThan(0);
        expect(await axeViolations(page)).toEqual([]);
        expect(await overflowsHorizontally(page)).toBe(false);
        expect(await wrappedColumnHeaders(page)).toEqual([]);
      } catch (err) {
        await tab.discard();
        throw err;
      }
    });
  });
}
