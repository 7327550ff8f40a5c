/** The communities directory from the catalog, filtered by district and focus (no database round trip). */
import type { Community } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import { pageByKey } from '../../lib/catalog-page';
import { decodeCursor } from '../../lib/cursor';
import type { Page } from '../../schemas/pagination';
import type { District, FocusArea } from '../../schemas/taxonomy';

export interface ListCommunitiesInput {
  district?: District | undefined;
  focus?: FocusArea | undefined;
  cursor?: string | undefined;
  limit: number;
}

export function listCommunities({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'catalog'>;
  input: ListCommunitiesInput;
}): Page<Community> {
  const { district, focus } = input;
  const matching = ctx.catalog.communities.filter(
    (c) => (!district || c.district === district) && (!focus || c.focus.includes(focus)),
  );
  const after = input.cursor ? decodeCursor(input.cursor, ['string']) : null;
  return pageByKey(matching, (c) => [c.slug], after, input.limit);
}
