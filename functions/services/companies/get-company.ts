/**
 * A verified company's public page in one round trip (a batch): the company, its approved products
 * and its approved communities. Personal data (founder, credit code) is not selected at all.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Community } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import { communityMemberships, companies, products } from '../../db/schema';
import { companyNotFound } from '../../lib/errors';
import { currentLogoOf, currentMediaOf, type MediaRecord, parseMediaJson } from '../media/media-record';

export interface PublicCompany {
  id: number;
  name: string;
  /** English name and business scope, when given. */
  nameEn: string | null;
  district: string;
  businessScope: string;
  businessScopeEn: string | null;
  website: string | null;
  logo: MediaRecord | null;
  products: Array<{
    id: number;
    name: string;
    tagline: string;
    nameEn: string | null;
    taglineEn: string | null;
    kind: 'product' | 'agent';
    logo: MediaRecord | null;
  }>;
  communities: Community[];
}

export async function getCompany({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'db' | 'catalog'>;
  input: { id: number };
}): Promise<PublicCompany> {
  const { db, catalog } = ctx;
  const [companyRows, productRows, membershipRows] = await db.batch([
    db
      .select({
        id: companies.id,
        name: companies.name,
        nameEn: companies.nameEn,
        district: companies.district,
        businessScope: companies.businessScope,
        businessScopeEn: companies.businessScopeEn,
        website: companies.website,
        logo: currentMediaOf('company_id', companies.id, 'logo'),
      })
      .from(companies)
      .where(and(eq(companies.id, input.id), eq(companies.status, 'verified'))),
    db
      .select({
        id: products.id,
        name: products.name,
        tagline: products.tagline,
        nameEn: products.nameEn,
        taglineEn: products.taglineEn,
        kind: products.kind,
        logo: currentLogoOf(products.id),
      })
      .from(products)
      .where(and(eq(products.companyId, input.id), eq(products.status, 'approved')))
      .orderBy(desc(products.approvedAt), desc(products.id)),
    db
      .select({ slug: communityMemberships.communitySlug })
      .from(communityMemberships)
      .where(and(eq(communityMemberships.companyId, input.id), eq(communityMemberships.status, 'approved')))
      .orderBy(asc(communityMemberships.communitySlug)),
  ]);
  const company = companyRows[0];
  if (!company) throw companyNotFound();
  const communities = membershipRows.flatMap((m) => {
    const community = catalog.community(m.slug);
    return community ? [community] : [];
  });
  return {
    ...company,
    logo: parseMediaJson(company.logo),
    products: productRows.map((p) => ({ ...p, logo: parseMediaJson(p.logo) })),
    communities,
  };
}
