/**
 * `npm run upload-cost`: what one upload costs the image Worker (decision 019). Starts a private
 * stack (the built portal and image Worker in workerd), then uploads pictures of three sizes as
 * screenshots and logos, one at a time, and prints the median and worst wall time per upload next to
 * a request that does no image work. On an idle machine the difference is the image Worker's CPU
 * (decode, resize, encode; the R2 writes and database round trips are local and ~10 ms).
 *   --runs N   uploads per size (default 7)
 */
import { parseArgs } from 'node:util';
import { PhotonImage } from '@cf-wasm/photon';
import { createClient } from '@libsql/client';
import { createSession, SESSION_COOKIE } from '~/functions/auth/session';
import { createDb } from '~/functions/db/client';
import { companies, products, users } from '~/functions/db/schema';
import { startPrivateStack } from './lib/private-stack';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Number(args.runs);
const NOW = '2026-11-25T10:00:00+08:00';

/** A photo-like test picture: gradients and noise, so the JPEG encoder has real work. */
function photo(width: number, height: number, seed: number): Uint8Array {
  const px = new Uint8Array(width * height * 4);
  let state = seed;
  for (let i = 0; i < width * height; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const x = i % width;
    const y = Math.floor(i / width);
    px[i * 4] = (x * 255) / width + (state % 24);
    px[i * 4 + 1] = (y * 255) / height + ((state >> 8) % 24);
    px[i * 4 + 2] = ((x + y) * 128) / (width + height) + ((state >> 16) % 24);
    px[i * 4 + 3] = 255;
  }
  const image = new PhotonImage(px, width, height);
  const jpeg = image.get_bytes_jpeg(80);
  image.free();
  return jpeg;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const stack = await startPrivateStack({
  vars: { PASSWORD_PEPPER: 'upload-cost-pepper-01', TEST_NOW: NOW },
  prefix: 'opc-upload-cost-',
});
try {
  const client = createClient({ url: stack.clientUrl });
  const db = createDb(client);
  const now = new Date(NOW);
  const [user] = await db
    .insert(users)
    .values({
      email: 'upload-cost@example.com',
      name: '测量',
      passwordHash: 'x',
      role: 'founder',
      emailVerifiedAt: now,
      consentVersion: '2026-11-01',
      consentedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: users.id });
  if (!user) throw new Error('no user');
  const [company] = await db
    .insert(companies)
    .values({
      name: '测量公司',
      creditCode: '91420100MA4K00001X',
      ownerId: user.id,
      founderName: '测量',
      district: 'jiangan',
      businessScope: '测量',
      status: 'verified',
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: companies.id });
  if (!company) throw new Error('no company');
  const { token } = await createSession(db, user.id, now);
  const headers = { origin: stack.url, cookie: `${SESSION_COOKIE}=${token}` };

  const newProduct = async () => {
    const [row] = await db
      .insert(products)
      .values({
        companyId: company.id,
        ownerId: user.id,
        name: '测量产品',
        tagline: '测量',
        description: '测量',
        website: 'https://example.com',
        kind: 'product',
        category: 'legal',
        tags: [],
        searchText: '测量',
        status: 'pending',
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: products.id });
    if (!row) throw new Error('no product');
    return row.id;
  };
  const time = async (url: string, init: RequestInit) => {
    const started = performance.now();
    const res = await fetch(url, init);
    await res.arrayBuffer();
    if (res.status >= 300) throw new Error(`${url}: ${res.status}`);
    return performance.now() - started;
  };

  const baseline: number[] = [];
  for (let i = 0; i < runs; i++) baseline.push(await time(`${stack.url}/api/v1/me`, { headers }));
  console.log(`no image work (GET /api/v1/me): median ${median(baseline).toFixed(0)} ms`);
  const sizes: Array<[string, number, number, 'screenshot' | 'logo']> = [
    ['logo 512 × 512', 512, 512, 'logo'],
    ['screenshot 1400 × 900', 1400, 900, 'screenshot'],
    ['photo 4000 × 3000 (12 MP)', 4000, 3000, 'screenshot'],
  ];
  for (const [label, width, height, kind] of sizes) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      // A new product each time (at most 4 screenshots each), a new picture each time (no reuse).
      const file = photo(width, height, i + 1);
      bytes = file.byteLength;
      const form = new FormData();
      form.set('kind', kind);
      form.set('file', new File([file as Uint8Array<ArrayBuffer>], 'photo.jpg', { type: 'image/jpeg' }));
      times.push(
        await time(`${stack.url}/api/v1/products/${await newProduct()}/media`, {
          method: 'POST',
          headers,
          body: form,
        }),
      );
    }
    console.log(
      `${label} (${(bytes / 1024).toFixed(0)} KB JPEG): median ${median(times).toFixed(0)} ms, worst ${Math.max(...times).toFixed(0)} ms per upload`,
    );
  }
  client.close();
} finally {
  await stack.stop();
}
