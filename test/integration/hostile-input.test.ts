/**
 * Hostile input on every write route of the API (generated from the app's routes and the OpenAPI
 * document): overlong strings, wrong types, control characters, script tags, javascript: URLs, huge
 * bodies and malformed JSON get a 4xx problem+json — never a 5xx — and change nothing; each sent with
 * the admin's session cookie or, as often, their personal access token of every scope. Hostile
 * Authorization headers get 401 and change nothing either.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileBody } from '../../scripts/lib/hostile';
import { testApp } from '../factories/app';
import { buildCatalog, buildCommunity, buildContest } from '../factories/catalog';
import { databaseFingerprint } from '../factories/fingerprint';
import { insertCompany, insertEvent, insertProduct, insertTeam } from '../factories/records';
import { signedIn } from '../factories/submissions';

const contest = buildContest('test-contest', { teamSize: { min: 1, max: 5 } });
const env = await testApp({
  catalog: buildCatalog({ communities: [buildCommunity()], contests: [contest] }),
  now: '2026-09-15T12:00:00+08:00',
});
const { app, db, client } = env;
const admin = await signedIn(db, { role: 'admin' });
const company = await insertCompany(db, admin.user.id);
const product = await insertProduct(db, company.id, { ownerId: admin.user.id });
const team = await insertTeam(db, admin.user.id, { contestSlug: contest.slug });
// The event routes' {slug} is filled with the contest's slug: an open event of that name.
await insertEvent(db, contest.slug, {
  startsAt: '2026-10-01T14:00:00+08:00',
  endsAt: '2026-10-01T17:00:00+08:00',
  capacity: 5,
});

// The admin's token with every scope (a session-only route refuses it: still a 4xx).
const minted = await app.request('/api/v1/me/tokens', {
  method: 'POST',
  headers: { origin: 'http://localhost', 'content-type': 'application/json', cookie: admin.cookie },
  body: JSON.stringify({ name: 'hostile', scopes: ['read', 'write', 'admin:read', 'admin:write'] }),
});
const { token } = (await minted.json()) as { token: string };
// Used once now: its last use is then written, and the (fixed) clock never makes it due again.
await app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
/** The admin's credentials: the session cookie, or the bearer token. */
const asAdmin = (byToken: boolean): Record<string, string> =>
  byToken ? { authorization: `Bearer ${token}` } : { cookie: admin.cookie };

interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema?: unknown }> } }>>;
}
const doc = (await (await app.request('/api/v1/openapi.json')).json()) as OpenApi;

/** Write routes that take a JSON body, with their path parameters filled from the fixtures. */
const writeRoutes = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods)
    .filter(
      ([method, op]) =>
        ['post', 'put', 'patch', 'delete'].includes(method) && op.requestBody?.content['application/json'],
    )
    .map(([method]) => ({
      method: method.toUpperCase(),
      template: path,
      path: path
        .replace('{slug}', contest.slug)
        .replace('{userId}', String(admin.user.id))
        .replace(
          '{id}',
          path.includes('/teams/')
            ? String(team.id)
            : path.includes('/companies/')
              ? String(company.id)
              : String(product.id),
        ),
    })),
);

describe.each(writeRoutes)('$method $template', ({ method, path }) => {
  it('answers hostile bodies with 4xx problem+json and changes nothing', async () => {
    const before = await databaseFingerprint(client);
    await fc.assert(
      fc.asyncProperty(hostileBody, fc.boolean(), async (body, byToken) => {
        const res = await app.request(path, {
          method,
          body,
          headers: {
            origin: 'http://localhost',
            'content-type': 'application/json',
            ...asAdmin(byToken),
            'accept-language': 'en',
          },
        });
        expect(res.status, `${res.status} for ${body.slice(0, 120)}`).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }),
      { numRuns: 100 },
    );
    expect(await databaseFingerprint(client)).toBe(before);
  });
});

/** The upload routes (multipart): their {id} filled like the JSON routes'. */
const uploadRoutes = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods)
    .filter(([, op]) => op.requestBody?.content['multipart/form-data'])
    .map(([method]) => ({
      method: method.toUpperCase(),
      template: path,
      path: path.replace('{id}', path.includes('/companies/') ? String(company.id) : String(product.id)),
    })),
);

