/**
 * The page map: every file under src/pages (not the /en mirrors, not the API catch-all) with who may
 * open it. The authorization matrix checks each rule; the browser check of every page visits each
 * .astro route. Both compare it with the files on disk, so a new page without an entry fails.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

export type PageRule = 'public' | 'signed-in' | 'organizer' | 'admin' | 'judge' | 'dev-only' | 'endpoint';

export const PAGES: Record<string, PageRule> = {
  '/': 'public',
  '/404': 'public',
  '/500': 'public',
  '/about': 'public',
  '/privacy': 'public',
  '/communities': 'public',
  '/communities/[slug]': 'public',
  '/communities/[slug]/events.ics': 'public',
  '/companies/[id]': 'public',
  '/contests': 'public',
  '/contests/[slug]': 'public',
  '/contests/[slug]/entries': 'public',
  '/contests/[slug]/results': 'public',
  '/events': 'public',
  '/events/[slug]': 'public',
  '/events/[slug].ics': 'public',
  '/events.ics': 'public',
  '/products': 'public',
  '/products/[id]': 'public',
  '/rss.xml': 'public',
  '/sitemap.xml': 'public',
  '/robots.txt': 'public',
  '/signin': 'public',
  '/signup': 'public',
  '/forgot-password': 'public',
  '/reset-password': 'public',
  '/verify-email': 'public',
  '/signout': 'endpoint',
  '/products/[id]/vote': 'endpoint',
  '/me/teams/[id]/roster': 'endpoint',
  '/me': 'signed-in',
  '/me/account': 'signed-in',
  '/me/data.json': 'signed-in',
  '/me/companies/new': 'signed-in',
  '/me/companies/[id]/memberships/new': 'signed-in',
  '/me/products/new': 'signed-in',
  '/me/products/[id]/edit': 'signed-in',
  '/me/teams/[id]': 'signed-in',
  '/contests/[slug]/teams/new': 'signed-in',
  '/teams/join': 'signed-in',
  '/judge': 'signed-in',
  '/judge/contests/[slug]': 'judge',
  '/judge/entries/[id]': 'judge',
  '/admin': 'organizer',
  '/admin/companies': 'organizer',
  '/admin/products': 'organizer',
  '/admin/memberships': 'organizer',
  '/admin/contests': 'organizer',
  '/admin/contests/[slug]': 'organizer',
  '/admin/roles': 'admin',
  '/admin/audit': 'admin',
  '/dev/outbox': 'dev-only',
};

const PAGES_DIR = join(import.meta.dirname, '../../src/pages');
const EXTENSION = /\.(astro|ts|md|mdx|html)$/;

export interface PageFile {
  /** Relative to src/pages, e.g. `en/me/teams/[id].astro`. */
  file: string;
  /** The route without its language prefix, e.g. `/me/teams/[id]` (a key of PAGES). */
  route: string;
  locale: 'zh-CN' | 'en';
}

/** Every page file under src/pages but the API catch-all, zh and en. */
export function pageFiles(): PageFile[] {
  return readdirSync(PAGES_DIR, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && EXTENSION.test(d.name))
    .map((d) => relative(PAGES_DIR, join(d.parentPath, d.name)).split('\\').join('/'))
    .filter((file) => !file.startsWith('api/'))
    .map((file) => {
      const locale = file.startsWith('en/') ? ('en' as const) : ('zh-CN' as const);
      const bare = locale === 'en' ? file.slice('en/'.length) : file;
      const route = `/${bare.replace(EXTENSION, '')}`.replace(/\/index$/, '');
      return { file, route: route === '' ? '/' : route, locale };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}
