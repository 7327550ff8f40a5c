/**
 * Loaders of the 我的 pages (src/lib/page.ts): the form (POST to the page itself, 303 or 422), then
 * the data the view shows.
 */

import type { AstroGlobal } from 'astro';
import { z } from 'zod';
import { hasRole } from '~/functions/auth/guards';
import { parsePositiveId } from '~/functions/schemas/common';
import { ClearableProductFields, ProductFields, splitTags } from '~/functions/schemas/product-fields';
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
import { carrying, returnPath } from '~/src/lib/account-pages';
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

/** Registering a company continues to what the founder started (`?next=`), else the dashboard. */
export async function newCompanyPage(Astro: AstroGlobal) {
  const { ctx } = Astro.locals;
  const next = returnPath(Astro);
  const form = await handleForm(Astro, CreateCompany, async (input) => {
    await registerCompany({ ctx, input });
    return next ?? dashboardLink(Astro, 'company');
  });
  return form.redirect ? respond(form.redirect) : page({ form, next });
}

/**
 * 申请入驻 from a community page: with one company, straight to its application with the community
 * chosen; with several, a choice; with none, company registration first, which comes back here.
 */
export async function applyToCommunityPage(Astro: AstroGlobal) {
  const { ctx, locale } = Astro.locals;
  const community = ctx.catalog.communities.find((c) => c.slug === Astro.params.slug);
  if (!community) return notFound;
  const here = localizedPath(`/communities/${community.slug}/apply`, locale);
  const own = (await companyOptions({ ctx })).flatMap((c) =>
    c.status === 'pending' || c.status === 'verified' ? [{ ...c, status: c.status }] : [],
  );
  const applyLink = (id: number) =>
    `${localizedPath(`/me/companies/${id}/memberships/new`, locale)}?community=${community.slug}`;
  const [only] = own;
  if (own.length === 0)
    return respond(Astro.redirect(carrying(localizedPath('/me/companies/new', locale), here), 303));
  if (own.length === 1 && only) return respond(Astro.redirect(applyLink(only.id), 303));
  return page({
    community,
    choices: own.map((c) => ({ id: c.id, name: c.name, status: c.status, href: applyLink(c.id) })),
    registerHref: carrying(localizedPath('/me/companies/new', locale), here),
  });
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
  // 申请入驻 on a community page preselects it (`?community=`); a submitted choice wins.
  const preselected = Astro.url.searchParams.get('community');
  return page({
    form,
    company,
    communities,
    preselected: communities.some((c) => c.slug === preselected) ? preselected : null,
  });
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
    // Every field is on the form: an emptied optional one clears it.
    ProductFields.extend(ClearableProductFields),
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
