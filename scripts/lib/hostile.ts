/**
 * Hostile values for the API, shared by the in-process property (test/integration/hostile-input) and
 * the sweep over the built Worker (scripts/sweep.ts): overlong strings, control and bidi characters,
 * wrong types, markup, javascript: URLs, malformed and huge JSON.
 */
import fc from 'fast-check';
import { ClearableProductFields, productFieldKeys } from '~/functions/schemas/product-fields';

// Values no field accepts. Script tags, javascript: and SQL in TEXT fields are legal plain text (stored
// verbatim, rendered escaped); in URL fields javascript: is refused.
export const hostileString = fc.oneof(
  fc.string({ minLength: 10_001, maxLength: 12_000 }),
  fc.constantFrom('a\u0000b', 'a\u202Eb', '\u0007', 'x\u001Fy'),
);

export const hostileValue = fc.oneof(
  hostileString,
  // Negative numbers: no id, score or count accepts them.
  fc.integer({ max: -1 }),
  fc.double({ max: -0.5, noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { minLength: 1, maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);

// Every product field from its one declaration, then the other routes' fields.
export const fieldNames = [
  ...new Set([
    ...productFieldKeys,
    'name',
    'title',
    'summary',
    'website',
    'demoUrl',
    'repoUrl',
    'email',
    'password',
    'creditCode',
    'track',
    'inviteCode',
    'reason',
    'decision',
    'role',
    'scores',
    'status',
    'communitySlug',
    'token',
    'userId',
    'companyId',
    'productId',
  ]),
];

// `null` is a legal value of these somewhere: it clears an optional product field in an edit, and
// unlinks a team's company or product (PUT /teams/{id}/company). They get another hostile value.
const clearable = new Set([...Object.keys(ClearableProductFields), 'companyId', 'productId']);

/** A JSON body (as text) that no write route accepts. */
export const hostileBody = fc.oneof(
  fc
    .dictionary(fc.constantFrom(...fieldNames), hostileValue, { minKeys: 1, maxKeys: 8 })
    .map((body) =>
      JSON.stringify(
        Object.fromEntries(
          Object.entries(body).map(([key, value]) => [
            key,
            value === null && clearable.has(key) ? -1 : value,
          ]),
        ),
      ),
    ),
  fc
    .oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer()))
    .map((value) => JSON.stringify(value)),
  // URL fields refuse every scheme but http(s), whatever the rest of the body holds.
  fc
    .constantFrom(
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<b>x</b>',
      'ftp://example.com',
    )
    .map((url) =>
      JSON.stringify({
        website: url,
        demoUrl: url,
        repoUrl: url,
        name: '<script>alert(1)</script>',
        title: "'; DROP TABLE users; --",
      }),
    ),
  fc.constantFrom('{', '{"name": }', 'not json', '[1,2', '\u0000', `{"name":"${'x'.repeat(70_000)}"}`),
);

/** A path segment where an id or slug belongs. */
export const hostileSegment = fc.constantFrom(
  '0',
  '-1',
  '1.5',
  '99999999999999999999999',
  '9007199254740993',
  '%00',
  '..%2F..%2Fetc',
  '%E4%B8%AD%E6%96%87',
  'x'.repeat(600),
  '%F0%9F%98%80',
  'null',
  '1e3',
  '0x10',
  '%20',
);

/** A query string value. */
export const hostileQueryValue = fc.oneof(
  hostileSegment,
  fc.constantFrom('"', '*', 'NEAR(', 'a OR b', '医疗 AND', '\u0000', '%', '%%', '[]', '{}', ''),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
);
