/**
 * The pictures pages of an owner (issue 14): a product's logo and screenshots, a company's logo and
 * business licence. Each form posts multipart to its own page (no JavaScript needed); the action is
 * checked with the shared schema, the file by the upload checks, and errors re-render beside the
 * file input in the page's language.
 */
import type { AstroGlobal } from 'astro';
import { validation } from '~/functions/lib/errors';
import type { Locale } from '~/functions/lib/locale';
import { translate } from '~/functions/lib/messages';
import { parsePositiveId } from '~/functions/schemas/common';
import { CompanyPictureAction, ProductPictureAction } from '~/functions/schemas/media';
import { getOwnCompanyMedia, uploadCompanyMedia } from '~/functions/services/media/owner-media';
import {
  listOwnProductMedia,
  moveProductScreenshot,
  removeProductMedia,
  uploadProductMedia,
} from '~/functions/services/media/product-media';
import { localizedPath } from '~/src/i18n';
import { pageForm } from '~/src/lib/form-body';
import { handleForm } from '~/src/lib/forms';
import { orNotFound } from '~/src/lib/list-page';
import { notFound, page, respond } from '~/src/lib/page';

/** Pages whose form carries a file: the middleware reads bodies up to the upload limit there. */
export const isUploadPage = (pathname: string): boolean =>
  /^(?:\/en)?\/(?:me\/(?:products|companies)\/[^/]+\/pictures|admin\/events\/[^/]+)$/.test(pathname);

/** The uploaded file's bytes, or the field error that asks for one. */
export async function uploadedFile(Astro: AstroGlobal, locale: Locale): Promise<Uint8Array> {
  const file = pageForm(Astro.locals).get('file');
  if (!(file instanceof File) || (file.size === 0 && file.name === ''))
    throw validation({ file: [translate(locale, 'upload.fileMissing')] });
  return new Uint8Array(await file.arrayBuffer());
}

/** What the last form did, shown after its redirect; never beside a form that just failed. */
const doneOf = (Astro: AstroGlobal) =>
  Astro.request.method === 'GET' ? Astro.url.searchParams.get('done') : null;

const done = (Astro: AstroGlobal, path: string, what: string) =>
  `${localizedPath(path, Astro.locals.locale)}?done=${what}`;

export async function productPicturesPage(Astro: AstroGlobal) {
  const { ctx } = Astro.locals;
  const productId = parsePositiveId(Astro.params.id);
  if (!productId) return notFound;
  const path = `/me/products/${productId}/pictures`;
  const form = await handleForm(Astro, ProductPictureAction, async (action) => {
    if (action.intent === 'upload') {
      const file = await uploadedFile(Astro, ctx.locale);
      await uploadProductMedia({ ctx, input: { productId, kind: action.kind, file } });
    } else if (action.intent === 'remove') {
      await removeProductMedia({ ctx, input: { productId, mediaId: action.mediaId } });
    } else {
      await moveProductScreenshot({
        ctx,
        input: { productId, mediaId: action.mediaId, direction: action.direction },
      });
    }
    return done(Astro, path, action.intent);
  });
  if (form.redirect) return respond(form.redirect);
  const own = await orNotFound(() => listOwnProductMedia({ ctx, input: { productId } }));
  if (!own) return notFound;
  return page({ form, ...own, done: doneOf(Astro), emailVerified: ctx.user?.emailVerified ?? false });
}

export async function companyPicturesPage(Astro: AstroGlobal) {
  const { ctx } = Astro.locals;
  const companyId = parsePositiveId(Astro.params.id);
  if (!companyId) return notFound;
  const form = await handleForm(Astro, CompanyPictureAction, async (action) => {
    const file = await uploadedFile(Astro, ctx.locale);
    await uploadCompanyMedia({ ctx, input: { companyId, kind: action.kind, file } });
    return done(Astro, `/me/companies/${companyId}/pictures`, action.kind);
  });
  if (form.redirect) return respond(form.redirect);
  const own = await orNotFound(() => getOwnCompanyMedia({ ctx, input: { companyId } }));
  if (!own) return notFound;
  return page({ form, ...own, done: doneOf(Astro), emailVerified: ctx.user?.emailVerified ?? false });
}
