/**
 * Loaders of the public pages (src/lib/page.ts): home, communities, companies, contests, events and
 * the static pages. Lists read their GET form with the API's schema; a stale cursor shows the first
 * page; unknown records are 404.
 */
import type { AstroGlobal } from 'astro';
import { parsePositiveId } from '~/functions/schemas/common';
import { CommunityListQuery } from '~/functions/schemas/communities';
import { ContestListQuery } from '~/functions/schemas/contests';
import { EventListQuery } from '~/functions/schemas/events';
import type { Page } from '~/functions/schemas/pagination';
import { getCommunity } from '~/functions/services/communities/get-community';
import { listCommunities } from '~/functions/services/communities/list-communities';
import { getCompany } from '~/functions/services/companies/get-company';
import { getContest } from '~/functions/services/contests/get-contest';
import { listContests } from '~/functions/services/contests/list-contests';
import type { EventRecord } from '~/functions/services/events/event-record';
import { listEvents, listEventsBoth } from '~/functions/services/events/list-events';
import { listPublicEntries } from '~/functions/services/judging/list-public-entries';
import { getHome } from '~/functions/services/stats/get-home';
import { firstPageOnBadCursor, orNotFound, parseListQuery } from '~/src/lib/list-page';
import { notFound, page } from '~/src/lib/page';

export async function homePage(Astro: AstroGlobal) {
  return page({ home: await getHome({ ctx: Astro.locals.ctx }) });
}

export async function staticPage(Astro: AstroGlobal, slug: 'about' | 'privacy') {
  const content = Astro.locals.catalog.page(slug);
  return content ? page({ page: content }) : notFound;
}

export async function communityListPage(Astro: AstroGlobal) {
  const { ctx } = Astro.locals;
  const query = parseListQuery(CommunityListQuery, Astro.url);
  const list = await firstPageOnBadCursor(
    (cursor) => listCommunities({ ctx, input: { ...query, cursor } }),
    query.cursor,
  );
  return page({ query, list });
}

export async function communityPage(Astro: AstroGlobal) {
  const slug = Astro.params.slug ?? '';
  const data = await orNotFound(() => getCommunity({ ctx: Astro.locals.ctx, input: { slug } }));
  return data ? page({ data }) : notFound;
}

/** Only verified companies are public; anything else (pending, rejected, unknown, not a number) is 404. */
export async function companyPage(Astro: AstroGlobal) {
  const id = parsePositiveId(Astro.params.id);
  if (id === null) return notFound;
  const company = await orNotFound(() => getCompany({ ctx: Astro.locals.ctx, input: { id } }));
  return company ? page({ company }) : notFound;
}

export async function contestListPage(Astro: AstroGlobal) {
  const { ctx } = Astro.locals;
  const query = parseListQuery(ContestListQuery, Astro.url);
  const list = await firstPageOnBadCursor(
    (cursor) => listContests({ ctx, input: { ...query, cursor } }),
    query.cursor,
  );
  return page({ query, list });
}

export async function contestPage(Astro: AstroGlobal) {
  const slug = Astro.params.slug ?? '';
  const status = await orNotFound(() => getContest({ ctx: Astro.locals.ctx, input: { slug } }));
  return status ? page({ status }) : notFound;
}

export async function contestEntriesPage(Astro: AstroGlobal) {
  const slug = Astro.params.slug ?? '';
  const gallery = await orNotFound(() => listPublicEntries({ ctx: Astro.locals.ctx, input: { slug } }));
  return gallery ? page({ gallery }) : notFound;
}

/**
 * Upcoming and past events (split by the request's instant), each list keyset-paginated; `?when=`
 * shows one list alone so its "next page" link has somewhere to go.
 */
export async function eventListPage(Astro: AstroGlobal) {
  const { ctx } = Astro.locals;
  const query = parseListQuery(EventListQuery, Astro.url);
  const single = Astro.url.searchParams.get('when') === query.when;
  const input = { when: query.when, community: query.community, limit: query.limit, cursor: query.cursor };
  let lists: Array<{ when: 'upcoming' | 'past'; page: Page<EventRecord> }>;
  if (single) {
    const list = await firstPageOnBadCursor(
      (cursor) => listEvents({ ctx, input: { ...input, cursor } }),
      query.cursor,
    );
    lists = [{ when: query.when, page: list }];
  } else {
    const both = await listEventsBoth({ ctx, input });
    lists = [
      { when: 'upcoming', page: both.upcoming },
      { when: 'past', page: both.past },
    ];
  }
  return page({ lists, single });
}
