/**
 * Responses of the feed endpoints (iCal, RSS, sitemap, robots.txt). Absolute URLs use the request's
 * origin, so feeds fetched from any host (local, preview, production) link back to that host.
 */

import { getRssString } from '@astrojs/rss';
import { ICAL_CONTENT_TYPE } from '~/functions/lib/ical';
import { SITEMAP_CONTENT_TYPE } from '~/functions/lib/sitemap';
import { escapeXml, xmlChars } from '~/functions/lib/xml';
import type { CalendarScope } from '~/functions/services/events/build-calendar';
import { buildCalendar } from '~/functions/services/events/build-calendar';
import { buildSitemap } from '~/functions/services/feeds/build-sitemap';
import { type ProductsFeed, recentProductsFeed } from '~/functions/services/feeds/recent-products-rss';
import { t } from '~/src/i18n';
import { SITEMAP_PATHS } from '~/src/lib/page-map';
import { orNotFound } from './list-page';

type Locals = App.Locals;

const RSS_CONTENT_TYPE = 'application/rss+xml; charset=utf-8';

export async function calendarResponse(locals: Locals, scope: CalendarScope): Promise<Response> {
  const { ctx, locale } = locals;
  const body = await orNotFound(() => buildCalendar({ ctx, input: { scope, origin: ctx.origin, locale } }));
  if (body === null) {
    return new Response(t(locale, 'error.404.body'), {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  return new Response(body, { headers: { 'content-type': ICAL_CONTENT_TYPE } });
}

/**
 * The feed as RSS 2.0, written by @astrojs/rss. Its channel has no fields for the language, the build
 * date or the atom:link to the feed itself, so they go in as custom data. Item links are absolute, so
 * they stay as given; `trailingSlash: false` keeps the channel link as given too.
 */
export function productsRss(feed: ProductsFeed): Promise<string> {
  return getRssString({
    title: feed.title,
    description: feed.description,
    site: feed.link,
    trailingSlash: false,
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: [
      `<language>${escapeXml(feed.language)}</language>`,
      `<lastBuildDate>${feed.now.toUTCString()}</lastBuildDate>`,
      `<atom:link href="${escapeXml(feed.self)}" rel="self" type="application/rss+xml"/>`,
    ].join(''),
    // The writer escapes markup but keeps characters no XML document may hold: drop them first.
    items: feed.items.map((item) => ({
      title: xmlChars(item.title),
      link: item.link,
      description: xmlChars(item.description),
      pubDate: item.pubDate,
    })),
  });
}

export async function rssResponse(locals: Locals): Promise<Response> {
  const feed = await recentProductsFeed({
    ctx: locals.ctx,
    input: { origin: locals.ctx.origin, locale: locals.locale },
  });
  return new Response(await productsRss(feed), { headers: { 'content-type': RSS_CONTENT_TYPE } });
}

export async function sitemapResponse(locals: Locals): Promise<Response> {
  const body = await buildSitemap({
    ctx: locals.ctx,
    input: { origin: locals.ctx.origin, staticPaths: SITEMAP_PATHS },
  });
  return new Response(body, { headers: { 'content-type': SITEMAP_CONTENT_TYPE } });
}

/** Everything public may be crawled; the API and private areas may not. */
export function robotsResponse(origin: string): Response {
  const body = [
    'User-agent: *',
    'Allow: /',
    'Disallow: /api/',
    'Disallow: /me',
    'Disallow: /en/me',
    'Disallow: /admin',
    'Disallow: /en/admin',
    '',
    `Sitemap: ${new URL('/sitemap.xml', origin).href}`,
    '',
  ].join('\n');
  return new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
