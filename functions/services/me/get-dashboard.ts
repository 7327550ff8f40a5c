/**
 * 我的 dashboard in one round trip: the founder's companies with their membership applications,
 * their products with the latest revision of each (status and any rejection reason), and their
 * contest teams with each entry's status, and their event registrations (我的活动).
 */
import { requireUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { type Placeholders, queryShape } from '../../db/query-shape';
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

// The dashboard's selects, built once per isolate (functions/db/query-shape.ts); the viewer varies.
type Me = Placeholders<'userId'>;
const companiesShape = queryShape(
  (db, p: Me) => ownCompaniesQuery(db, p.userId, { limit: DASHBOARD_LIMIT }),
  ['userId'],
);
const membershipsShape = queryShape((db, p: Me) => ownMembershipsQuery(db, p.userId), ['userId']);
const productsShape = queryShape(
  (db, p: Me) => ownProductsQuery(db, p.userId, { limit: DASHBOARD_LIMIT }),
  ['userId'],
);
const revisionsShape = queryShape((db, p: Me) => latestRevisionsQuery(db, p.userId), ['userId']);
const teamsShape = queryShape((db, p: Me) => myTeamsQuery(db, p.userId), ['userId']);
const eventsShape = queryShape((db, p: Me) => myEventsQuery(db, p.userId), ['userId']);

export async function getDashboard({
  ctx,
}: {
  ctx: ServiceContext;
}): Promise<{ companies: OwnCompany[]; products: OwnProduct[]; teams: MyTeam[]; events: MyEvent[] }> {
  const user = requireUser(ctx);
  const { db } = ctx;
  const me = { userId: user.id };
  const [companyRows, memberships, productRows, revisions, teamRows, eventRows] = await db.batch([
    companiesShape(db, me),
    membershipsShape(db, me),
    productsShape(db, me),
    revisionsShape(db, me),
    teamsShape(db, me),
    eventsShape(db, me),
  ]);
  return {
    companies: withMemberships(companyRows, memberships),
    products: withRevisions(productRows, revisions),
    teams: withLeadership(teamRows, user.id),
    events: toMyEvents(eventRows),
  };
}
