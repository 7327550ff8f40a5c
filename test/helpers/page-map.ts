/**
 * The page files on disk, to compare with the page map of src/lib/page-map.ts: the authorization
 * matrix checks that every file has a rule and no rule is stale; the browser check of every page
 * visits each .astro route in both languages. A new page without an entry fails.
 */
import { join } from 'node:path';
import { pageFilesIn, routeOfFile } from '~/src/integrations/english-routes';
import { type PageRule, PAGES as RULES } from '~/src/lib/page-map';

/** The page map, looked up by any string (undefined: no such route). */
export const PAGES: Readonly<Record<string, PageRule | undefined>> = RULES;

const PAGES_DIR = join(import.meta.dirname, '../../src/pages');

export interface PageFile {
  /** Relative to src/pages, e.g. `me/teams/[id].astro`. */
  file: string;
  /** The route without its language prefix, e.g. `/me/teams/[id]` (a key of PAGES). */
  route: string;
  /** Each file serves its route at `/…` (zh-CN) and, unless the map says otherwise, at `/en/…`. */
  locale: 'zh-CN' | 'en';
}

/** Every page file under src/pages but the API catch-all, once per language it has a path in. */
export function pageFiles(): PageFile[] {
  return pageFilesIn(PAGES_DIR).flatMap((file) => {
    const route = routeOfFile(file);
    const zh = { file, route, locale: 'zh-CN' as const };
    return PAGES[route]?.unlocalized ? [zh] : [zh, { file, route, locale: 'en' as const }];
  });
}
