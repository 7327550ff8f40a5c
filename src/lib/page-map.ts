/**
 * The page map: every route under src/pages (but the API catch-all) with who may open it, whether an
 * anonymous GET of it may be served from the page cache, whether it is listed in the sitemap, and
 * its place in the main navigation. One declaration drives the middleware (sign-in redirect and
 * 403), the page-cache allow-list (src/lib/page-cache.ts), the sitemap's static paths and the header
 * navigation; the tests compare it with the page files on disk (test/helpers/page-map.ts).
 *
 * Every route answers at `/…` in Chinese and at `/en/…` in English from the same page file, the
 * locale coming from the path (src/integrations/english-routes.ts, decision 015).
 */
// Relative imports: astro.config.mjs loads this file (src/integrations/english-routes.ts).
import { hasRole } from '../../functions/auth/guards';
import type { RequestUser } from '../../functions/context';
import type { UiKey } from '../i18n/ui/index';

/**
 * Who may open a route. `judge` is signed in here; whether the person judges that contest is data,
 * checked by the judging services (an unassigned contest or entry reads as 404).
 */
export type Access = 'public' | 'signed-in' | 'judge' | 'organizer' | 'admin' | 'dev-only';

export interface PageRule {
  access: Access;
  /** Who may POST to it, when that differs from `access` (a public page with a signed-in form). */
  post?: Access;
  /**
   * Anonymous GETs are answered from the page cache (decision 006): only pages identical for every
   * anonymous visitor (a form shown to signed-in people only is fine; they never get cached pages).
   */
  cached?: true;
  /** An error page, rendered as it is when Astro or the middleware renders it in a page's place. */
  error?: true;
  /** Listed in the sitemap in both languages (pages with parameters list their records instead). */
  sitemap?: true;
  /** Its label in the header's main navigation, in this order. */
  nav?: UiKey;
  /** Where a signed-out visitor returns after signing in, when not the route itself (endpoints). */
  returnTo?: (path: string) => string;
  /**
   * No `/en/…` route of its own: machine-readable files, and the error pages (they render in the
   * language of the path that failed).
   */
  unlocalized?: true;
}

const publicPage = { access: 'public', cached: true } as const;
const form = { access: 'public' } as const;

export const PAGES = {
  '/': { ...publicPage, sitemap: true, nav: 'nav.home' },
  '/communities': { ...publicPage, sitemap: true, nav: 'nav.communities' },
  '/products': { ...publicPage, sitemap: true, nav: 'nav.products' },
  '/contests': { ...publicPage, sitemap: true, nav: 'nav.contests' },
  '/events': { ...publicPage, sitemap: true, nav: 'nav.events' },
  '/vouchers': { ...publicPage, sitemap: true, nav: 'nav.vouchers' },
  '/about': { ...publicPage, sitemap: true, nav: 'nav.about' },
  '/privacy': { ...publicPage, sitemap: true },
  '/404': { access: 'public', unlocalized: true, error: true },
  '/400': { access: 'public', unlocalized: true, error: true },
  '/403': { access: 'public', unlocalized: true, error: true },
  '/413': { access: 'public', unlocalized: true, error: true },
  '/500': { access: 'public', unlocalized: true, error: true },
  '/communities/[slug]': publicPage,
  '/communities/[slug]/events.ics': publicPage,
  '/communities/[slug]/apply': { access: 'signed-in' },
  '/companies/[id]': publicPage,
  '/contests/[slug]': publicPage,
  '/contests/[slug]/entries': publicPage,
  '/contests/[slug]/results': { ...publicPage, post: 'signed-in' },
  '/events/[slug]': { ...publicPage, post: 'signed-in' },
  '/events/[slug].ics': publicPage,
  '/events.ics': publicPage,
  /** A programme: its apply and objection forms are for signed-in people. */
  '/vouchers/[slug]': { ...publicPage, post: 'signed-in' },
  '/products/[id]': publicPage,
  '/rss.xml': publicPage,
  '/sitemap.xml': { ...publicPage, unlocalized: true },
  '/robots.txt': { ...publicPage, unlocalized: true },
  '/signin': form,
  '/signup': form,
  '/forgot-password': form,
  '/reset-password': form,
  '/verify-email': form,
  '/signout': form,
  '/products/[id]/vote': { access: 'signed-in', returnTo: (path) => path.replace(/\/vote\/?$/, '') },
  '/me/teams/[id]/roster': { access: 'signed-in', returnTo: (path) => path.replace(/\/roster\/?$/, '') },
  '/me': { access: 'signed-in' },
  '/me/account': { access: 'signed-in' },
  '/me/tokens': { access: 'signed-in' },
  '/me/vouchers': { access: 'signed-in' },
  '/me/vouchers/[id]': { access: 'signed-in' },
  /** The email-change link: it proves the new address, so it works in any browser. */
  '/me/confirm-email': form,
  '/me/data.json': { access: 'signed-in', returnTo: () => '/me/account', unlocalized: true },
  '/me/companies/new': { access: 'signed-in' },
  '/me/companies/[id]/memberships/new': { access: 'signed-in' },
  '/me/products/new': { access: 'signed-in' },
  '/me/products/[id]/edit': { access: 'signed-in' },
  '/me/products/[id]/pictures': { access: 'signed-in' },
  '/me/companies/[id]/pictures': { access: 'signed-in' },
  '/me/teams/[id]': { access: 'signed-in' },
  '/contests/[slug]/teams/new': { access: 'signed-in' },
  '/teams/join': { access: 'signed-in' },
  '/judge': { access: 'signed-in' },
  '/judge/contests/[slug]': { access: 'judge' },
  '/judge/entries/[id]': { access: 'judge' },
  '/admin': { access: 'organizer' },
  '/admin/companies': { access: 'organizer' },
  '/admin/products': { access: 'organizer' },
  '/admin/memberships': { access: 'organizer' },
  '/admin/contests': { access: 'organizer' },
  '/admin/contests/[slug]': { access: 'organizer' },
  '/admin/events': { access: 'organizer' },
  '/admin/events/new': { access: 'organizer' },
  '/admin/events/[slug]': { access: 'organizer' },
  '/admin/events/[slug]/check-in': { access: 'organizer' },
  '/admin/events/[slug]/attendees.csv': { access: 'organizer' },
  '/admin/roles': { access: 'admin' },
  '/admin/audit': { access: 'admin' },
  '/admin/tokens': { access: 'organizer' },
  '/admin/webhooks': { access: 'organizer' },
  '/admin/vouchers': { access: 'organizer' },
  '/dev/outbox': { access: 'dev-only', unlocalized: true },
} satisfies Record<string, PageRule>;

