import { describe, expect, it } from 'vitest';
import { API_BODY_LIMIT_BYTES } from '~/functions/app';
import { roundTrips, testApp } from '../factories/app';

const { app, client } = await testApp();
const PROBLEM = 'application/problem+json; charset=utf-8';

describe('GET /api/v1/health', () => {
  it('answers ok after a real database round trip, with Server-Timing and a request id', async () => {
    const res = await app.request('/api/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok' });
    expect(roundTrips(res)).toBe(1);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('answers 503 with db "error" when the database does not answer', async () => {
    const { app: broken, client: brokenClient } = await testApp();
    brokenClient.close();
    const res = await broken.request('/api/v1/health');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'error', db: 'error' });
  });

  it('keeps a well-formed incoming request id', async () => {
    const res = await app.request('/api/v1/health', { headers: { 'x-request-id': 'trace-abcdef12' } });
    expect(res.headers.get('x-request-id')).toBe('trace-abcdef12');
  });
});

describe('problem+json errors', () => {
  it('answers 404 in Chinese by default and in English for Accept-Language: en', async () => {
    const zh = await app.request('/api/v1/no-such-thing');
    expect(zh.status).toBe(404);
    expect(zh.headers.get('content-type')).toBe(PROBLEM);
    const zhBody = (await zh.json()) as { requestId: string; type: string };
    expect(zhBody).toMatchObject({
      status: 404,
      code: 'not_found',
      title: 'Not Found',
      detail: '找不到请求的资源。',
    });
    expect(zhBody.requestId).toBe(zh.headers.get('x-request-id'));
    expect(zhBody.type).toBe('urn:opc-portal:problem:not_found');

    const en = await app.request('/api/v1/no-such-thing', {
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(((await en.json()) as { detail: string }).detail).toBe('The requested resource was not found.');
  });

  it('answers 405 with Allow for a known path and a wrong method', async () => {
    const res = await app.request('/api/v1/health', {
      method: 'DELETE',
      headers: { origin: 'http://localhost' },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect(await res.json()).toMatchObject({ code: 'method_not_allowed' });
  });

  it('refuses a write from a foreign Origin before doing anything', async () => {
    const res = await app.request('/api/v1/health', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'foreign_origin' });
    expect(roundTrips(res)).toBe(0);
  });

  it('refuses a cross-site write without Origin when the browser marks it cross-site', async () => {
    const res = await app.request('/api/v1/health', {
      method: 'POST',
      headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });

  it('refuses bodies above the limit with 413', async () => {
    const res = await app.request('/api/v1/health', {
      method: 'POST',
      headers: { origin: 'http://localhost', 'content-type': 'application/json' },
      body: JSON.stringify({ x: 'a'.repeat(API_BODY_LIMIT_BYTES + 10) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'payload_too_large' });
  });
});

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and describes the health route', async () => {
    const res = await app.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/v1/health']?.get?.responses['200']).toBeDefined();
    expect(doc.components.schemas.Health).toBeDefined();
  });

  it('has a reference page that loads its scripts from the portal itself', async () => {
    const res = await app.request('/api/docs');
    const html = await res.text();
    const sources = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    expect(sources).toEqual(['/vendor/scalar/standalone.js', '/api-docs.js']);
    expect(html).not.toMatch(/<script>(?!<)/);
  });
});

// Keep the client referenced so the file's database stays open for all tests above.
void client;
