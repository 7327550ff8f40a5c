/** `npm run deploy` stops before building when SITE_URL is missing or not an https origin. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deploySiteUrl } from '~/scripts/lib/deploy-config';

const dir = mkdtempSync(join(tmpdir(), 'opc-deploy-'));
const wrangler = (vars: Record<string, string>) => {
  const path = join(dir, `wrangler-${Math.random().toString(36).slice(2)}.jsonc`);
  writeFileSync(path, `{\n  // a comment\n  "name": "opc-portal",\n  "vars": ${JSON.stringify(vars)},\n}\n`);
  return path;
};

describe('the SITE_URL of a deploy', () => {
  it('comes from the environment, else from wrangler.jsonc vars, as an https origin', () => {
    expect(deploySiteUrl('https://opc.example.cn/', wrangler({}))).toEqual({
      url: 'https://opc.example.cn',
      fromEnv: true,
    });
    expect(deploySiteUrl(undefined, wrangler({ SITE_URL: 'https://portal.example.cn' }))).toEqual({
      url: 'https://portal.example.cn',
      fromEnv: false,
    });
  });

  it.each([
    ['missing', undefined, {}, /SITE_URL is not set/],
    ['not a URL', 'opc.example.cn', {}, /not a URL/],
    ['plain http', 'http://opc.example.cn', {}, /must be https/],
  ])('is refused when %s', (_name, fromEnv, vars, problem) => {
    const site = deploySiteUrl(fromEnv, wrangler(vars));
    expect('problem' in site && site.problem).toMatch(problem);
  });

  it('stops `npm run deploy` before building, with the message and exit code 2', () => {
    const run = spawnSync('npx', ['tsx', 'scripts/deploy.ts'], {
      encoding: 'utf8',
      env: { ...process.env, SITE_URL: '', CLOUDFLARE_API_TOKEN: 'not-a-real-token' },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('deploy: SITE_URL is not set, so nothing was built or uploaded.');
    expect(run.stdout).not.toContain('astro');
  });
});
