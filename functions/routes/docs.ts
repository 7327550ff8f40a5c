/**
 * The OpenAPI 3.1 document generated from the route schemas, and an interactive reference. Every
 * operation's security and common refusals come from the access rules (docs-access.ts), so a new
 * route gets them without declaring them.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { SCOPES, TOKEN_PREFIX } from '../auth/scopes';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from '../auth/session';
import type { AppEnv } from '../context';
import { BEARER_SCHEME, SESSION_SCHEME, withAccess } from './docs-access';
import { apiDescription } from './docs-description';

const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>OPC Portal API reference</title>
</head>
<body>
<div id="app"></div>
<script src="/vendor/scalar/standalone.js"></script>
<script src="/api-docs.js"></script>
</body>
</html>`;

export function registerDocs(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent('securitySchemes', SESSION_SCHEME, {
    type: 'apiKey',
    in: 'cookie',
    name: SECURE_SESSION_COOKIE,
    description: `The browser session of the portal's pages. On plain-HTTP localhost the cookie is \`${SESSION_COOKIE}\`.`,
  });
  app.openAPIRegistry.registerComponent('securitySchemes', BEARER_SCHEME, {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'opc_pat',
    description: `A personal access token \`${TOKEN_PREFIX}…\`, created on the account page or with POST /api/v1/me/tokens. Scopes: ${SCOPES.join(', ')}.`,
  });

  app.get('/v1/openapi.json', (c) => {
    // SITE_URL when set, else (outside production) the request's origin: see RequestContext.origin.
    const origin = c.var.ctx?.origin ?? new URL(c.req.url).origin;
    const document = app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'OPC Portal API', version: '1.0.0', description: apiDescription(origin) },
      servers: [{ url: origin }],
    });
    return c.json(withAccess(document));
  });

  // Scripts are served from the portal's own assets (no CDN), so the CSP can stay strict.
  app.get('/docs', (c) => c.html(DOCS_HTML));
}
