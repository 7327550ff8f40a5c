/**
 * Local settings for the Worker: `.dev.vars` (never committed) is created from `.dev.vars.example`
 * on first run. Values are read back so Node-side work (seeding, hashing) uses the same pepper.
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs';

export function ensureDevVars(): Record<string, string> {
  if (!existsSync('.dev.vars')) copyFileSync('.dev.vars.example', '.dev.vars');
  const vars: Record<string, string> = {};
  for (const line of readFileSync('.dev.vars', 'utf8').split(/\r?\n/)) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (match?.[1]) vars[match[1]] = (match[2] ?? '').replace(/^"(.*)"$/, '$1');
  }
  return vars;
}
