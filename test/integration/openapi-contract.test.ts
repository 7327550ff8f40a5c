/**
 * The OpenAPI document as a contract for client generators and other systems: every operation is
 * named once, says how it is authenticated exactly as the access rules decide, and lists its refusals.
 */
import { describe, expect, it } from 'vitest';
import { routeAccess } from '~/functions/auth/scopes';
import { testApp } from '../factories/app';

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}
interface Document {
  info: { description: string };
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: {
    securitySchemes: Record<string, { type: string; in?: string; name?: string; scheme?: string }>;
  };
}

const { app, client } = await testApp();
const doc = (await (await app.request('/api/v1/openapi.json')).json()) as Document;
const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ method, path, operation })),
);
const label = ({ method, path }: { method: string; path: string }) => `${method.toUpperCase()} ${path}`;

describe('OpenAPI contract', () => {
  it('covers the API (a sanity check that the document is not empty)', () => {
    expect(operations.length).toBeGreaterThan(80);
  });

  it('names every operation with a unique camelCase operationId', () => {
    const ids = operations.map((op) => op.operation.operationId);
    const unnamed = operations.filter((op) => !op.operation.operationId?.match(/^[a-z][A-Za-z0-9]+$/));
    expect(unnamed.map(label)).toEqual([]);
    const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(repeated).toEqual([]);
  });

  it("gives every operation the security its route's access rule decides", () => {
    const wrong = operations.flatMap((op) => {
      const access = routeAccess(op.method, op.path);
      const expected = [
        ...(access.anonymous ? [{}] : []),
        { session: [] },
        ...(access.scope === null ? [] : [{ bearer: [access.scope] }]),
      ];
      return JSON.stringify(op.operation.security) === JSON.stringify(expected)
        ? []
        : [`${label(op)}: ${JSON.stringify(op.operation.security)}`];
    });
    expect(wrong).toEqual([]);
  });

  it('declares the session cookie and the bearer token as security schemes', () => {
    expect(doc.components.securitySchemes.session).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: '__Host-opc_session',
    });
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('lists 401 for every operation that needs a signed-in caller, and a 4xx for every operation', () => {
    const without401 = operations.filter(
      (op) => !routeAccess(op.method, op.path).anonymous && !op.operation.responses['401'],
    );
    expect(without401.map(label)).toEqual([]);
    const without4xx = operations.filter(
      (op) => !Object.keys(op.operation.responses).some((status) => /^4\d\d$/.test(status)),
    );
    expect(without4xx.map(label)).toEqual([]);
  });

  it('lists the refusals of a body (400, 413, 415) wherever an operation takes one', () => {
    const missing = operations.filter(
      (op) => op.operation.requestBody && !['400', '413', '415'].every((s) => op.operation.responses[s]),
    );
    expect(missing.map(label)).toEqual([]);
  });

  it('keeps what a route declares itself over the common answers', () => {
    // POST /products declares its own 403 and 429; the common ones must not replace them.
    const submit = doc.paths['/api/v1/products']?.post;
    expect(submit?.responses['403']).toMatchObject({
      description: 'Email not verified, or the company is not yours',
    });
    expect(submit?.responses['429']).toMatchObject({ description: 'Too many submissions; see Retry-After' });
    // Health declares its own 503 body (not a problem).
    expect(doc.paths['/api/v1/health']?.get?.responses['503']).toMatchObject({
      description: 'The database does not answer',
    });
  });

  it('answers every added refusal as problem+json', () => {
    const problems = operations.flatMap((op) =>
      ['401', '403', '429'].map((status) => op.operation.responses[status]?.content),
    );
    for (const content of problems)
      expect(content?.['application/problem+json']?.schema?.$ref).toBe('#/components/schemas/Problem');
  });

  it('explains authentication in Chinese and English, with the server to call', () => {
    const server = doc.servers[0]?.url ?? '';
    expect(server).toMatch(/^https?:\/\/[^/]+$/);
    const { description } = doc.info;
    expect(description.indexOf('## 认证 / Authentication')).toBeGreaterThan(-1);
    expect(description.indexOf('### 简体中文')).toBeLessThan(description.indexOf('### English'));
    expect(description).toContain('Authorization: Bearer opc_pat_');
    expect(description).toContain(`"${server}/api/v1/products"`);
  });
});

// Keep the client referenced so the file's database stays open for all tests above.
void client;

describe('the generated client types', () => {
  it('match the document: npm run api:types after changing a route', async () => {
    const { readFileSync } = await import('node:fs');
    const { clientTypes, GENERATED_TYPES_FILE, openApiDocument } = await import(
      '../../scripts/lib/openapi-document'
    );
    const committed = readFileSync(GENERATED_TYPES_FILE, 'utf8');
    expect(
      await clientTypes(await openApiDocument()),
      `${GENERATED_TYPES_FILE} is stale: run npm run api:types`,
    ).toBe(committed);
  });
});
