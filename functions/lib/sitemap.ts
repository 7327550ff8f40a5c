/**
 * A sitemap (sitemaps.org 0.9) of every public page in both languages, each URL listing its
 * language versions as xhtml:link alternates so search engines pair /x with /en/x.
 */
import { escapeXml, XML_DECLARATION } from './xml';

export interface SitemapEntry {
  /** The Chinese (unprefixed) path, e.g. /communities/x; the English one is /en/… */
  path: string;
  /** Last change, when known. */
  lastmod?: Date;
}

export const SITEMAP_CONTENT_TYPE = 'application/xml; charset=utf-8';

const englishPath = (path: string) => (path === '/' ? '/en/' : `/en${path}`);

export function serializeSitemap(origin: string, entries: readonly SitemapEntry[]): string {
  const urls = entries.flatMap((entry) => {
    const zh = new URL(entry.path, origin).href;
    const en = new URL(englishPath(entry.path), origin).href;
    const alternates = [
      `<xhtml:link rel="alternate" hreflang="zh-CN" href="${escapeXml(zh)}"/>`,
      `<xhtml:link rel="alternate" hreflang="en" href="${escapeXml(en)}"/>`,
      `<xhtml:link rel="alternate" hreflang="x-default" href="${escapeXml(zh)}"/>`,
    ].join('');
    const lastmod = entry.lastmod ? `<lastmod>${entry.lastmod.toISOString()}</lastmod>` : '';
    return [zh, en].map((loc) => `<url><loc>${escapeXml(loc)}</loc>${lastmod}${alternates}</url>`);
  });
  return [
    XML_DECLARATION,
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}
