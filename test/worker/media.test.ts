/**
 * Uploads through the built Worker in workerd (decision 019), over HTTP with its private database and
 * its private local R2: bad files are refused with a localized field error and store nothing (no
 * row, no R2 object); an image is re-encoded without its EXIF (GPS) and is served privately until
 * its product is public, then with `immutable`; a new logo of an approved product waits for review;
 * the 4-screenshot limit holds under concurrent uploads and refused uploads leave no objects; the
 * business licence reaches only its owner and organizers; a removed screenshot's objects are erased.
 */

import { readdir } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { PhotonImage } from '@cf-wasm/photon';
import { describe, expect, inject, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '~/functions/auth/session';
import { createDb } from '~/functions/db/client';
import type { Locale } from '~/functions/lib/locale';
import { type MessageKey, translate } from '~/functions/lib/messages';
import { insertCompany, insertProduct, insertUser } from '../factories/records';
import { workerClient } from '../helpers/worker-db';

const base = inject('workerUrl');
const client = await workerClient(inject('workerDbClientUrl'));
const db = createDb(client);
/**
 * wrangler's local R2: one file per stored object. Counting them assumes no other test file writes
 * R2 while this one runs (none uploads at the time of writing; reads and the seed write nothing).
 */
const blobsDir = join(inject('workerPersistTo'), 'v3/r2/opc-portal-media/blobs');
const NOW = new Date('2026-11-25T02:00:00Z'); // 10:00 in Beijing, the Worker's test clock

// ---- people, companies, products -------------------------------------------------------------

async function person(role: 'founder' | 'organizer' = 'founder') {
  const user = await insertUser(db, {
    role,
    email: `media-${Math.random().toString(36).slice(2)}@example.com`,
  });
  const { token } = await createSession(db, user.id, NOW);
  return { id: user.id, cookie: `${SESSION_COOKIE}=${token}` };
}

async function ownedProduct(status: 'pending' | 'approved') {
  const owner = await person();
  const company = await insertCompany(db, owner.id, { createdAt: NOW, updatedAt: NOW });
  const product = await insertProduct(db, company.id, {
    ownerId: owner.id,
    status,
    createdAt: NOW,
    updatedAt: NOW,
    approvedAt: status === 'approved' ? NOW : null,
  });
  return { owner, company, product };
}

const count = async (sql: string, ...args: number[]) =>
  Number((await client.execute({ sql, args })).rows[0]?.n);
const mediaRows = (productId: number) =>
  count('SELECT count(*) AS n FROM media WHERE product_id = ?', productId);

async function blobCount(): Promise<number> {
  try {
    return (await readdir(blobsDir)).length;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
}

/** Erasure runs in waitUntil (and wrangler deletes blobs in the background): poll up to ~2 s. */
async function blobCountSettles(expected: number): Promise<number> {
  let n = await blobCount();
  for (let i = 0; i < 40 && n !== expected; i++) {
    await new Promise((r) => setTimeout(r, 50));
    n = await blobCount();
  }
  return n;
}

// ---- test files --------------------------------------------------------------------------------

/** A distinct opaque picture per seed (different seeds give different re-encoded bytes). */
function picture(width: number, height: number, seed: number): PhotonImage {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      rgba.set([(x + seed * 37) & 255, (y + seed * 91) & 255, (seed * 53) & 255, 255], i);
    }
  return new PhotonImage(rgba, width, height);
}

function encoded(width: number, height: number, seed: number, as: 'png' | 'jpeg'): Uint8Array {
  const image = picture(width, height, seed);
  try {
    return as === 'png' ? image.get_bytes() : image.get_bytes_jpeg(90);
  } finally {
    image.free();
  }
}

const ascii = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const u32 = (n: number) => new Uint8Array([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
const u16 = (n: number) => new Uint8Array([n >>> 8, n & 255]);
const contains = (hay: Uint8Array, needle: Uint8Array) => Buffer.from(hay).indexOf(Buffer.from(needle)) >= 0;

/** A PNG chunk with its real CRC (over type and data). */
const chunk = (type: string, data: Uint8Array) =>
  concat(u32(data.length), ascii(type), data, u32(crc32(concat(ascii(type), data))));

/** A well-formed PNG whose header claims 30000 × 30000 pixels (a decompression bomb's header). */
function hugePngHeader(): Uint8Array {
  const ihdr = concat(u32(30_000), u32(30_000), new Uint8Array([8, 6, 0, 0, 0]));
  return concat(
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(new Uint8Array(1024))),
    chunk('IEND', new Uint8Array()),
  );
}

/** APP1 `Exif\0\0` with a big-endian TIFF whose IFD0 points to a GPS IFD (30°35'N), after SOI. */
function withGpsExif(jpeg: Uint8Array): Uint8Array {
  const entry = (tag: number, type: number, n: number, value: Uint8Array) =>
    concat(u16(tag), u16(type), u32(n), value);
  const header = concat(ascii('MM'), u16(42), u32(8)); // IFD0 at 8
  const ifd0 = concat(u16(1), entry(0x8825, 4, 1, u32(26)), u32(0)); // GPSInfo → the IFD at 26
  const gps = concat(u16(2), entry(0x0001, 2, 2, ascii('N\0\0\0')), entry(0x0002, 5, 3, u32(56)), u32(0));
  const latitude = concat(u32(30), u32(1), u32(35), u32(1), u32(0), u32(1)); // at 56: 30/1 35/1 0/1
  const payload = concat(ascii('Exif\0\0'), header, ifd0, gps, latitude);
  const app1 = concat(new Uint8Array([0xff, 0xe1]), u16(payload.length + 2), payload);
  return concat(jpeg.subarray(0, 2), app1, jpeg.subarray(2));
}

// ---- requests ----------------------------------------------------------------------------------

interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers are checked field by field
  body: any;
}

async function upload(
  path: string,
  cookie: string,
  kind: string,
  file: { bytes: Uint8Array; name: string; type: string },
  headers: Record<string, string> = {},
): Promise<Answer> {
  const form = new FormData();
  form.set('kind', kind);
  form.set('file', new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }), file.name);
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { origin: base, cookie, ...headers },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

