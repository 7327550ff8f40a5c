/**
 * Uploads (issue 14, decision 019): a product's logo and screenshots, a company's logo and business
 * licence, as multipart forms (`file`, `kind`); the licence read back by its owner and organizers
 * only. Public variants are served at /media/… by the Worker (src/lib/media-response.ts).
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv, ServiceContext } from '../context';
import { notFound, validation } from '../lib/errors';
import { translate } from '../lib/messages';
import { jsonResponse, problemResponse } from '../schemas/api';
import { IdParams, positiveIdParam } from '../schemas/common';
import { MediaSchema } from '../schemas/media';
import { uploadCompanyMedia } from '../services/media/owner-media';
import { removeProductMedia, uploadProductMedia } from '../services/media/product-media';
import { getCompanyLicence } from '../services/media/serve-media';

const upload = (kinds: readonly [string, ...string[]]) =>
  z.object({
    file: z
      .any()
      .openapi({ type: 'string', format: 'binary', description: 'PNG, JPEG or WebP, at most 5 MB' }),
    kind: z.enum(kinds),
  });

const uploadErrors = {
  401: problemResponse('Not signed in'),
  403: problemResponse('Email not verified'),
  413: problemResponse('The file is larger than 5 MB'),
  415: problemResponse('The bytes are not a PNG, JPEG or WebP image (or a PDF, for a licence)'),
  422: problemResponse(
    'Empty, truncated, with something appended or embedded markup, too many pixels (over 12 MP) or too small; the field error is on `file`',
  ),
};

const productUploadRoute = createRoute({
  method: 'post',
  path: '/v1/products/{id}/media',
  operationId: 'uploadProductMedia',
  tags: ['submissions'],
  summary: "Upload your product's logo or a screenshot",
  description:
    'The image is checked and re-encoded into fixed variants (JPEG: logo 96 and 192 px squares; screenshot 640 and 1280 px wide, never enlarged), which drops all metadata. On an approved product the picture is `proposed` and waits in the pending revision; otherwise it is `current`. A new logo replaces the one before; at most 4 screenshots.',
  request: {
    params: IdParams,
    body: { required: true, content: { 'multipart/form-data': { schema: upload(['logo', 'screenshot']) } } },
  },
  responses: {
    201: jsonResponse(MediaSchema, 'The stored picture with its variant URLs'),
    ...uploadErrors,
    404: problemResponse('No such product of yours'),
    409: problemResponse('The product already has 4 screenshots, or its status changed during the upload'),
  },
});

const productDeleteRoute = createRoute({
  method: 'delete',
  path: '/v1/products/{id}/media/{mediaId}',
  operationId: 'deleteProductMedia',
  tags: ['submissions'],
  summary: 'Remove a picture of your product (at once, also from the public page)',
  request: { params: z.object({ id: positiveIdParam('id'), mediaId: positiveIdParam('mediaId', 7) }) },
  responses: {
    204: { description: 'Removed' },
    401: problemResponse('Not signed in'),
    403: problemResponse('Email not verified'),
    404: problemResponse('No such picture of a product of yours'),
    422: problemResponse('An id is not a positive integer'),
  },
});

const companyUploadRoute = createRoute({
  method: 'post',
  path: '/v1/companies/{id}/media',
  operationId: 'uploadCompanyMedia',
  tags: ['submissions'],
  summary: "Upload your company's logo or business licence",
  description:
    'A logo (public once the company is verified) or the business licence scan for verification (image or PDF), which only you and organizers can ever fetch, through GET /v1/companies/{id}/licence.',
  request: {
    params: IdParams,
    body: { required: true, content: { 'multipart/form-data': { schema: upload(['logo', 'licence']) } } },
  },
  responses: {
    201: jsonResponse(MediaSchema, 'The stored picture (for a licence: no public URLs)'),
    ...uploadErrors,
    404: problemResponse('No such company of yours'),
  },
});

const licenceRoute = createRoute({
  method: 'get',
  path: '/v1/companies/{id}/licence',
  operationId: 'getCompanyLicence',
  tags: ['submissions'],
  summary: "A company's business licence (its owner and organizers only)",
  request: { params: IdParams },
  responses: {
    200: {
      description: 'The licence: a JPEG or a PDF (as an attachment), never cached',
      content: { 'image/jpeg': { schema: z.any() }, 'application/pdf': { schema: z.any() } },
    },
    404: problemResponse('No such company, not yours, or no licence uploaded'),
    422: problemResponse('The id is not a positive integer'),
  },
});

/** An upload's kind and file (as bytes, or a field error in the request's language). */
async function uploadOf<K extends string>(ctx: ServiceContext, form: { kind: string; file?: unknown }) {
  return { kind: form.kind as K, file: await fileOf(form, ctx.locale) };
}

/** The multipart body's `file` as bytes, or a field error in the request's language. */
async function fileOf(
  form: Record<string, unknown>,
  locale: Parameters<typeof translate>[0],
): Promise<Uint8Array> {
  const file = form.file;
  if (!(file instanceof File)) throw validation({ file: [translate(locale, 'upload.fileMissing')] });
  return new Uint8Array(await file.arrayBuffer());
}

export function registerMedia(app: OpenAPIHono<AppEnv>) {
  app.openapi(productUploadRoute, async (c) => {
    const { kind, file } = await uploadOf<'logo' | 'screenshot'>(c.var.ctx, c.req.valid('form'));
    const productId = c.req.valid('param').id;
    return c.json(await uploadProductMedia({ ctx: c.var.ctx, input: { productId, kind, file } }), 201);
  });

  app.openapi(productDeleteRoute, async (c) => {
    const { id, mediaId } = c.req.valid('param');
    await removeProductMedia({ ctx: c.var.ctx, input: { productId: id, mediaId } });
    return c.body(null, 204);
  });

  app.openapi(companyUploadRoute, async (c) => {
    const { kind, file } = await uploadOf<'logo' | 'licence'>(c.var.ctx, c.req.valid('form'));
    const companyId = c.req.valid('param').id;
    const stored = await uploadCompanyMedia({ ctx: c.var.ctx, input: { companyId, kind, file } });
    // A licence has no public address: its variants' URLs are not shown.
    return c.json(kind === 'licence' ? { ...stored, variants: [] } : stored, 201);
  });

  app.openapi(licenceRoute, async (c) => {
    const ctx = c.var.ctx;
    const licence = await getCompanyLicence({ ctx, input: { companyId: c.req.valid('param').id } });
    const object = await ctx.media.get(licence.key);
    if (!object) throw notFound('licence_not_found');
    return new Response(object.body, {
      headers: {
        'content-type': licence.contentType,
        'cache-control': 'private, no-store',
        'content-disposition': `${licence.ext === 'pdf' ? 'attachment' : 'inline'}; filename="licence.${licence.ext}"`,
        'content-security-policy': "default-src 'none'; sandbox",
      },
    }) as never;
  });
}
