/**
 * `npm test`'s Worker stack (the one worker.ts starts), started in the background: the build, the
 * seeded database and workerd take about 20 s, in which the Node files run instead of waiting (every
 * project's global setup is awaited before the first test file). When the stack is up, its inject()
 * values are written to a file; worker-ready.ts waits for that file before each Worker test file.
 * Both Worker projects of vitest.config.ts name this setup: they share one stack. SKIP_BUILD=1
 * reuses dist/.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startTestStack, type WorkerContext, workerContext } from './worker';

/** What the stack file holds: the inject() values, or why the stack did not start. */
export type StackFile = { context: WorkerContext } | { error: string };

/** `npm run build` without blocking this process (the private stack's build is synchronous). */
function build(withLock = true): Promise<void> {
  // Under the build lock, as scripts/lib/private-stack.ts builds; without it where flock is missing.
  const [command, args] = withLock
    ? ['flock', ['/tmp/opc-build.lock', 'npm', 'run', '--silent', 'build']]
    : ['npm', ['run', '--silent', 'build']];
  return new Promise((resolve, reject) => {
    const child = spawn(command as string, args as string[], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    child.stdout.on('data', (chunk) => output.push(String(chunk)));
    child.stderr.on('data', (chunk) => output.push(String(chunk)));
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (withLock && err.code === 'ENOENT') build(false).then(resolve, reject);
      else reject(err);
    });
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`build failed (exit ${code}):\n${output.join('')}`));
    });
  });
}

interface SharedStack {
  /** The stack file's path. */
  file: string;
  /** Projects whose global setup uses the stack: the last one's teardown stops it. */
  users: number;
  stop(): Promise<void>;
}

function startShared(): SharedStack {
  const dir = mkdtempSync(join(tmpdir(), 'opc-worker-ready-'));
  const file = join(dir, 'stack.json');
  const publish = (content: StackFile) => {
    writeFileSync(`${file}.tmp`, JSON.stringify(content));
    renameSync(`${file}.tmp`, file);
  };
  const starting = (async () => {
    if (!process.env.SKIP_BUILD) await build();
    return startTestStack(false);
  })().then(
    (stack) => {
      publish({ context: workerContext(stack) });
      return stack;
    },
    (err: unknown) => {
      publish({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      return null;
    },
  );
  return {
    file,
    users: 0,
    async stop() {
      await (await starting)?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Kept on globalThis: each project may load its own copy of this module.
const SHARED = Symbol.for('opc.test.workerStack');
const registry = globalThis as { [SHARED]?: SharedStack };

export default function setup(project: TestProject) {
  registry[SHARED] ??= startShared();
  const shared = registry[SHARED];
  shared.users += 1;
  project.provide('workerStackFile', shared.file);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    delete registry[SHARED];
    await shared.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where worker-background.ts writes the Worker stack's inject() values once it is up. */
    workerStackFile: string;
  }
}
