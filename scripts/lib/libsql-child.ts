/**
 * The local libSQL endpoint (scripts/libsql-server.ts) in a child process: its own event loop, so
 * a load generator in the parent does not compete with it, and its CPU time can be read apart
 * (/proc/<pid>/stat) or profiled (`nodeArgs: ['--cpu-prof', …]`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { LocalDatabase } from './local-stack';

export interface LibsqlChild extends LocalDatabase {
  child: ChildProcess;
  pid: number;
}

export async function startLibsqlChild(opts: {
  file: string;
  port: number;
  /** Extra flags for node, e.g. `--cpu-prof --cpu-prof-dir=DIR`. */
  nodeArgs?: string[] | undefined;
}): Promise<LibsqlChild> {
  const child = spawn(
    resolve('node_modules/.bin/node'),
    [
      ...(opts.nodeArgs ?? []),
      '--import',
      'tsx',
      resolve('scripts/libsql-server.ts'),
      '--file',
      opts.file,
      '--port',
      String(opts.port),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = `http://127.0.0.1:${opts.port}`;
  await new Promise<void>((ready, fail) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('libSQL (Hrana over HTTP) on')) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        ready();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`libsql-server exited (${code}) before serving:\n${out}`)));
    child.once('error', fail);
  });
  return {
    url,
    child,
    pid: child.pid ?? 0,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM'); // the server closes and exits 0 (a --cpu-prof profile is written then)
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
