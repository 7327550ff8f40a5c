import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The order in which the two workers take the files: longest first, so that they finish together,
 * and the files that hold the demo contest's lock (test/e2e/contest-lock.ts: team-journeys,
 * judging, organizer-journeys, teams, and front-door for a moment in each language) spaced so
 * that one seldom waits for another. Vitest's own order puts files without a cached time by size,
 * which ran the two four-line every-page files last. About right in seconds, two files at a time:
 * front-door 65, every-page-1 75, public-pages 70, every-page-2 65, team-journeys 65,
 * account-journeys 35, product-search 35, judging 30, founder-journey 30, organizer-journeys 25,
 * pictures 30, events 25, teams 10. A file not named here runs first.
 */
const ORDER = [
  'front-door',
  'every-page-1',
  'public-pages',
  'every-page-2',
  'team-journeys',
  'account-journeys',
  'product-search',
  'judging',
  'founder-journey',
  'organizer-journeys',
  'pictures',
  'events',
  'vouchers',
  'teams',
].map((name) => `test/e2e/${name}.test.ts`);

class PlannedOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => ORDER.indexOf(relative(root, file.moduleId));
    return [...files].sort((a, b) => rank(a) - rank(b));
  }
}

// Browser tests in Debian Chromium (playwright-core, executablePath /usr/bin/chromium) against the
// built Worker in workerd; one build and one server for the whole run.
export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/setup/worker.ts'],
    hookTimeout: 180_000,
    testTimeout: 120_000,
    // Two files at a time on this 2-core machine: the run is CPU-bound (Chromium's layout and axe, the
    // Worker's rendering); three at a time measured no faster.
    fileParallelism: true,
    maxWorkers: 2,
    // The two workers run file after file without a new process and module graph for each: about
    // 3 s a file. The files share no state but the database; each launches its own browser.
    isolate: false,
    sequence: { sequencer: PlannedOrder },
  },
});
