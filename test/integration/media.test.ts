/**
 * Pictures through the API (issue 14, decision 019), with the upload checks and re-encoding of the
 * image Worker run in process and an in-memory bucket for R2 (the built Worker's tests use
 * wrangler's local R2: test/worker/media.test.ts). What is public follows what it belongs to; a new
 * picture of an approved product waits in its revision; a deleted account's pictures go, objects too.
 */
import { PhotonImage } from '@cf-wasm/photon';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { media, mediaErasures, productRevisions } from '~/functions/db/schema';
import { getEvent } from '~/functions/services/events/get-event';
import { eraseDeletedMedia } from '~/functions/services/media/media-bucket';
import { getOwnCompanyMedia, uploadEventCover } from '~/functions/services/media/owner-media';
import { moveProductScreenshot } from '~/functions/services/media/product-media';
import { findServableMedia } from '~/functions/services/media/serve-media';
import { getProduct } from '~/functions/services/products/get-product';
import { testApp } from '../factories/app';
import { buildCatalog } from '../factories/catalog';
import { serviceContext } from '../factories/db';
import { insertCompany, insertEvent, insertProduct } from '../factories/records';
import { writeHeaders } from '../factories/session';
import { signedIn } from '../factories/submissions';

const { app, db, media: bucket, hasher } = await testApp();
const PASSWORD = 'river-lantern-2026';
const founder = await signedIn(db);
const organizer = await signedIn(db, { role: 'organizer' });
const company = await insertCompany(db, founder.user.id);

/** A PNG of one colour (each shade is a different picture, so a different hash). */
function png(width: number, height: number, shade = 120): Uint8Array {
  const image = new PhotonImage(new Uint8Array(width * height * 4).fill(shade), width, height);
  const bytes = image.get_bytes();
  image.free();
  return bytes;
}

function upload(path: string, kind: string, bytes: Uint8Array, cookie = founder.cookie) {
  const form = new FormData();
  form.set('kind', kind);
  form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], 'picture.png', { type: 'image/png' }));
  const headers = writeHeaders(cookie);
  delete headers['content-type'];
  return app.request(path, { method: 'POST', headers, body: form });
}

type Stored = { id: number; state: string; variants: Array<{ url: string; width: number }> };
const ownerContext = () =>
  serviceContext(db, buildCatalog(), new Date(), {
    media: bucket,
    user: {
      id: founder.user.id,
      email: founder.user.email,
      name: '李四',
      role: 'founder',
      emailVerified: true,
    },
  });

const json = async (res: Response) => (await res.json()) as Stored;
const hashOf = (m: Stored) => /\/media\/([0-9a-f]{32})-/.exec(m.variants[0]?.url ?? '')?.[1] ?? '';

