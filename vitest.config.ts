import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = { '~': fileURLToPath(new URL('.', import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    environment: 'node',
    hookTimeout: 180_000,
    testTimeout: 30_000,
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
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          // One build and one workerd for all files: the built Worker as production runs it.
          globalSetup: ['test/setup/worker.ts'],
          hookTimeout: 180_000,
          testTimeout: 60_000,
        },
      },
    ],
  },
});
