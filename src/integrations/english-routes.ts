/**
 * Serves every page file at `/en/…` too (decision 015): for each file under src/pages it injects the
 * English route with the same file as its entrypoint, so one page file answers `/products/[id]` and
 * `/en/products/[id]`, and the page takes its locale from the path (src/i18n). Routes the page map
 * marks `unlocalized` get no English path.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { PAGES, type PageRule } from '../lib/page-map';

// Every extension Astro routes; a page of any of them gets its English route and a page-map check.
const PAGE_FILE = /\.(astro|ts|js|md|mdx|html)$/;

/** `products/[id].astro` → `/products/[id]`; `index.astro` → `/`. */
export function routeOfFile(file: string): string {
  const route = `/${file.replace(PAGE_FILE, '')}`.replace(/\/index$/, '');
  return route === '' ? '/' : route;
}

/** The page files (relative to src/pages, `/`-separated), without the API catch-all. */
export function pageFilesIn(pagesDir: string): string[] {
  return readdirSync(pagesDir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && PAGE_FILE.test(d.name))
    .map((d) => relative(pagesDir, join(d.parentPath, d.name)).split('\\').join('/'))
    .filter((file) => !file.startsWith('api/'))
    .sort();
}

export function englishRoutes(): AstroIntegration {
  return {
    name: 'opc:english-routes',
    hooks: {
      'astro:config:setup': ({ config, injectRoute }) => {
        const pagesDir = fileURLToPath(new URL('./src/pages/', config.root));
        for (const file of pageFilesIn(pagesDir)) {
          const route = routeOfFile(file);
          const rule: PageRule | undefined = (PAGES as Record<string, PageRule>)[route];
          if (rule?.unlocalized) continue;
          injectRoute({
            pattern: route === '/' ? '/en' : `/en${route}`,
            entrypoint: `./src/pages/${file}`,
          });
        }
      },
    },
  };
}