describe('a product’s pictures', () => {
  it('are public once the product is approved, in the owner’s order', async () => {
    const product = await insertProduct(db, company.id, { status: 'pending', ownerId: founder.user.id });
    const path = `/api/v1/products/${product.id}/media`;
    const logo = await json(await upload(path, 'logo', png(200, 200, 10)));
    expect(logo.state).toBe('current');
    expect(logo.variants.map((v) => v.width)).toEqual([96, 192]);
    const first = await json(await upload(path, 'screenshot', png(700, 400, 20)));
    const second = await json(await upload(path, 'screenshot', png(700, 400, 30)));
    // Pending: neither the page nor /media shows it to the public.
    expect((await app.request(`/api/v1/products/${product.id}`)).status).toBe(404);
    expect((await findServableMedia(db, `${hashOf(logo)}-96.jpg`))?.public).toBe(false);

    await db.run(sql`UPDATE products SET status = 'approved', approved_at = 1 WHERE id = ${product.id}`);
    expect((await findServableMedia(db, `${hashOf(logo)}-96.jpg`))?.public).toBe(true);
    const list = (await (await app.request('/api/v1/companies/' + company.id)).json()) as {
      products: Array<{ id: number; logo: Stored | null }>;
    };
    expect(list.products.find((p) => p.id === product.id)?.logo?.variants[0]?.url).toBe(
      logo.variants[0]?.url,
    );

    // The API shows them too: the logo on the card, the screenshots in order on the detail.
    const detail = (await (await app.request(`/api/v1/products/${product.id}`)).json()) as {
      logo: Stored | null;
      screenshots: Stored[];
    };
    expect(detail.logo?.id).toBe(logo.id);
    expect(detail.screenshots.map((m) => m.id)).toEqual([first.id, second.id]);
    // The owner moves the second screenshot up: it shows first.
    await moveProductScreenshot({
      ctx: ownerContext(),
      input: { productId: product.id, mediaId: second.id, direction: 'up' },
    });
    const shown = (await getProduct({ ctx: ownerContext(), input: { id: product.id } })).screenshots;
    expect(shown.map((m) => m.id)).toEqual([second.id, first.id]);
  });

  it('added to an approved product wait in its revision until an organizer approves it', async () => {
    const product = await insertProduct(db, company.id, { status: 'approved', ownerId: founder.user.id });
    const old = await json(await upload(`/api/v1/products/${product.id}/media`, 'logo', png(200, 200, 40)));
    // The first logo of an approved product waits too.
    expect(old.state).toBe('proposed');
    const [revision] = await db
      .select({ id: productRevisions.id })
      .from(productRevisions)
      .where(eq(productRevisions.productId, product.id));
    expect(revision).toBeDefined();
    expect((await findServableMedia(db, `${hashOf(old)}-96.jpg`))?.public).toBe(false);

    const decide = (decision: string, id: number) =>
      app.request(`/api/v1/admin/revisions/${id}/decision`, {
        method: 'POST',
        headers: writeHeaders(organizer.cookie),
        body: JSON.stringify({ decision, ...(decision === 'reject' ? { reason: '图片不清晰' } : {}) }),
      });
    expect((await decide('approve', revision?.id ?? 0)).status).toBe(200);
    expect((await findServableMedia(db, `${hashOf(old)}-96.jpg`))?.public).toBe(true);

    // A second logo is proposed beside the public one; rejecting its revision deletes it, objects too.
    const next = await json(await upload(`/api/v1/products/${product.id}/media`, 'logo', png(200, 200, 50)));
    expect(next.state).toBe('proposed');
    const [pending] = await db
      .select({ id: productRevisions.id })
      .from(productRevisions)
      .where(sql`${productRevisions.productId} = ${product.id} AND ${productRevisions.status} = 'pending'`);
    expect((await decide('reject', pending?.id ?? 0)).status).toBe(200);
    expect(await findServableMedia(db, `${hashOf(next)}-96.jpg`)).toBeNull();
    expect(bucket.objects.has(`media/${hashOf(next)}-96.jpg`)).toBe(false);
    expect((await findServableMedia(db, `${hashOf(old)}-96.jpg`))?.public).toBe(true);
  });

  it('added while an organizer reviews open a new revision: approving the one reviewed publishes nothing unseen', async () => {
    const product = await insertProduct(db, company.id, { status: 'approved', ownerId: founder.user.id });
    const path = `/api/v1/products/${product.id}/media`;
    const pendingRevisions = () =>
      db
        .select({ id: productRevisions.id })
        .from(productRevisions)
        .where(sql`${productRevisions.productId} = ${product.id} AND ${productRevisions.status} = 'pending'`);
    const logo = await json(await upload(path, 'logo', png(200, 200, 90)));
    const [reviewed] = await pendingRevisions();
    // The organizer is looking at `reviewed` (with the logo) when the owner adds a screenshot.
    const shot = await json(await upload(path, 'screenshot', png(700, 400, 95)));
    const now = await pendingRevisions();
    expect(now).toHaveLength(1);
    expect(now[0]?.id).not.toBe(reviewed?.id);
    const decide = (id: number) =>
      app.request(`/api/v1/admin/revisions/${id}/decision`, {
        method: 'POST',
        headers: writeHeaders(organizer.cookie),
        body: JSON.stringify({ decision: 'approve' }),
      });
    expect((await decide(reviewed?.id ?? 0)).status).toBe(404);
    expect((await findServableMedia(db, `${hashOf(shot)}-640.jpg`))?.public).toBe(false);
    expect((await decide(now[0]?.id ?? 0)).status).toBe(200);
    expect((await findServableMedia(db, `${hashOf(shot)}-640.jpg`))?.public).toBe(true);
    expect((await findServableMedia(db, `${hashOf(logo)}-96.jpg`))?.public).toBe(true);
  });

  it('are refused with a field error in the request’s language, and nothing is stored', async () => {
    const product = await insertProduct(db, company.id, { status: 'pending', ownerId: founder.user.id });
    const objects = bucket.objects.size;
    const form = new FormData();
    form.set('kind', 'logo');
    form.set('file', new File(['<svg onload="alert(1)"/>'], 'logo.png', { type: 'image/png' }));
    const headers = { ...writeHeaders(founder.cookie), 'accept-language': 'en' };
    delete (headers as Record<string, string>)['content-type'];
    const res = await app.request(`/api/v1/products/${product.id}/media`, {
      method: 'POST',
      headers,
      body: form,
    });
    expect(res.status).toBe(415);
    const body = (await res.json()) as { code: string; errors: Record<string, string[]> };
    expect(body.code).toBe('invalid_upload');
    expect(body.errors.file?.[0]).toMatch(/Only PNG, JPEG or WebP/);
    expect(bucket.objects.size).toBe(objects);
    expect(await db.select().from(media).where(eq(media.productId, product.id))).toEqual([]);
  });
});

