/**
 * `npm run deploy`: builds and runs `wrangler deploy`. Stops with a clear message, before building,
 * when SITE_URL is not configured (production builds every absolute link from it) or when there is
 * no Cloudflare account to deploy to.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { deploySiteUrl } from './lib/deploy-config';

const oauthConfig = [
  join(homedir(), '.config/.wrangler/config/default.toml'),
  join(homedir(), '.wrangler/config/default.toml'),
];
const site = deploySiteUrl(process.env.SITE_URL, 'wrangler.jsonc');
if ('problem' in site) {
  console.error(`deploy: ${site.problem}`);
  process.exit(2);
}

if (!process.env.CLOUDFLARE_API_TOKEN && !oauthConfig.some((path) => existsSync(path))) {
  console.error(
    [
      'deploy: no Cloudflare credentials.',
      '  Set CLOUDFLARE_API_TOKEN (and CLOUDFLARE_ACCOUNT_ID) or run `npx wrangler login` first.',
      '  The Worker also needs its secrets once: npx wrangler secret put TURSO_DATABASE_URL (and TURSO_AUTH_TOKEN,',
      '  PASSWORD_PEPPER); migrate the database with `npm run db:migrate`.',
      '  To check the bundle without an account: npm run deploy:dry-run',
    ].join('\n'),
  );
  process.exit(2);
}

const step = (command: string, args: string[]) => {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
// The build's `site` and the Worker's SITE_URL are the same value.
process.env.SITE_URL = site.url;
step('npm', ['run', '--silent', 'build']);
// The image Worker first: the portal's IMAGES binding names it (decision 019).
step('wrangler', ['deploy', '--config', 'workers/images/wrangler.jsonc']);
step('wrangler', ['deploy', ...(site.fromEnv ? ['--var', `SITE_URL:${site.url}`] : [])]);
