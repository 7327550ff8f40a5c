import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const root = fileURLToPath(new URL('.', import.meta.url));
const alias = { '~': root };

/**
 * The Node files that take longest (seconds, alone): they start first, one in each worker, so that
 * the two workers finish together. Vitest's own order on a fresh checkout (no cached times) is by
 * file size, which started hostile-input last. The other files follow in Vitest's order.
 */
const LONGEST = [
  'test/integration/authz-matrix.test.ts', // 13
  'test/integration/hostile-input.test.ts', // 10
  'test/conformance/libsql-endpoint.test.ts', // 4
  'test/integration/migrations.test.ts', // 4
  // 14, waiting for the Worker's build (about 20 s into the run) and then mostly for workerd.
  'test/worker/database-outage.test.ts',
];

/** Worker test files with their own workerd and database (see the project 'worker-apart'). */
const WORKER_APART = ['test/worker/database-outage.test.ts'];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const index = LONGEST.indexOf(relative(root, file.moduleId));
      return index === -1 ? LONGEST.length : index;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  resolve: { alias },
  test: {
    environment: 'node',
    hookTimeout: 180_000,
    testTimeout: 30_000,
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'node',
          include: [
            'test/unit/**/*.test.ts',
            'test/integration/**/*.test.ts',
            'test/conformance/**/*.test.ts',
          ],
          globalSetup: ['test/setup/global.ts'],
          // Two files at a time on this 2-core machine (Vitest's default, one fewer than the cores, is
          // one). The files run one after another in each worker without a new module graph for each
          // (about 1 s a file: the app's 400 modules): each has its own database file, and
          // file-scope.ts ends the spies and stubs a file leaves.
          maxWorkers: 2,
          isolate: false,
          setupFiles: ['test/setup/file-scope.ts'],
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          exclude: WORKER_APART,
          // One build and one workerd for all files: the built Worker as production runs it. Started in
          // the background while the Node files run; each file waits for it in worker-ready.ts.
          globalSetup: ['test/setup/worker-background.ts'],
          setupFiles: ['test/setup/worker-ready.ts'],
          // After the Node files, one file at a time: the files share the Worker's database, and some
          // check that requests changed nothing in it. One worker process for all (as the browser
          // tests have it): a file's own module graph buys nothing here.
          sequence: { groupOrder: 1 },
          maxWorkers: 1,
          isolate: false,
          hookTimeout: 180_000,
          testTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // Worker tests with a workerd and a database of their own (the same build): they run beside
          // the Node files, mostly waiting (the outage test waits out the 10 s database timeout).
          name: 'worker-apart',
          include: WORKER_APART,
          globalSetup: ['test/setup/worker-background.ts'],
          setupFiles: ['test/setup/worker-ready.ts'],
          maxWorkers: 2,
          hookTimeout: 180_000,
          testTimeout: 60_000,
        },
      },
    ],
  },
});