export type PageRoute = keyof typeof PAGES;

/** `/products/[id]` → a pattern for the unprefixed path; a trailing slash is allowed. */
function routePattern(route: string): string {
  if (route === '/') return '/';
  return route
    .split(/(\[[^\]]+\])/)
    .map((part) => (part.startsWith('[') ? '[^/]+' : part.replace(/[.*+?^${}()|\\]/g, '\\$&')))
    .join('');
}

const entries = Object.entries(PAGES) as Array<[PageRoute, PageRule]>;

/**
 * The rule of the route Astro matched (`context.routePattern`, e.g. `/en/products/[id]`), or
 * undefined for a route the map does not know (the middleware then answers 404: fail closed).
 */
export function pageRule(routePattern: string): PageRule | undefined {
  const route =
    routePattern === '/en' ? '/' : routePattern.startsWith('/en/') ? routePattern.slice(3) : routePattern;
  return (PAGES as Record<string, PageRule | undefined>)[route];
}

/**
 * One pattern for every cached route, in both languages: tested on every request before Astro routes
 * it, so it cannot use the matched route; a route missing here is only never cached.
 */
export const CACHED_PATH = new RegExp(
  `^(?:/en)?(?:${entries
    .filter(([, rule]) => rule.cached)
    .map(([route]) => (route === '/' ? '' : routePattern(route)))
    .join('|')})/?$`,
);

export const SITEMAP_PATHS: string[] = entries.filter(([, rule]) => rule.sitemap).map(([route]) => route);

export const NAV: Array<{ href: string; key: UiKey }> = entries.flatMap(([route, rule]) =>
  rule.nav ? [{ href: route, key: rule.nav }] : [],
);

export type AccessVerdict = 'allowed' | 'sign-in' | 'forbidden' | 'not-found';

/** What the rule says of this person: roles are global (admin includes organizer). */
export function checkAccess(
  access: Access,
  user: RequestUser | null,
  options: { isProduction: boolean },
): AccessVerdict {
  switch (access) {
    case 'public':
      return 'allowed';
    case 'dev-only':
      return options.isProduction ? 'not-found' : 'allowed';
    case 'signed-in':
    case 'judge':
      return user ? 'allowed' : 'sign-in';
    case 'organizer':
    case 'admin':
      if (!user) return 'sign-in';
      return hasRole(user, access) ? 'allowed' : 'forbidden';
  }
}
