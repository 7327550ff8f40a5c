import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/conformance/**/*.test.ts',
      'test/worker/**/*.test.ts',
    ],
    environment: 'node',
    // The built-Worker tests build the site once and start workerd; give them room.
    hookTimeout: 180_000,
    testTimeout: 30_000,
    globalSetup: ['test/setup/global.ts'],
  },
});
