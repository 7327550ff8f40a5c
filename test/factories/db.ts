/**
 * A fresh, migrated libSQL database for one test file (a copy of the template made once per run),
 * and a service context on it. No mocks: the same drizzle and SQL the Worker runs.
 */

import { copyFileSync, mkdtempSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { inject } from 'vitest';
import { createPasswordHasher } from '~/functions/auth/password';
import { type Config, DEFAULT_RATE_LIMIT_RULES } from '~/functions/config';
import type { Catalog } from '~/functions/content/catalog';
import type { ServiceContext } from '~/functions/context';
import { createDb, type Db } from '~/functions/db/client';
import { localImages } from '~/functions/services/media/process-upload';
import { memoryBucket } from './memory-bucket';

export interface TestDatabase {
  client: Client;
  db: Db;
  file: string;
}

/**
 * A copy of the migrated template, or of `from`: a database file a test prepared once (a fixture
 * world) and copies for each case, instead of inserting the same rows again.
 *
 * Writes skip fsync (`synchronous = OFF`, a setting of this connection only): a test database is
 * thrown away, so a flush to disk after every commit buys nothing and costs about 1 ms a write.
 * Transactions, the rollback journal and locking behave exactly as before.
 */
export async function freshDatabase(from: string = inject('templateDb')): Promise<TestDatabase> {
  // Beside the template, in the run's folder: removed with it when the run ends.
  const dir = mkdtempSync(join(dirname(inject('templateDb')), 'db-'));
  const file = join(dir, 'test.db');
  copyFileSync(from, file);
  const client = createClient({ url: `file:${file}` });
  await client.execute('PRAGMA foreign_keys = ON');
  await client.execute('PRAGMA synchronous = OFF');
  return { client, db: createDb(client), file };
}

export const testConfig = (overrides: Partial<Config> = {}): Config => ({
  environment: 'test',
  isProduction: false,
  passwordPepper: 'test-pepper-0123456789',
  icpNumber: '鄂ICP备00000000号-1',
  operator: {
    name: { zh: '测试运营方', en: 'Test operator' },
    address: { zh: '武汉市测试路 1 号', en: '1 Test Road, Wuhan' },
    email: 'operator@example.com',
  },
  rateLimits: true,
  rateLimitRules: DEFAULT_RATE_LIMIT_RULES,
  siteUrl: 'http://localhost',
  mail: { apiUrl: undefined, apiKey: undefined, from: 'OPC Portal <no-reply@example.com>' },
  ...overrides,
});

export function serviceContext(
  db: Db,
  catalog: Catalog,
  now: Date,
  overrides: Partial<ServiceContext> = {},
): ServiceContext {
  return {
    db,
    catalog,
    config: testConfig(),
    now,
    locale: 'zh-CN',
    requestId: 'test-request',
    user: null,
    sessionId: null,
    token: null,
    hasher: createPasswordHasher(testConfig().passwordPepper, 1000),
    media: memoryBucket(),
    images: localImages,
    waitUntil: (promise) => void promise.catch(() => {}),
    clientIp: '127.0.0.1',
    origin: 'http://localhost',
    ...overrides,
  };
}
