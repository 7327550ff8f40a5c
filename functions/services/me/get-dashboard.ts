/**
 * 我的 dashboard in one round trip: the founder's companies with their membership applications,
 * their products with the latest revision of each (status and any rejection reason), and their
 * contest teams with each entry's status, and their event registrations (我的活动).
 */
import { requireUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { type MyEvent, myEventsQuery, toMyEvents } from '../events/list-my-events';
import { type MyTeam, myTeamsQuery, withLeadership } from '../teams/list-my-teams';
import {
  latestRevisionsQuery,
  type OwnCompany,
  type OwnProduct,
  ownCompaniesQuery,
  ownMembershipsQuery,
  ownProductsQuery,
  withMemberships,
  withRevisions,
} from './own-records';

/** Far more than a one-person founder registers; the API lists page through everything. */
const DASHBOARD_LIMIT = 100;

export async function getDashboard({
  ctx,
}: {
  ctx: ServiceContext;
}): Promise<{ companies: OwnCompany[]; products: OwnProduct[]; teams: MyTeam[]; events: MyEvent[] }> {
  const user = requireUser(ctx);
  const { db } = ctx;
  const [companyRows, memberships, productRows, revisions, teamRows, eventRows] = await db.batch([
    ownCompaniesQuery(db, user.id, { limit: DASHBOARD_LIMIT }),
    ownMembershipsQuery(db, user.id),
    ownProductsQuery(db, user.id, { limit: DASHBOARD_LIMIT }),
    latestRevisionsQuery(db, user.id),
    myTeamsQuery(db, user.id),
    myEventsQuery(db, user.id),
  ]);
  return {
    companies: withMemberships(companyRows, memberships),
    products: withRevisions(productRows, revisions),
    teams: withLeadership(teamRows, user.id),
    events: toMyEvents(eventRows),
  };
}
