/**
 * The page files on disk, to compare with the page map of src/lib/page-map.ts: the authorization
 * matrix checks that every file has a rule and no rule is stale; the browser check of every page
 * visits each .astro route in both languages. A new page without an entry fails.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type PageRule, PAGES as RULES } from '~/src/lib/page-map';

/** The page map, looked up by any string (undefined: no such route). */
export const PAGES: Readonly<Record<string, PageRule | undefined>> = RULES;

const PAGES_DIR = join(import.meta.dirname, '../../src/pages');
const EXTENSION = /\.(astro|ts|md|mdx|html)$/;

export interface PageFile {
  /** Relative to src/pages, e.g. `me/teams/[id].astro`. */
  file: string;
  /** The route without its language prefix, e.g. `/me/teams/[id]` (a key of PAGES). */
  route: string;
  /** Each file serves its route at `/…` (zh-CN) and, unless the map says otherwise, at `/en/…`. */
  locale: 'zh-CN' | 'en';
}

/** Every page file under src/pages but the API catch-all, once per language it answers in. */
export function pageFiles(): PageFile[] {
  return readdirSync(PAGES_DIR, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && EXTENSION.test(d.name))
    .map((d) => relative(PAGES_DIR, join(d.parentPath, d.name)).split('\\').join('/'))
    .filter((file) => !file.startsWith('api/'))
    .flatMap((file) => {
      const bare = `/${file.replace(EXTENSION, '')}`.replace(/\/index$/, '');
      const route = bare === '' ? '/' : bare;
      const rule = PAGES[route];
      const zh = { file, route, locale: 'zh-CN' as const };
      return rule?.unlocalized ? [zh] : [zh, { file, route, locale: 'en' as const }];
    })
    .sort((a, b) => a.file.localeCompare(b.file) || a.locale.localeCompare(b.locale));
}
