/** The seeded past contest shows its published results: ranks, prizes and "n of m judges scored". */
import { describe, expect, it } from 'vitest';
import { createPasswordHasher } from '~/functions/auth/password';
import { loadCatalogFromDisk } from '~/functions/content/load-node';
import { seedDemo } from '~/functions/db/seed/seed';
import { getResults } from '~/functions/services/judging/get-results';
import { listPublicEntries } from '~/functions/services/judging/list-public-entries';
import { freshDatabase, serviceContext } from '../factories/db';

const catalog = loadCatalogFromDisk();
const now = new Date('2026-11-25T10:00:00+08:00');
const { db } = await freshDatabase();
await seedDemo({ db, catalog, now, hasher: createPasswordHasher('seed-test-pepper-123', 1000) });
const ctx = serviceContext(db, catalog, now);

describe('demo results of opc-ai-product-2025', () => {
  it('rank the six entries by the mean of the two judges, worked by hand from demo-data.ts', async () => {
    const results = await getResults({ ctx, input: { slug: 'opc-ai-product-2025' } });
    expect(results.judgeCount).toBe(2);
    expect(results.phase.objectionOpen).toBe(false);
    expect(results.items.map((r) => [r.rank, r.prizeKey, r.mean, r.scoredBy, r.judgeCount])).toEqual([
      [1, 'first-prize', 86.5, 2, 2],
      [2, 'second-prize', 79.5, 2, 2],
      [3, 'third-prize', 73.75, 2, 2],
      [4, null, 66.5, 2, 2],
      [5, null, 55.75, 2, 2],
      [6, null, 51.5, 1, 2],
    ]);
  });

  it('keeps the open contest’s gallery and results hidden', async () => {
    await expect(listPublicEntries({ ctx, input: { slug: 'agent-innovation-2026' } })).rejects.toMatchObject({
      status: 404,
    });
    await expect(getResults({ ctx, input: { slug: 'agent-innovation-2026' } })).rejects.toMatchObject({
      status: 404,
    });
  });
});
