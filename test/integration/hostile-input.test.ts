/**
 * Hostile input on every write route of the API (generated from the app's routes and the OpenAPI
 * document): overlong strings, wrong types, control characters, script tags, javascript: URLs, huge
 * bodies and malformed JSON get a 4xx problem+json — never a 5xx — and change nothing.
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
      fc.asyncProperty(hostileBody, async (body) => {
        const res = await app.request(path, {
          method,
          body,
          headers: {
            origin: 'http://localhost',
            'content-type': 'application/json',
            cookie: admin.cookie,
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
      fc.asyncProperty(hostileForm, async (form) => {
        const res = await app.request(path, {
          method,
          body: form,
          headers: { origin: 'http://localhost', cookie: admin.cookie, 'accept-language': 'en' },
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
