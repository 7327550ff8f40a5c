/**
 * Loaders of the 我的 pages (src/lib/page.ts): the form (POST to the page itself, 303 or 422), then
 * the data the view shows.
 */

import type { AstroGlobal } from 'astro';
import { z } from 'zod';
import { hasRole } from '~/functions/auth/guards';
import { parsePositiveId } from '~/functions/schemas/common';
import { ProductFields, splitTags } from '~/functions/schemas/product-fields';
import { ApplyMembership, CreateCompany, CreateProduct } from '~/functions/schemas/submissions';
import { resendVerification } from '~/functions/services/accounts/resend-verification';
import { registerCompany } from '~/functions/services/companies/register-company';
import { companyOptions } from '~/functions/services/me/company-options';
import { getDashboard } from '~/functions/services/me/get-dashboard';
import { getOwnCompany } from '~/functions/services/me/get-own-company';
import { applyMembership } from '~/functions/services/memberships/apply-membership';
import { editProduct } from '~/functions/services/products/edit-product';
import { getOwnProduct } from '~/functions/services/products/get-own-product';
import { draftOf } from '~/functions/services/products/shared';
import { submitProduct } from '~/functions/services/products/submit-product';
import { localizedPath } from '~/src/i18n';
import { handleForm } from '~/src/lib/forms';
import { orNotFound } from '~/src/lib/list-page';
import { notFound, page, respond } from '~/src/lib/page';

export const DONE = ['company', 'membership', 'product', 'updated', 'revision'] as const;
export type Done = (typeof DONE)[number];

/** Notices after a redirect from another page, by a fixed key in `?notice=` (never free text). */
export const ME_NOTICES = { 'email-verified': 'me.notice.emailVerified' } as const;
export type MeNotice = (typeof ME_NOTICES)[keyof typeof ME_NOTICES];

const dashboardLink = (Astro: AstroGlobal, done: Done) =>
  `${localizedPath('/me', Astro.locals.locale)}?done=${done}`;
const withTags = (values: Record<string, string | string[]>) => ({
  ...values,
  tags: splitTags(values.tags ?? ''),
});
const idParam = (Astro: AstroGlobal) => parsePositiveId(Astro.params.id);

/** 我的 offers to send the verification mail again while the address is not verified. */
const ResendVerification = z.object({ intent: z.literal('resend-verification') });

export async function dashboardPage(Astro: AstroGlobal) {
  const { ctx } = Astro.locals;
  const form = await handleForm(Astro, ResendVerification, async () => {
    await resendVerification({ ctx });
    return `${localizedPath('/me', Astro.locals.locale)}?resent=1#verify-email`;
  });
  if (form.redirect) return respond(form.redirect);
  const done = Astro.url.searchParams.get('done');
  const notice = Astro.url.searchParams.get('notice') ?? '';
  return page({
    ...(await getDashboard({ ctx })),
    form,
    email: ctx.user?.email ?? '',
    resent: Astro.url.searchParams.get('resent') === '1',
    devOutbox: !Astro.locals.config.isProduction,
    emailVerified: ctx.user?.emailVerified ?? false,
    isOrganizer: hasRole(ctx.user, 'organizer'),
    done: DONE.find((d) => d === done) ?? null,
    notice: Object.hasOwn(ME_NOTICES, notice) ? ME_NOTICES[notice as keyof typeof ME_NOTICES] : null,
  });
}

export async function newCompanyPage(Astro: AstroGlobal) {
  const { ctx } = Astro.locals;
  const form = await handleForm(Astro, CreateCompany, async (input) => {
    await registerCompany({ ctx, input });
    return dashboardLink(Astro, 'company');
  });
  return form.redirect ? respond(form.redirect) : page({ form });
}

export async function newMembershipPage(Astro: AstroGlobal) {
  const { ctx } = Astro.locals;
  const companyId = idParam(Astro);
  const form = await handleForm(Astro, ApplyMembership, async (input) => {
    await applyMembership({ ctx, input: { ...input, companyId: companyId ?? 0 } });
    return dashboardLink(Astro, 'membership');
  });
  if (form.redirect) return respond(form.redirect);
  const company = companyId ? await orNotFound(() => getOwnCompany({ ctx, input: { id: companyId } })) : null;
  if (!company) return notFound;
  // Open applications and memberships are not offered again; a declined one may be reopened.
  const taken = new Set(
    company.memberships.filter((m) => m.status !== 'declined').map((m) => m.communitySlug),
  );
  const communities = ctx.catalog.communities.filter((c) => !taken.has(c.slug));
  return page({ form, company, communities });
}

export async function newProductPage(Astro: AstroGlobal) {
  const { ctx } = Astro.locals;
  const form = await handleForm(
    Astro,
    CreateProduct,
    async (input) => {
      await submitProduct({ ctx, input });
      return dashboardLink(Astro, 'product');
    },
    { prepare: withTags },
  );
  if (form.redirect) return respond(form.redirect);
  return page({
    form,
    companies: await companyOptions({ ctx }),
    emailVerified: ctx.user?.emailVerified ?? false,
  });
}

export async function editProductPage(Astro: AstroGlobal) {
  const { ctx } = Astro.locals;
  const id = idParam(Astro);
  const form = await handleForm(
    Astro,
    ProductFields,
    async (patch) => {
      const { outcome } = await editProduct({ ctx, input: { id: id ?? 0, patch } });
      return dashboardLink(Astro, outcome === 'revision' ? 'revision' : 'updated');
    },
    { prepare: withTags },
  );
  if (form.redirect) return respond(form.redirect);
  const product = id ? await orNotFound(() => getOwnProduct({ ctx, input: { id } })) : null;
  if (!product) return notFound;
  return page({ form, product, draft: draftOf(product), emailVerified: ctx.user?.emailVerified ?? false });
}
