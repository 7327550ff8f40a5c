/**
 * The SITE_URL a deploy uses: the SITE_URL environment variable, else `vars.SITE_URL` in
 * wrangler.jsonc; an https origin. Without one, `npm run deploy` stops before building or uploading:
 * the Worker would refuse to run (functions/config.ts), and links must never come from the request.
 */
import { readFileSync } from 'node:fs';

export type DeploySite = { url: string; fromEnv: boolean } | { problem: string };

export function deploySiteUrl(fromEnv: string | undefined, wranglerConfigPath: string): DeploySite {
  const configured = fromEnv || varsSiteUrl(readFileSync(wranglerConfigPath, 'utf8'));
  if (!configured)
    return {
      problem: [
        'SITE_URL is not set, so nothing was built or uploaded.',
        '  Production builds every absolute link (mail, feeds, canonical URLs, the sitemap) from SITE_URL.',
        '  Set it for this deploy (SITE_URL=https://opc.example.cn npm run deploy) or in wrangler.jsonc "vars".',
      ].join('\n'),
    };
  let url: URL;
  try {
    url = new URL(configured);
  } catch {
    return { problem: `SITE_URL "${configured}" is not a URL; expected e.g. https://opc.example.cn` };
  }
  if (url.protocol !== 'https:')
    return {
      problem: `SITE_URL "${configured}" must be https: the session cookie is Secure and __Host- named`,
    };
  return { url: url.origin, fromEnv: Boolean(fromEnv) };
}

/** `vars.SITE_URL` of a wrangler.jsonc (comments allowed), if any. */
function varsSiteUrl(jsonc: string): string | undefined {
  const json = jsonc.replace(/^\s*\/\/.*$/gm, '').replace(/,(\s*[}\]])/g, '$1');
  const config = JSON.parse(json) as { vars?: Record<string, unknown> };
  const value = config.vars?.SITE_URL;
  return typeof value === 'string' && value ? value : undefined;
}
