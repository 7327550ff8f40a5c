// @ts-check
import cloudflare from '@astrojs/cloudflare';
import { defineConfig } from 'astro/config';
import { englishRoutes } from './src/integrations/english-routes.ts';

const isDev = process.argv.includes('dev');

export default defineConfig({
  site: process.env.SITE_URL ?? 'https://opc.example.com',
  output: 'server',
  adapter: cloudflare({
    imageService: 'passthrough',
    // `npm run dev`: the same local R2 as `npm start` (.data/wrangler, where the seed stores the demo
    // pictures), and the image Worker beside the portal (decision 019). The build leaves it out: it
    // is deployed on its own (workers/images/wrangler.jsonc).
    persistState: { path: '.data/wrangler' },
    ...(isDev ? { auxiliaryWorkers: [{ configPath: './workers/images/wrangler.jsonc' }] } : {}),
  }),
  // One page file per route: each also answers at /en/… (decision 015).
  integrations: [englishRoutes()],
  // Pages check the Origin of form posts in src/middleware.ts (src/lib/form-origin.ts) and the Hono
  // app checks API writes itself: Astro's own check would also refuse bodyless API writes.
  security: { checkOrigin: false },
  // Sessions are our own (functions/auth, Lucia's design), not Astro's KV sessions.
  session: false,
  trailingSlash: 'ignore',
  build: { inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
});
