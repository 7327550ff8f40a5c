/**
 * Once per run of the Worker and browser tests: build the site, seed a fresh database file, serve it
 * through the local libSQL endpoint (or the real sqld with TEST_DATABASE=sqld: `npm run test:sqld`),
 * and start the built Worker in workerd against it.
 */
import type { TestProject } from 'vitest/node';
import { startPrivateStack } from '../../scripts/lib/private-stack';

export const WORKER_VARS = {
  PASSWORD_PEPPER: 'worker-test-pepper-0123',
  TEST_NOW: '2026-11-25T10:00:00+08:00',
};

export default async function setup(project: TestProject) {
  const stack = await startPrivateStack({
    vars: WORKER_VARS,
    build: !process.env.SKIP_BUILD,
    prefix: 'opc-worker-',
    database: process.env.TEST_DATABASE === 'sqld' ? 'sqld' : 'endpoint',
    // The demo pictures, as `npm start` has them: pages are checked with their images.
    pictures: true,
    // WORKER_LOGS=1 shows the Worker's console (a 500's logged error and request id).
    verbose: process.env.WORKER_LOGS === '1',
  });
  if (stack.database === 'sqld') console.log(`Worker tests against sqld at ${stack.databaseUrl}`);
  project.provide('workerUrl', stack.url);
  project.provide('workerDbFile', stack.file);
  project.provide('workerDbUrl', stack.databaseUrl);
  project.provide('workerDbClientUrl', stack.clientUrl);
  project.provide('workerConfigPath', stack.configPath);
  project.provide('workerPersistTo', stack.persistTo);
  return () => stack.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    workerUrl: string;
    workerDbFile: string;
    workerDbUrl: string;
    /** A Node client's URL for the live database (`file:` on the endpoint, http: on sqld). */
    workerDbClientUrl: string;
    workerConfigPath: string;
    /** The Worker's wrangler state: its local R2 objects live under v3/r2/. */
    workerPersistTo: string;
  }
}
