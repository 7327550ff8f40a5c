/**
 * Once per `npm test` run: a migrated template database file that each test file copies, so tests
 * run on a real libSQL database, fresh per file, without re-running migrations every time.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openClient } from '../../scripts/lib/database';

export default async function setup(project: TestProject) {
  const dir = join(tmpdir(), `opc-test-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const template = join(dir, 'template.db');
  const client = await openClient(`file:${template}`);
  await migrateDatabase(client);
  await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  await client.execute('PRAGMA journal_mode = DELETE');
  client.close();
  project.provide('templateDb', template);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string;
  }
}