const uploadToProduct = (productId: number, cookie: string, kind: string, bytes: Uint8Array) =>
  upload(`/api/v1/products/${productId}/media`, cookie, kind, {
    bytes,
    name: 'shot.jpg',
    type: 'image/jpeg',
  });

/**
 * An upload that declares a 50 MB multipart body and sends only its headers. The Worker must refuse
 * it from the declared length, before reading a byte of the body: it answers although nothing
 * follows (sending the bytes would race its early answer with a connection reset).
 */
function declareHugeUpload(
  path: string,
  cookie: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, {
      method: 'POST',
      headers: {
        origin: base,
        cookie,
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(50 * 1024 * 1024),
      },
      timeout: 15_000,
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
      });
    });
    req.on('timeout', () => req.destroy(new Error('no answer: the Worker waited for the body')));
    req.on('error', reject);
    req.flushHeaders();
  });
}

async function get(path: string, cookie?: string) {
  const res = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {} });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** A refused upload: problem+json with its code and the field error on `file` in `locale`. */
function expectRefused(
  label: string,
  answer: Answer,
  status: number,
  key: MessageKey,
  locale: Locale = 'zh-CN',
) {
  expect(answer.status, label).toBe(status);
  expect(answer.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
  expect(answer.body, label).toMatchObject({ status, code: 'invalid_upload' });
  expect(answer.body.errors?.file, label).toEqual([translate(locale, key, { min: 320 })]);
}

// ---- tests -------------------------------------------------------------------------------------

describe('media uploads through the built Worker', () => {
  it('refuses bad files with a localized field error and stores no row and no R2 object', async () => {
    const { owner, product } = await ownedProduct('pending');
    const png = encoded(400, 300, 1, 'png');
    const jpeg = encoded(400, 300, 2, 'jpeg');
    const path = `/api/v1/products/${product.id}/media`;
    const asPng = (bytes: Uint8Array) => ({ bytes, name: 'x.png', type: 'image/png' });
    const cases: Array<[string, Uint8Array, number, MessageKey]> = [
      ['GIF named x.png', ascii('GIF89a\x01\x00\x01\x00\x00\x00\x00;'), 415, 'upload.unsupportedType'],
      ['ZIP named x.png', concat(ascii('PK\x03\x04'), new Uint8Array(60)), 415, 'upload.unsupportedType'],
      ['text named x.png', ascii('just some text, not a picture\n'), 415, 'upload.unsupportedType'],
      [
        'SVG with <script>',
        ascii('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        415,
        'upload.unsupportedType',
      ],
      [
        'PNG with HTML after IEND',
        concat(png, ascii('<html><script>alert(1)</script></html>')),
        422,
        'upload.malformed',
      ],
      ['truncated JPEG', jpeg.subarray(0, Math.floor(jpeg.length / 2)), 422, 'upload.malformed'],
      ['0 bytes', new Uint8Array(), 422, 'upload.empty'],
      ['PNG header of 30000×30000', hugePngHeader(), 422, 'upload.tooManyPixels'],
      ['5 MB + 1 byte (within the body limit)', new Uint8Array(5 * 1024 * 1024 + 1), 413, 'upload.tooLarge'],
    ];
    const rowsBefore = await mediaRows(product.id);
    const blobsBefore = await blobCount();
    for (const [label, bytes, status, key] of cases) {
      expectRefused(label, await upload(path, owner.cookie, 'screenshot', asPng(bytes)), status, key);
    }
    // The same polyglot asked for in English.
    const polyglot = asPng(concat(png, ascii('<html></html>')));
    const english = await upload(path, owner.cookie, 'screenshot', polyglot, { 'accept-language': 'en' });
    expectRefused('polyglot, in English', english, 422, 'upload.malformed', 'en');

    // 50 MB: refused by the body limit before the file is read (no field error: the body is not parsed).
    const huge = await declareHugeUpload(path, owner.cookie);
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({
      code: 'payload_too_large',
      detail: translate('zh-CN', 'error.payloadTooLarge'),
    });

    expect(await mediaRows(product.id)).toBe(rowsBefore);
    expect(await blobCount()).toBe(blobsBefore);

    // The control: PNG bytes named logo.jpg and declared image/jpeg are sniffed and taken (96 + 192).
    const logo = await upload(path, owner.cookie, 'logo', {
      bytes: encoded(300, 300, 3, 'png'),
      name: 'logo.jpg',
      type: 'image/jpeg',
    });
    expect(logo.status).toBe(201);
    expect(logo.body.variants.map((v: { width: number }) => v.width)).toEqual([96, 192]);
    expect(await mediaRows(product.id)).toBe(rowsBefore + 1);
    expect(await blobCount()).toBe(blobsBefore + 2);
  });

  it('drops GPS EXIF; a pending product’s picture is private to its owner until approval, then immutable', async () => {
    const { owner, product } = await ownedProduct('pending');
    const input = withGpsExif(encoded(800, 500, 4, 'jpeg'));
    expect(contains(input, ascii('Exif'))).toBe(true);
    const answer = await uploadToProduct(product.id, owner.cookie, 'screenshot', input);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ kind: 'screenshot', state: 'current' });
    expect(answer.body.variants.map((v: { width: number }) => v.width)).toEqual([640, 800]);
    const url: string = answer.body.variants[1].url;
    expect(url).toMatch(/^\/media\/[0-9a-f]{32}-800\.jpg$/);

    const preview = await get(url, owner.cookie);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('cache-control')).toBe('private, no-store');
    expect(preview.headers.get('content-type')).toBe('image/jpeg');
    expect([...preview.bytes.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect(contains(preview.bytes, ascii('Exif'))).toBe(false);
    expect(contains(preview.bytes, new Uint8Array([0xff, 0xe1]))).toBe(false);
    expect((await get(url)).status).toBe(404);

    await client.execute({
      sql: "UPDATE products SET status = 'approved', approved_at = ? WHERE id = ?",
      args: [NOW.getTime(), product.id],
    });
    const open = await get(url);
    expect(open.status).toBe(200);
    expect(open.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(open.headers.get('x-content-type-options')).toBe('nosniff');
    expect(open.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(open.bytes).equals(Buffer.from(preview.bytes))).toBe(true);
  });

  it('a new logo of an approved product is proposed, not public, and waits in a pending revision', async () => {
    const { owner, product } = await ownedProduct('approved');
    const answer = await uploadToProduct(product.id, owner.cookie, 'logo', encoded(300, 300, 5, 'jpeg'));
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ kind: 'logo', state: 'proposed' });
    for (const variant of answer.body.variants) expect((await get(variant.url)).status).toBe(404);
    expect((await get(answer.body.variants[0].url, owner.cookie)).status).toBe(200);
    const pending = await count(
      "SELECT count(*) AS n FROM product_revisions WHERE product_id = ? AND status = 'pending'",
      product.id,
    );
    expect(pending).toBe(1);
  });

  it('8 different screenshots at once: 4 stored, 4 refused with screenshot_limit and no objects left', async () => {
    // The limit is enforced by the trigger `media_screenshot_limit` of migration 0012: the service's
    // early count cannot hold it when 8 requests read it at the same time.
    const { owner, product } = await ownedProduct('pending');
    const files = Array.from({ length: 8 }, (_, i) => encoded(1400, 900, 10 + i, 'jpeg'));
    const blobsBefore = await blobCount();
    const answers = await Promise.all(
      files.map((f) => uploadToProduct(product.id, owner.cookie, 'screenshot', f)),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 201, 201, 201, 409, 409, 409, 409]);
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(refused.body.code).toBe('screenshot_limit');
      expect(refused.body.errors.file).toEqual([translate('zh-CN', 'upload.screenshotLimit', { max: 4 })]);
    }
    for (const stored of answers.filter((a) => a.status === 201))
      expect(stored.body.variants.map((v: { width: number }) => v.width)).toEqual([640, 1280]);
    expect(await mediaRows(product.id)).toBe(4);
    // 640 and 1280 of each of the 4 stored; the refused ones' objects were deleted.
    expect(await blobCountSettles(blobsBefore + 8)).toBe(blobsBefore + 8);
  });

  it('the licence PDF reaches only its owner and organizers, never /media', async () => {
    const owner = await person();
    const organizer = await person('organizer');
    const stranger = await person();
    const company = await insertCompany(db, owner.id, { status: 'pending', createdAt: NOW, updatedAt: NOW });
    const pdf = ascii('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
    const blobsBefore = await blobCount();
    const answer = await upload(`/api/v1/companies/${company.id}/media`, owner.cookie, 'licence', {
      bytes: pdf,
      name: 'licence.pdf',
      type: 'application/pdf',
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ kind: 'licence', variants: [] });
    expect(await blobCount()).toBe(blobsBefore + 1);

    const path = `/api/v1/companies/${company.id}/licence`;
    for (const who of [owner, organizer]) {
      const res = await get(path, who.cookie);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
      expect(Buffer.from(res.bytes).equals(Buffer.from(pdf))).toBe(true);
    }
    expect((await get(path)).status).toBe(404);
    expect((await get(path, stranger.cookie)).status).toBe(404);

    const row = (
      await client.execute({
        sql: "SELECT hash FROM media WHERE company_id = ? AND kind = 'licence'",
        args: [company.id],
      })
    ).rows[0];
    expect(String(row?.hash)).toMatch(/^[0-9a-f]{32}$/);
    for (const file of [`${row?.hash}.pdf`, `${row?.hash}-1600.jpg`])
      expect((await get(`/media/${file}`, owner.cookie)).status).toBe(404);
  });

  it('DELETE of a screenshot by its owner removes the row and, shortly after, its objects', async () => {
    const { owner, product } = await ownedProduct('pending');
    const blobsBefore = await blobCount();
    const stored = await uploadToProduct(
      product.id,
      owner.cookie,
      'screenshot',
      encoded(900, 600, 30, 'jpeg'),
    );
    expect(stored.status).toBe(201);
    expect(await blobCount()).toBe(blobsBefore + 2);
    const url: string = stored.body.variants[0].url;
    expect((await get(url, owner.cookie)).status).toBe(200);

    const remove = (cookie: string) =>
      fetch(`${base}/api/v1/products/${product.id}/media/${stored.body.id}`, {
        method: 'DELETE',
        headers: { origin: base, cookie },
      });
    expect((await remove((await person()).cookie)).status).toBe(404); // not theirs
    expect((await remove(owner.cookie)).status).toBe(204);
    expect(await count('SELECT count(*) AS n FROM media WHERE id = ?', stored.body.id)).toBe(0);
    expect(await blobCountSettles(blobsBefore)).toBe(blobsBefore);
    expect((await get(url, owner.cookie)).status).toBe(404);
  });
});
