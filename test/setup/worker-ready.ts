/**
 * Before each Worker test file of `npm test`: waits until the stack that worker-background.ts starts
 * in the background is up, then makes its values readable with inject() ('workerUrl' and the rest),
 * as a global setup's provide() would have. A stack that failed to start fails every Worker file
 * with its error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import type { StackFile } from './worker-background';

// The build and the stack's start, with room for a busy machine.
const WAIT_MS = 300_000;

const file = inject('workerStackFile');
const deadline = Date.now() + WAIT_MS;
while (!existsSync(file)) {
  if (Date.now() > deadline) throw new Error(`The Worker stack was not up after ${WAIT_MS / 1000} s`);
  await sleep(100);
}
const stack = JSON.parse(readFileSync(file, 'utf8')) as StackFile;
if ('error' in stack) throw new Error(`The Worker stack did not start:\n${stack.error}`);
// inject() reads the values the worker received when the file was queued: add the stack's to them.
// (Vitest's worker state; the check below fails loudly should a Vitest release move it.)
const state = (globalThis as { __vitest_worker__?: { providedContext?: Record<string, unknown> } })
  .__vitest_worker__;
if (state?.providedContext) Object.assign(state.providedContext, stack.context);
if (inject('workerUrl') !== stack.context.workerUrl)
  throw new Error("worker-ready.ts could not hand the stack's values to inject(): has Vitest changed?");
