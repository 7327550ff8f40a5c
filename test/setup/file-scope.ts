/**
 * Before each Node test file. The files share their worker process, one after another (isolate:
 * false in vitest.config.ts), so what a file changes outside its own module ends with the file: spies
 * (a `vi.spyOn(console, 'log')` in a beforeAll would otherwise silence, and count, the next file's
 * logs), stubbed globals and environment variables, fake timers.
 */
import { afterAll, vi } from 'vitest';

afterAll(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  vi.useRealTimers();
});
