/**
 * Loaders of the /admin pages (src/lib/page.ts; the page map keeps them to organizers and admins).
 * Each queue row has its own decision form posting to the page; success answers 303 back to it.
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
import { listAdminContests } from '~/functions/services/judging/list-admin-contests';
import { decideCompany } from '~/functions/services/moderation/decide-company';
import { decideMembership } from '~/functions/services/moderation/decide-membership';
import { decideProduct } from '~/functions/services/moderation/decide-product';
import { decideRevision } from '~/functions/services/moderation/decide-revision';
import { getModerationOverview } from '~/functions/services/moderation/get-moderation-overview';
import { getProductQueues } from '~/functions/services/moderation/get-product-queues';
import { listCompanyQueue } from '~/functions/services/moderation/list-company-queue';
import { listMembershipQueue } from '~/functions/services/moderation/list-membership-queue';
import { localizedPath } from '~/src/i18n';
import { handleForm } from '~/src/lib/forms';
import { firstPageOnBadCursor, parseListQuery } from '~/src/lib/list-page';
import { page, respond } from '~/src/lib/page';

const QUEUE_PAGE = 20;

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
  const { ctx } = Astro.locals;
  return page({ overview: await getModerationOverview({ ctx }), isAdmin: hasRole(ctx.user, 'admin') });
}

export async function adminCompaniesPage(Astro: AstroGlobal) {
  const { ctx } = Astro.locals;
  const form = await handleForm(Astro, z.object({ id: PositiveId }).and(CompanyDecision), async (input) => {
    await decideCompany({ ctx, input });
    return backHere(Astro);
  });
  if (form.redirect) return respond(form.redirect);
  const query = pageOf(Astro);
  const queue = await firstPageOnBadCursor(
    (cursor) => listCompanyQueue({ ctx, input: { ...query, cursor, status: 'pending' } }),
    query.cursor,
  );
  return page({ form, queue, done: doneOf(Astro) });
}

export async function adminProductsPage(Astro: AstroGlobal) {
  const { ctx } = Astro.locals;
  const schema = z.object({ id: PositiveId, target: z.enum(['product', 'revision']) }).and(ProductDecision);
  const form = await handleForm(Astro, schema, async ({ target, ...input }) => {
    await (target === 'product' ? decideProduct({ ctx, input }) : decideRevision({ ctx, input }));
    return backHere(Astro);
  });
  if (form.redirect) return respond(form.redirect);
  // Two short queues on one page, each its first page (older items come first, so nothing starves).
  return page({
    form,
    ...(await getProductQueues({ ctx, input: { limit: QUEUE_PAGE } })),
    done: doneOf(Astro),
  });
}

export async function adminMembershipsPage(Astro: AstroGlobal) {
  const { ctx } = Astro.locals;
  const form = await handleForm(
    Astro,
    z.object({ id: PositiveId }).and(MembershipDecision),
    async (input) => {
      await decideMembership({ ctx, input });
      return backHere(Astro);
    },
  );
  if (form.redirect) return respond(form.redirect);
  const query = pageOf(Astro);
  const queue = await firstPageOnBadCursor(
    (cursor) => listMembershipQueue({ ctx, input: { ...query, cursor, status: 'pending' } }),
    query.cursor,
  );
  return page({ form, queue, done: doneOf(Astro) });
}

export async function adminRolesPage(Astro: AstroGlobal) {
  const { ctx } = Astro.locals;
  const form = await handleForm(Astro, SetRoleByEmail, async (input) => {
    await setUserRole({ ctx, input });
    return backHere(Astro);
  });
  if (form.redirect) return respond(form.redirect);
  return page({ form, staff: await listStaff({ ctx }), selfId: ctx.user?.id ?? 0, done: doneOf(Astro) });
}

export async function adminAuditPage(Astro: AstroGlobal) {
  const { ctx } = Astro.locals;
  const query = parseListQuery(PageQuery, Astro.url);
  const list = await firstPageOnBadCursor(
    (cursor) => listAudit({ ctx, input: { ...query, cursor } }),
    query.cursor,
  );
  return page({ items: list.items, nextCursor: list.nextCursor, firstPage: query.cursor === undefined });
}

export async function adminContestsPage(Astro: AstroGlobal) {
  return page({ contests: await listAdminContests({ ctx: Astro.locals.ctx }) });
}
