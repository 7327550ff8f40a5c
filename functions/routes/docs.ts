/** The OpenAPI 3.1 document generated from the route schemas, and an interactive reference. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';

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
  app.doc31('/v1/openapi.json', (c) => ({
    openapi: '3.1.0',
    info: {
      title: 'OPC Portal API',
      version: '1.0.0',
      description:
        'JSON API of the OPC Portal. Errors are application/problem+json (RFC 9457) in the language of Accept-Language (zh-CN by default).',
    },
    servers: [{ url: c.var.ctx?.origin ?? new URL(c.req.url).origin }],
  }));

  // Scripts are served from the portal's own assets (no CDN), so the CSP can stay strict.
  app.get('/docs', (c) => c.html(DOCS_HTML));
}
