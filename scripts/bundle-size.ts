/**
 * The deploy dry run: `wrangler deploy --dry-run` builds the upload bundle without an account; this
 * prints the gzipped size of the portal's Worker and of the image Worker (workers/images) and fails
 * when either is above 1 MiB (Cloudflare's own limit is 3 MiB gzipped on Workers Paid).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const LIMIT_BYTES = 1024 * 1024;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

function moduleFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return moduleFiles(path);
    return /\.(m?js|wasm)$/.test(name) ? [path] : [];
  });
}

/** Builds one Worker's upload bundle and checks its gzipped size; returns whether it fits. */
function measure(label: string, configArgs: string[]): boolean {
  const outdir = mkdtempSync(join(tmpdir(), 'opc-dry-run-'));
  const run = spawnSync('wrangler', ['deploy', '--dry-run', '--outdir', outdir, ...configArgs], {
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    console.error(`wrangler deploy --dry-run failed (${label})`);
    process.exit(run.status ?? 1);
  }
  const files = moduleFiles(outdir);
  const raw = Buffer.concat(files.map((f) => readFileSync(f)));
  const gzipped = gzipSync(raw, { level: 9 }).length;
  rmSync(outdir, { recursive: true, force: true });
  console.log(
    `${label} bundle: ${files.length} modules, ${kib(raw.length)} raw, ${kib(gzipped)} gzipped (limit ${kib(LIMIT_BYTES)}).`,
  );
  if (gzipped <= LIMIT_BYTES) return true;
  console.error(`The ${label} bundle is ${kib(gzipped)} gzipped, above the ${kib(LIMIT_BYTES)} budget.`);
  return false;
}

// The portal (Astro's build output) and the image Worker that re-encodes uploads (decision 019).
const portal = measure('Worker', []);
const images = measure('Image Worker', ['--config', 'workers/images/wrangler.jsonc']);
if (!portal || !images) process.exit(1);
