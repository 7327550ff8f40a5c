/**
 * Once per run of the Worker and browser tests: build the site, seed a fresh database file, serve it
 * through the local libSQL endpoint, and start the built Worker in workerd against it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalDatabase, waitForHealth } from '../../scripts/lib/local-stack';
import { freePort, startWorker } from '../../scripts/lib/worker-process';

export const WORKER_VARS = {
  PASSWORD_PEPPER: 'worker-test-pepper-0123',
  TEST_NOW: '2026-11-25T10:00:00+08:00',
};

export default async function setup(project: TestProject) {
  if (!process.env.SKIP_BUILD) {
    const build = spawnSync('npm', ['run', '--silent', 'build'], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'opc-worker-'));
  // A private copy of the build: a rebuild of dist/ during the run must not reload this Worker.
  cpSync('dist', join(dir, 'dist'), { recursive: true });
  const configPath = join(dir, 'dist/server/wrangler.json');
  const file = join(dir, 'portal.db');
  const database = await startLocalDatabase({ file, port: await freePort(), vars: WORKER_VARS });
  const worker = startWorker({
    port: await freePort(),
    databaseUrl: database.url,
    vars: WORKER_VARS,
    quiet: true,
    configPath,
  });
  await waitForHealth(worker.url, 90_000);
  project.provide('workerUrl', worker.url);
  project.provide('workerDbFile', file);
  project.provide('workerDbUrl', database.url);
  project.provide('workerConfigPath', configPath);
  return async () => {
    await worker.stop();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    workerUrl: string;
    workerDbFile: string;
    workerDbUrl: string;
    workerConfigPath: string;
  }
}