describe('a company’s logo and an event’s cover', () => {
  it('show on the public company page once verified, and on the event page', async () => {
    const own = await insertCompany(db, founder.user.id, { status: 'pending' });
    const res = await upload(`/api/v1/companies/${own.id}/media`, 'logo', png(300, 300, 60));
    expect(res.status).toBe(201);
    const logo = await json(res);
    expect((await app.request(`/api/v1/companies/${own.id}`)).status).toBe(404);
    await db.run(sql`UPDATE companies SET status = 'verified' WHERE id = ${own.id}`);
    const page = (await (await app.request(`/api/v1/companies/${own.id}`)).json()) as { logo: Stored | null };
    expect(page.logo?.variants.map((v) => v.url)).toEqual(logo.variants.map((v) => v.url));

    const event = await insertEvent(db, 'cover-event');
    const ctx = serviceContext(db, buildCatalog(), new Date(), {
      media: bucket,
      user: {
        id: organizer.user.id,
        email: organizer.user.email,
        name: '组织者',
        role: 'organizer',
        emailVerified: true,
      },
    });
    const cover = await uploadEventCover({ ctx, input: { slug: event.slug, file: png(1400, 800, 70) } });
    expect(cover.variants.map((v) => v.width)).toEqual([640, 1280]);
    const shown = await getEvent({ ctx, input: { slug: event.slug } });
    expect(shown.event.cover?.variants.map((v) => v.url)).toEqual(cover.variants.map((v) => v.url));
  });
});

describe('a company’s licence', () => {
  it('is on file only once uploaded, and only its owner and organizers can fetch it', async () => {
    const own = await insertCompany(db, founder.user.id);
    const ctx = ownerContext();
    expect((await getOwnCompanyMedia({ ctx, input: { companyId: own.id } })).licence).toBe(false);
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');
    expect((await upload(`/api/v1/companies/${own.id}/media`, 'licence', pdf)).status).toBe(201);
    expect((await getOwnCompanyMedia({ ctx, input: { companyId: own.id } })).licence).toBe(true);
    const read = (cookie?: string) =>
      app.request(`/api/v1/companies/${own.id}/licence`, { headers: cookie ? { cookie } : {} });
    const mine = await read(founder.cookie);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('cache-control')).toBe('private, no-store');
    expect(new TextDecoder().decode(await mine.arrayBuffer())).toContain('%PDF-1.4');
    expect((await read(organizer.cookie)).status).toBe(200);
    const stranger = await signedIn(db);
    expect((await read(stranger.cookie)).status).toBe(404);
    expect((await read()).status).toBe(404);
  });
});

describe('deleting an account', () => {
  it('deletes the pictures the person uploaded and their R2 objects', async () => {
    const leaving = await signedIn(db, { passwordHash: await hasher.hash(PASSWORD) });
    const theirs = await insertCompany(db, leaving.user.id);
    const product = await insertProduct(db, theirs.id, { status: 'pending', ownerId: leaving.user.id });
    const path = `/api/v1/products/${product.id}/media`;
    const shot = await json(await upload(path, 'screenshot', png(700, 400, 80), leaving.cookie));
    expect(bucket.objects.has(`media/${hashOf(shot)}-640.jpg`)).toBe(true);
    const res = await app.request('/api/v1/me', {
      method: 'DELETE',
      headers: writeHeaders(leaving.cookie),
      body: JSON.stringify({ password: PASSWORD }),
    });
    expect(res.status).toBe(204);
    expect(await db.select().from(media).where(eq(media.uploadedBy, leaving.user.id))).toEqual([]);
    // The objects go after the response (waitUntil); the cron erases whatever is still queued.
    await eraseDeletedMedia({ db }, bucket);
    expect(bucket.objects.has(`media/${hashOf(shot)}-640.jpg`)).toBe(false);
    expect(bucket.objects.has(`media/${hashOf(shot)}-700.jpg`)).toBe(false);
    expect(await db.select().from(mediaErasures)).toEqual([]);
  });
});
