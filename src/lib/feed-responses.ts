/**
 * Responses of the feed endpoints (iCal, RSS, sitemap, robots.txt). Absolute URLs use the request's
 * origin, so feeds fetched from any host (local, preview, production) link back to that host.
 */

import { ICAL_CONTENT_TYPE } from '~/functions/lib/ical';
import { RSS_CONTENT_TYPE } from '~/functions/lib/rss';
import { SITEMAP_CONTENT_TYPE } from '~/functions/lib/sitemap';
import type { CalendarScope } from '~/functions/services/events/build-calendar';
import { buildCalendar } from '~/functions/services/events/build-calendar';
import { buildSitemap } from '~/functions/services/feeds/build-sitemap';
import { recentProductsRss } from '~/functions/services/feeds/recent-products-rss';
import { t } from '~/src/i18n';
import { SITEMAP_PATHS } from '~/src/lib/page-map';
import { orNotFound } from './list-page';

type Locals = App.Locals;

export async function calendarResponse(locals: Locals, url: URL, scope: CalendarScope): Promise<Response> {
  const { ctx, locale } = locals;
  const body = await orNotFound(() => buildCalendar({ ctx, input: { scope, origin: url.origin, locale } }));
  if (body === null) {
    return new Response(t(locale, 'error.404.body'), {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  return new Response(body, { headers: { 'content-type': ICAL_CONTENT_TYPE } });
}

export async function rssResponse(locals: Locals, url: URL): Promise<Response> {
  const body = await recentProductsRss({
    ctx: locals.ctx,
    input: { origin: url.origin, locale: locals.locale },
  });
  return new Response(body, { headers: { 'content-type': RSS_CONTENT_TYPE } });
}

export async function sitemapResponse(locals: Locals, url: URL): Promise<Response> {
  const body = await buildSitemap({
    ctx: locals.ctx,
    input: { origin: url.origin, staticPaths: SITEMAP_PATHS },
  });
  return new Response(body, { headers: { 'content-type': SITEMAP_CONTENT_TYPE } });
}

/** Everything public may be crawled; the API and private areas may not. */
export function robotsResponse(url: URL): Response {
  const body = [
    'User-agent: *',
    'Allow: /',
    'Disallow: /api/',
    'Disallow: /me',
    'Disallow: /en/me',
    'Disallow: /admin',
    'Disallow: /en/admin',
    '',
    `Sitemap: ${new URL('/sitemap.xml', url.origin).href}`,
    '',
  ].join('\n');
  return new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
