/**
 * RSS and sitemap, read back by an independent XML parser (fast-xml-parser): well-formed, escaped,
 * the 30 newest approved products, every public page in both languages with hreflang alternates.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { requestDb } from '~/functions/db/client';
import { buildSitemap } from '~/functions/services/feeds/build-sitemap';
import { recentProductsFeed } from '~/functions/services/feeds/recent-products-rss';
import { productsRss, robotsResponse } from '~/src/lib/feed-responses';
import { SITEMAP_PATHS } from '~/src/lib/page-map';
import { buildCatalog, buildCommunity, buildContest } from '../factories/catalog';
import { freshDatabase, serviceContext } from '../factories/db';
import { insertCompany, insertEvent, insertProduct, insertUser } from '../factories/records';

const origin = 'https://opc.example.com';
const now = new Date('2026-11-25T10:00:00+08:00');
const DAY = 86_400_000;
const catalog = buildCatalog({
  communities: [buildCommunity('changjiang'), buildCommunity('guanggu')],
  contests: [buildContest('agent-2026')],
});
const { db, client } = await freshDatabase();
await insertEvent(db, 'workshop');
await insertEvent(db, 'meetup');
const owner = await insertUser(db);
const company = await insertCompany(db, owner.id);
const pendingCompany = await insertCompany(db, owner.id, { status: 'pending' });
const products: Array<Awaited<ReturnType<typeof insertProduct>>> = [];
for (let i = 0; i < 32; i++) {
  products.push(
    await insertProduct(db, company.id, {
      name: i === 31 ? '<b>合同 & "审查"</b> \'助手\'' : `产品 ${i}`,
      tagline: i === 31 ? '比对 <差异> & 风险' : `一句话 ${i}`,
      approvedAt: new Date(now.getTime() - (40 - i) * DAY),
    }),
  );
}
const pendingProduct = await insertProduct(db, company.id, { status: 'pending' });
const rejectedProduct = await insertProduct(db, company.id, { status: 'rejected' });

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false });
const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

describe('RSS of new products (/rss.xml)', () => {
  const load = async (locale: 'zh-CN' | 'en' = 'zh-CN') => {
    const { db: counted, metrics } = requestDb(client);
    const feed = await recentProductsFeed({
      ctx: serviceContext(counted, catalog, now),
      input: { origin, locale },
    });
    expect(metrics.roundTrips).toBe(1);
    const xml = await productsRss(feed);
    expect(XMLValidator.validate(xml)).toBe(true);
    return parser.parse(xml) as {
      rss: {
        '@_version': string;
        channel: {
          title: string;
          link: string;
          description: string;
          item: Array<{
            title: string;
            link: string;
            guid: { '#text': string; '@_isPermaLink': string };
            pubDate: string;
            description: string;
          }>;
        };
      };
    };
  };

  it('is RSS 2.0 with a channel title, link and description', async () => {
    const { rss } = await load();
    expect(rss['@_version']).toBe('2.0');
    expect(rss.channel.title).toContain('OPC 门户');
    expect(rss.channel.link).toBe(`${origin}/products`);
    expect(rss.channel.description.length).toBeGreaterThan(0);
  });

  it('holds the 30 most recently approved products, newest first, with permalink guids and RFC 822 dates', async () => {
    const items = (await load()).rss.channel.item;
    expect(items).toHaveLength(30);
    const expected = [...products].reverse().slice(0, 30);
    expect(items.map((i) => i.link)).toEqual(expected.map((p) => `${origin}/products/${p.id}`));
    for (const [n, item] of items.entries()) {
      expect(item.guid['@_isPermaLink']).toBe('true');
      expect(item.guid['#text']).toBe(item.link);
      expect(item.pubDate).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
      expect(Date.parse(item.pubDate)).toBe(
        Math.floor((expected[n]?.approvedAt?.getTime() ?? 0) / 1000) * 1000,
      );
    }
    const links = items.map((i) => i.link);
    for (const hidden of [pendingProduct, rejectedProduct, products[0], products[1]]) {
      expect(links).not.toContain(`${origin}/products/${hidden?.id}`);
    }
  });

  it('escapes names and taglines so they come back exactly', async () => {
    const [first] = (await load()).rss.channel.item;
    expect(first?.title).toBe('<b>合同 & "审查"</b> \'助手\'');
    expect(first?.description).toBe('比对 <差异> & 风险');
  });

  it('writes markup in a name as escaped text, read without an XML parser', async () => {
    const feed = await recentProductsFeed({
      ctx: serviceContext(requestDb(client).db, catalog, now),
      input: { origin, locale: 'zh-CN' },
    });
    const xml = await productsRss(feed);
    expect(xml).not.toContain('<b>合同');
    expect(xml).toMatch(/&lt;b&gt;合同 &amp;/);
    expect(xml).toContain(`<link>${origin}/products/${products[31]?.id}</link>`);
  });

  it('links to English pages in the English feed', async () => {
    const { rss } = await load('en');
    expect(rss.channel.title).toContain('OPC Portal');
    expect(rss.channel.item[0]?.link).toBe(`${origin}/en/products/${products[31]?.id}`);
  });
});

describe('sitemap (/sitemap.xml)', () => {
  type Url = { loc: string; 'xhtml:link': Array<{ '@_hreflang': string; '@_href': string }> };

  it('lists every public page in both languages with hreflang alternates, in one round trip', async () => {
    const { db: counted, metrics } = requestDb(client);
    const xml = await buildSitemap({
      ctx: serviceContext(counted, catalog, now),
      input: { origin, staticPaths: SITEMAP_PATHS },
    });
    expect(metrics.roundTrips).toBe(1);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = parser.parse(xml) as {
      urlset: { '@_xmlns': string; '@_xmlns:xhtml': string; url: Url[] };
    };
    expect(parsed.urlset['@_xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(parsed.urlset['@_xmlns:xhtml']).toBe('http://www.w3.org/1999/xhtml');
    const urls = parsed.urlset.url;
    const locs = urls.map((u) => u.loc);
    // The static pages come from the page map; these seven at least are always listed.
    expect(SITEMAP_PATHS).toEqual(
      expect.arrayContaining([
        '/',
        '/communities',
        '/products',
        '/contests',
        '/events',
        '/about',
        '/privacy',
      ]),
    );
    const paths = [
      ...SITEMAP_PATHS,
      '/communities/changjiang',
      '/communities/guanggu',
      '/contests/agent-2026',
      '/events/workshop',
      '/events/meetup',
      `/companies/${company.id}`,
      ...products.map((p) => `/products/${p.id}`),
    ];
    for (const path of paths) {
      expect(locs).toContain(`${origin}${path}`);
      expect(locs).toContain(`${origin}${path === '/' ? '/en/' : `/en${path}`}`);
    }
    expect(locs).toHaveLength(paths.length * 2);
    for (const hidden of [
      `/products/${pendingProduct.id}`,
      `/products/${rejectedProduct.id}`,
      `/companies/${pendingCompany.id}`,
    ]) {
      expect(locs).not.toContain(`${origin}${hidden}`);
    }
    const community = urls.find((u) => u.loc === `${origin}/en/communities/changjiang`);
    expect(asArray(community?.['xhtml:link']).map((l) => [l['@_hreflang'], l['@_href']])).toEqual([
      ['zh-CN', `${origin}/communities/changjiang`],
      ['en', `${origin}/en/communities/changjiang`],
      ['x-default', `${origin}/communities/changjiang`],
    ]);
  });
});

describe('robots.txt', () => {
  it('allows everything but the API and private areas, and points at the sitemap', async () => {
    const res = robotsResponse(origin);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const lines = (await res.text()).split('\n');
    expect(lines).toContain('User-agent: *');
    for (const path of ['/api/', '/me', '/admin']) expect(lines).toContain(`Disallow: ${path}`);
    expect(lines).toContain(`Sitemap: ${origin}/sitemap.xml`);
  });
});
