import { describe, expect, it } from 'vitest';
import { requestDb } from '~/functions/db/client';
import { getHome } from '~/functions/services/stats/get-home';
import { buildCatalog, buildContest } from '../factories/catalog';
import { freshDatabase, serviceContext } from '../factories/db';
import { insertCompany, insertEvent, insertProduct, insertUser } from '../factories/records';

const now = new Date('2026-09-15T12:00:00+08:00');
const catalog = buildCatalog({
  contests: [
    buildContest('open-one'),
    buildContest('future-one', {
      timeline: {
        registrationOpens: '2027-01-01T00:00:00+08:00',
        registrationCloses: '2027-02-01T00:00:00+08:00',
        submissionCloses: '2027-03-01T00:00:00+08:00',
        judgingCloses: '2027-04-01T00:00:00+08:00',
      },
    }),
  ],
});

describe('getHome', () => {
  it('reads figures, featured products and publications in one round trip', async () => {
    const { client } = await freshDatabase();
    const { db, metrics } = requestDb(client);
    await insertEvent(db, 'past', {
      startsAt: '2026-09-01T14:00:00+08:00',
      endsAt: '2026-09-01T16:00:00+08:00',
    });
    await insertEvent(db, 'next', {
      startsAt: '2026-10-01T14:00:00+08:00',
      endsAt: '2026-10-01T16:00:00+08:00',
    });
    const owner = await insertUser(db);
    const verified = await insertCompany(db, owner.id);
    await insertCompany(db, owner.id, { status: 'pending' });
    for (let i = 0; i < 8; i++)
      await insertProduct(db, verified.id, {
        name: `产品${i}`,
        voteCount: i,
        kind: i % 2 ? 'agent' : 'product',
      });
    await insertProduct(db, verified.id, { name: '待审核', status: 'pending', voteCount: 99 });
    metrics.roundTrips = 0;

    const home = await getHome({ ctx: serviceContext(db, catalog, now) });
    expect(metrics.roundTrips).toBe(1);
    expect(home.figures).toMatchObject({
      companies: 1,
      products: 4,
      agents: 4,
      contests: 2,
      communities: 1,
      teams: 0,
    });
    expect(home.featured.map((p) => p.name)).toEqual(['产品7', '产品6', '产品5', '产品4', '产品3', '产品2']);
    expect(home.openContests.map((c) => c.contest.slug)).toEqual(['open-one']);
    expect(home.upcomingEvents.map((e) => e.slug)).toEqual(['next']);
  });
});
