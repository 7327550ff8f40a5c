/**
 * The logic of the /admin pages, shared by the zh and en page files. Anonymous visitors are sent to
 * sign in; signed-in users without the role get the localized 403 view (null). Each queue row has
 * its own decision form posting to the page; success answers 303 back to the page.
 */
import type { AstroGlobal } from 'astro';
import { z } from 'zod';
import { hasRole } from '~/functions/auth/guards';
import { PositiveId } from '~/functions/schemas/common';
import { PageQuery } from '~/functions/schemas/pagination';
import {
  CompanyDecision,
  MembershipDecision,
  ProductDecision,
  SetRoleByEmail,
} from '~/functions/schemas/submissions';
import { listAudit } from '~/functions/services/admin/list-audit';
import { listStaff } from '~/functions/services/admin/list-staff';
import { setUserRole } from '~/functions/services/admin/set-role';
import { decideCompany } from '~/functions/services/moderation/decide-company';
import { decideMembership } from '~/functions/services/moderation/decide-membership';
import { decideProduct } from '~/functions/services/moderation/decide-product';
import { decideRevision } from '~/functions/services/moderation/decide-revision';
import {
  getModerationOverview,
  getProductQueues,
  listCompanyQueue,
  listMembershipQueue,
} from '~/functions/services/moderation/queues';
import { localizedPath } from '~/src/i18n';
import { signInRedirect } from '~/src/lib/auth-redirect';
import { handleForm } from '~/src/lib/forms';
import { firstPageOnBadCursor, parseListQuery } from '~/src/lib/list-page';

const QUEUE_PAGE = 20;

/** A Response (sign in), false (403: the view shows the localized error), or true. */
function guard(Astro: AstroGlobal, role: 'organizer' | 'admin'): Response | boolean {
  const redirect = signInRedirect(Astro);
  if (redirect) return redirect;
  if (hasRole(Astro.locals.ctx.user, role)) return true;
  Astro.response.status = 403;
  return false;
}

const backHere = (Astro: AstroGlobal) => `${localizedPath(Astro.url.pathname, Astro.locals.locale)}?done=1`;
const pageOf = (Astro: AstroGlobal) => {
  const parsed = PageQuery.safeParse({
    cursor: Astro.url.searchParams.get('cursor') ?? undefined,
    limit: QUEUE_PAGE,
  });
  return parsed.success ? parsed.data : { limit: QUEUE_PAGE };
};
const doneOf = (Astro: AstroGlobal) => Astro.url.searchParams.has('done');

export async function adminOverviewPage(Astro: AstroGlobal) {
  const allowed = guard(Astro, 'organizer');
  if (allowed !== true) return allowed || null;
  const { ctx } = Astro.locals;
  return { overview: await getModerationOverview({ ctx }), isAdmin: hasRole(ctx.user, 'admin') };
}

export async function adminCompaniesPage(Astro: AstroGlobal) {
  const allowed = guard(Astro, 'organizer');
  if (allowed !== true) return allowed || null;
  const { ctx } = Astro.locals;
  const form = await handleForm(Astro, z.object({ id: PositiveId }).and(CompanyDecision), async (input) => {
    await decideCompany({ ctx, input });
    return backHere(Astro);
  });
  if (form.redirect) return form.redirect;
  const query = pageOf(Astro);
  const queue = await firstPageOnBadCursor(
    (cursor) => listCompanyQueue({ ctx, input: { ...query, cursor, status: 'pending' } }),
    query.cursor,
  );
  return { form, queue, done: doneOf(Astro) };
}

export async function adminProductsPage(Astro: AstroGlobal) {
  const allowed = guard(Astro, 'organizer');
  if (allowed !== true) return allowed || null;
  const { ctx } = Astro.locals;
  const schema = z.object({ id: PositiveId, target: z.enum(['product', 'revision']) }).and(ProductDecision);
  const form = await handleForm(Astro, schema, async ({ target, ...input }) => {
    await (target === 'product' ? decideProduct({ ctx, input }) : decideRevision({ ctx, input }));
    return backHere(Astro);
  });
  if (form.redirect) return form.redirect;
  // Two short queues on one page, each its first page (older items come first, so nothing starves).
  return { form, ...(await getProductQueues({ ctx, input: { limit: QUEUE_PAGE } })), done: doneOf(Astro) };
}

export async function adminMembershipsPage(Astro: AstroGlobal) {
  const allowed = guard(Astro, 'organizer');
  if (allowed !== true) return allowed || null;
  const { ctx } = Astro.locals;
  const form = await handleForm(
    Astro,
    z.object({ id: PositiveId }).and(MembershipDecision),
    async (input) => {
      await decideMembership({ ctx, input });
      return backHere(Astro);
    },
  );
  if (form.redirect) return form.redirect;
  const query = pageOf(Astro);
  const queue = await firstPageOnBadCursor(
    (cursor) => listMembershipQueue({ ctx, input: { ...query, cursor, status: 'pending' } }),
    query.cursor,
  );
  return { form, queue, done: doneOf(Astro) };
}

export async function adminRolesPage(Astro: AstroGlobal) {
  const allowed = guard(Astro, 'admin');
  if (allowed !== true) return allowed || null;
  const { ctx } = Astro.locals;
  const form = await handleForm(Astro, SetRoleByEmail, async (input) => {
    await setUserRole({ ctx, input });
    return backHere(Astro);
  });
  if (form.redirect) return form.redirect;
  return { form, staff: await listStaff({ ctx }), selfId: ctx.user?.id ?? 0, done: doneOf(Astro) };
}

export async function adminAuditPage(Astro: AstroGlobal) {
  const allowed = guard(Astro, 'admin');
  if (allowed !== true) return allowed || null;
  const { ctx } = Astro.locals;
  const query = parseListQuery(PageQuery, Astro.url);
  const page = await firstPageOnBadCursor(
    (cursor) => listAudit({ ctx, input: { ...query, cursor } }),
    query.cursor,
  );
  return { items: page.items, nextCursor: page.nextCursor, firstPage: query.cursor === undefined };
}
