/**
 * Page writes whose body is not an HTML form (a JSON type, a multipart body without or with a broken
 * boundary, no body, no type) answer 400 with the localized error page, and one over the 64 KiB form
 * limit 413, on every page route of the page map, through the built Worker; nothing changes. An
 * empty urlencoded body (a form of buttons only) is still a form.
 */

import { describe, expect, inject, it } from 'vitest';
import { createDb } from '~/functions/db/client';
import { FORM_BODY_LIMIT_BYTES } from '~/src/lib/form-body';
import { PAGES } from '~/src/lib/page-map';
import { insertUser } from '../factories/records';
import { sessionCookieFor } from '../factories/session';
import { workerClient } from '../helpers/worker-db';

const base = inject('workerUrl');
const client = await workerClient(`file:${inject('workerDbFile')}`);
const db = createDb(client);

/** A path for each route: any value for a parameter, since a refused body never reaches the page. */
const samplePath = (route: string) =>
  route.replace(/\[slug\]/g, 'agent-innovation-2026').replace(/\[id\]/g, '1');

const routes = Object.entries(PAGES)
  .filter(([, rule]) => !('error' in rule) && rule.access !== 'dev-only')
  .map(([route]) => route);

const malformed: Array<{ name: string; headers: Record<string, string>; body?: BodyInit }> = [
  { name: 'a JSON body', headers: { 'content-type': 'application/json' }, body: '{"email":"a@b.c"}' },
  { name: 'multipart without a boundary', headers: { 'content-type': 'multipart/form-data' }, body: 'x=1' },
  {
    name: 'multipart with a broken boundary',
    headers: { 'content-type': 'multipart/form-data; boundary=zzz' },
    body: '--other\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--other--',
  },
  { name: 'no body and no type', headers: {} },
  { name: 'text/plain', headers: { 'content-type': 'text/plain' }, body: 'email=a@b.c' },
];

async function admin() {
  const user = await insertUser(db, {
    email: `forms-${Math.random().toString(36).slice(2)}@example.com`,
    role: 'admin',
  });
  return sessionCookieFor(db, user.id, new Date('2026-12-01T01:00:00Z'));
}

async function rowCounts() {
  const tables = await client.execute(
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' AND name NOT IN ('sessions', 'users')",
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    counts[String(name)] = Number((await client.execute(`SELECT count(*) FROM "${name}"`)).rows[0]?.[0]);
  }
  return counts;
}

describe('malformed page writes', () => {
  it('answer 400 with the error page in the page language on every page route, changing nothing', async () => {
    const cookie = await admin();
    const before = await rowCounts();
    const wrong: string[] = [];
    for (const route of routes) {
      for (const prefix of ['', '/en']) {
        const path = `${prefix}${samplePath(route)}`.replace(/^\/en\/$/, '/en');
        for (const variant of malformed) {
          const res = await fetch(`${base}${path}`, {
            method: 'POST',
            redirect: 'manual',
            headers: { origin: base, cookie, ...variant.headers },
            body: variant.body ?? null,
          });
          const html = await res.text();
          const lang = prefix ? 'lang="en"' : 'lang="zh-CN"';
          const title = prefix ? 'The submission could not be read' : '无法处理的提交';
          if (res.status !== 400 || !html.includes(lang) || !html.includes(title))
            wrong.push(`${path} with ${variant.name}: ${res.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await rowCounts()).toEqual(before);
  }, 120_000);

  it.each([
    ['urlencoded', 'application/x-www-form-urlencoded', `name=${'x'.repeat(FORM_BODY_LIMIT_BYTES)}`],
    [
      'multipart',
      'multipart/form-data; boundary=b',
      `--b\r\nContent-Disposition: form-data; name="name"\r\n\r\n${'x'.repeat(FORM_BODY_LIMIT_BYTES)}\r\n--b--\r\n`,
    ],
  ])('answer 413 to a %s form over the limit', async (_name, type, body) => {
    const cookie = await admin();
    for (const path of ['/me/companies/new', '/en/signup']) {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: base, cookie, 'content-type': type },
        body,
      });
      expect(res.status, path).toBe(413);
      expect(await res.text()).toMatch(path.startsWith('/en') ? /over the 64 KB limit/ : /64 KB 的上限/);
    }
  });

  it('an empty form of buttons only is still read as a form', async () => {
    const cookie = await admin();
    const res = await fetch(`${base}/signout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: base, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(303);
  });
});
