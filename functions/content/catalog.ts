/**
 * The catalog: editorial content (communities, contests, pages; events live in the database) after validation, with
 * lookups by slug. Built from Astro's getCollection in the Worker and from the Node loader elsewhere;
 * passed into createApp(deps) so services learn a contest's rules from the same validated files.
 */
import type { CommunityContent, ContestContent, PageContent, VoucherContent } from '../schemas/content';

export type Community = CommunityContent & { slug: string };
export type Contest = ContestContent & { slug: string };
export type Page = PageContent & { slug: string };
export type VoucherProgramme = VoucherContent & { slug: string };

export interface Catalog {
  readonly communities: readonly Community[];
  readonly contests: readonly Contest[];
  readonly pages: readonly Page[];
  /** 四券 programmes, the latest window first. */
  readonly vouchers: readonly VoucherProgramme[];
  community(slug: string): Community | undefined;
  contest(slug: string): Contest | undefined;
  page(slug: string): Page | undefined;
  voucher(slug: string): VoucherProgramme | undefined;
}

export interface CatalogInput {
  communities: Community[];
  contests: Contest[];
  pages?: Page[];
  vouchers?: VoucherProgramme[];
}

export class CatalogError extends Error {
  override name = 'CatalogError';
}

const bySlug = <T extends { slug: string }>(kind: string, items: T[]) => {
  const map = new Map<string, T>();
  for (const item of items) {
    if (map.has(item.slug)) throw new CatalogError(`Duplicate ${kind} slug "${item.slug}"`);
    map.set(item.slug, item);
  }
  return map;
};

/** Validates cross-references (a contest's community must exist) and indexes by slug. */
export function createCatalog(input: CatalogInput): Catalog {
  const communities = bySlug('community', input.communities);
  const contests = bySlug('contest', input.contests);
  const pages = bySlug('page', input.pages ?? []);
  const vouchers = bySlug('voucher', input.vouchers ?? []);
  for (const item of input.contests) {
    if (item.community && !communities.has(item.community)) {
      throw new CatalogError(`"${item.slug}" refers to unknown community "${item.community}"`);
    }
  }
  for (const item of input.vouchers ?? []) {
    for (const community of item.eligibility.communities) {
      if (!communities.has(community))
        throw new CatalogError(`"${item.slug}" refers to unknown community "${community}"`);
    }
  }
  const sortedContests = [...input.contests].sort(
    (a, b) => b.timeline.registrationOpens.getTime() - a.timeline.registrationOpens.getTime(),
  );
  return {
    communities: [...input.communities].sort((a, b) => a.slug.localeCompare(b.slug)),
    contests: sortedContests,
    pages: input.pages ?? [],
    vouchers: [...(input.vouchers ?? [])].sort(
      (a, b) => b.window.opens.getTime() - a.window.opens.getTime() || a.slug.localeCompare(b.slug),
    ),
    community: (slug) => communities.get(slug),
    contest: (slug) => contests.get(slug),
    page: (slug) => pages.get(slug),
    voucher: (slug) => vouchers.get(slug),
  };
}
