/**
 * The sitemap: the static pages the caller lists (the UI's page map), communities, contests and voucher programmes from the catalog, events, approved
 * products and verified companies from the database (one batch, one round trip), each in both languages.
 */
import { asc, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { companies, events, products } from '../../db/schema';
import { type SitemapEntry, serializeSitemap } from '../../lib/sitemap';
import { isPublic } from '../events/event-record';

export async function buildSitemap({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'db' | 'catalog'>;
  input: { origin: string; staticPaths: readonly string[] };
}): Promise<string> {
  const { db, catalog } = ctx;
  const [productRows, companyRows, eventRows] = await db.batch([
    db
      .select({ id: products.id, updatedAt: products.updatedAt })
      .from(products)
      .where(eq(products.status, 'approved'))
      .orderBy(asc(products.id)),
    db
      .select({ id: companies.id, updatedAt: companies.updatedAt })
      .from(companies)
      .where(eq(companies.status, 'verified'))
      .orderBy(asc(companies.id)),
    db
      .select({ slug: events.slug, updatedAt: events.updatedAt })
      .from(events)
      .where(isPublic)
      .orderBy(asc(events.startsAt)),
  ]);
  const pageDate = (slug: string) => {
    const page = catalog.page(slug);
    return page ? { lastmod: new Date(`${page.updatedOn}T00:00:00+08:00`) } : {};
  };
  const entries: SitemapEntry[] = [
    ...input.staticPaths.map((path) => ({
      path,
      ...(path === '/about' || path === '/privacy' ? pageDate(path.slice(1)) : {}),
    })),
    ...catalog.communities.map((c) => ({ path: `/communities/${c.slug}` })),
    ...catalog.contests.map((c) => ({ path: `/contests/${c.slug}` })),
    ...catalog.vouchers.map((v) => ({ path: `/vouchers/${v.slug}` })),
    ...eventRows.map((e) => ({ path: `/events/${e.slug}`, lastmod: e.updatedAt })),
    ...productRows.map((p) => ({ path: `/products/${p.id}`, lastmod: p.updatedAt })),
    ...companyRows.map((c) => ({ path: `/companies/${c.id}`, lastmod: c.updatedAt })),
  ];
  return serializeSitemap(input.origin, entries);
}
