import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

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
    // Two files at a time on this 2-core machine: a page visit waits on the network as much as it computes.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