/** A hostile multipart form: junk bytes or text as the file (or none), any kind, stray fields. */
const hostileForm = fc
  .record({
    file: fc.oneof(
      fc.uint8Array({ maxLength: 4096 }),
      fc.constant(
        new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      ),
      fc.constant(null),
    ),
    asText: fc.boolean(),
    kind: fc.oneof(
      fc.constantFrom('logo', 'screenshot', 'licence', 'cover', ''),
      fc.string({ maxLength: 40 }),
    ),
    name: fc.oneof(fc.constantFrom('a.png', 'a.jpg', '../../etc/passwd', ''), fc.string({ maxLength: 60 })),
    extra: fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 200 }), { maxKeys: 3 }),
  })
  .map(({ file, asText, kind, name, extra }) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(extra)) form.append(key, value);
    form.set('kind', kind);
    if (file && asText) form.set('file', new TextDecoder().decode(file));
    else if (file) form.set('file', new File([file as Uint8Array<ArrayBuffer>], name, { type: 'image/png' }));
    return form;
  });

describe.each(uploadRoutes)('$method $template (multipart)', ({ method, path }) => {
  it('answers hostile uploads with 4xx problem+json and stores nothing', async () => {
    const before = await databaseFingerprint(client);
    const objects = env.media.objects.size;
    await fc.assert(
      fc.asyncProperty(hostileForm, fc.boolean(), async (form, byToken) => {
        const res = await app.request(path, {
          method,
          body: form,
          headers: { origin: 'http://localhost', ...asAdmin(byToken), 'accept-language': 'en' },
        });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }),
      { numRuns: 100 },
    );
    expect(await databaseFingerprint(client)).toBe(before);
    expect(env.media.objects.size).toBe(objects);
  });
});

/** Authorization headers that are not a live token: junk, near-misses of the format, other schemes. */
const hostileAuthorization = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ maxLength: 80 }).map((junk) => `Bearer ${junk}`),
  fc.stringMatching(/^opc_pat_[a-z2-7]{16}_[a-z2-7]{32}$/).map((guess) => `Bearer ${guess}`),
  fc.constant(`Bearer ${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`),
  fc.constant(`Basic ${btoa('admin:password')}`),
  fc.constant(`Bearer ${token} ${token}`),
);

describe('hostile Authorization headers', () => {
  it('get 401 problem+json on reads and writes, and change nothing', async () => {
    const before = await databaseFingerprint(client);
    const routes = [
      { method: 'GET', path: '/api/v1/me', body: undefined },
      { method: 'GET', path: '/api/v1/products', body: undefined },
      { method: 'POST', path: '/api/v1/products', body: JSON.stringify({ companyId: company.id }) },
      { method: 'POST', path: '/api/v1/me/tokens', body: JSON.stringify({ name: 'x', scopes: ['read'] }) },
    ];
    await fc.assert(
      fc.asyncProperty(hostileAuthorization, fc.constantFrom(...routes), async (authorization, route) => {
        // A header value fetch cannot carry (a line break) never reaches a server.
        if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(authorization)) return;
        const res = await app.request(route.path, {
          method: route.method,
          headers: { authorization, 'content-type': 'application/json', 'accept-language': 'en' },
          ...(route.body ? { body: route.body } : {}),
        });
        expect(res.status, `${res.status} for ${authorization.slice(0, 80)}`).toBe(401);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }),
      { numRuns: 200 },
    );
    expect(await databaseFingerprint(client)).toBe(before);
  });
});

it('covers the upload routes', () => {
  expect(uploadRoutes.map((r) => r.template).sort()).toEqual([
    '/api/v1/companies/{id}/media',
    '/api/v1/products/{id}/media',
  ]);
});

it('covers the write routes of every area', () => {
  const areas = new Set(writeRoutes.map((r) => r.template.split('/')[3]));
  for (const area of ['auth', 'companies', 'products', 'contests', 'teams', 'events', 'admin'])
    expect(areas).toContain(area);
});
