/** One event from the catalog with its community (no database round trip). */
import type { Community, Event } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import { eventNotFound } from '../../lib/errors';

export interface EventWithCommunity {
  event: Event;
  community: Community | null;
}

export function getEvent({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'catalog'>;
  input: { slug: string };
}): EventWithCommunity {
  const event = ctx.catalog.event(input.slug);
  if (!event) throw eventNotFound();
  return { event, community: event.community ? (ctx.catalog.community(event.community) ?? null) : null };
}
