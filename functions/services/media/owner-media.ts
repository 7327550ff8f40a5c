/**
 * Single pictures that replace the one before: a company's logo and business licence (its owner)
 * and an event's cover (organizers). A company's logo is public once the company is verified; its
 * licence never is (decision 019). The event cover is public with the event.
 */
import { and, eq, sql } from 'drizzle-orm';
import { requireRole, requireUser, requireVerifiedUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { companies, events, media } from '../../db/schema';
import { companyNotFound, eventNotFound } from '../../lib/errors';
import { discardUpload, eraseSoon, putUpload } from './media-bucket';
import {
  currentMediaOf,
  type MediaRecord,
  mediaColumns,
  parseMediaJson,
  toMediaRecord,
} from './media-record';
import { processWith } from './upload-rules';

type Owner = { companyId: number; kind: 'logo' | 'licence' } | { eventId: number; kind: 'cover' };

async function replaceSingle(ctx: ServiceContext, owner: Owner, file: Uint8Array, uploadedBy: number) {
  const processed = await processWith(ctx.images, file, owner.kind, ctx.locale);
  const stored = await putUpload(ctx.media, processed, owner.kind);
  const { db } = ctx;
  const ownerColumn = 'companyId' in owner ? media.companyId : media.eventId;
  const ownerId = 'companyId' in owner ? owner.companyId : owner.eventId;
  try {
    const [, [row]] = await db.batch([
      db.delete(media).where(and(eq(ownerColumn, ownerId), eq(media.kind, owner.kind))),
      db
        .insert(media)
        .values({
          ...('companyId' in owner ? { companyId: owner.companyId } : { eventId: owner.eventId }),
          kind: owner.kind,
          state: 'current',
          hash: stored.hash,
          ext: stored.ext,
          variants: stored.variants,
          width: stored.width,
          height: stored.height,
          bytes: stored.bytes,
          uploadedBy,
          createdAt: ctx.now,
        })
        .returning(mediaColumns),
    ]);
    eraseSoon(ctx);
    if (!row) throw new Error('the insert returns its row');
    return toMediaRecord(row);
  } catch (err) {
    await discardUpload(ctx.media, stored, owner.kind);
    throw err;
  }
}

/** The owner sets their company's logo or business licence. */
export async function uploadCompanyMedia({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { companyId: number; kind: 'logo' | 'licence'; file: Uint8Array };
}): Promise<MediaRecord> {
  const user = requireVerifiedUser(ctx);
  const [company] = await ctx.db
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.id, input.companyId), eq(companies.ownerId, user.id)));
  if (!company) throw companyNotFound();
  return replaceSingle(ctx, { companyId: input.companyId, kind: input.kind }, input.file, user.id);
}

/** An organizer sets an event's cover. */
export async function uploadEventCover({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string; file: Uint8Array };
}): Promise<MediaRecord> {
  const user = requireRole(ctx, 'organizer');
  const [event] = await ctx.db.select({ id: events.id }).from(events).where(eq(events.slug, input.slug));
  if (!event) throw eventNotFound();
  return replaceSingle(ctx, { eventId: event.id, kind: 'cover' }, input.file, user.id);
}

/** The owner's view of a company's logo and whether a licence is on file; 404 for others. */
export async function getOwnCompanyMedia({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { companyId: number };
}): Promise<{
  company: { id: number; name: string; status: string };
  logo: MediaRecord | null;
  licence: boolean;
}> {
  const user = requireUser(ctx);
  const [company] = await ctx.db
    .select({
      id: companies.id,
      name: companies.name,
      status: companies.status,
      logo: currentMediaOf('company_id', companies.id, 'logo'),
      // Qualified by hand: drizzle leaves a one-table query's columns unqualified.
      licence: sql<number>`EXISTS (SELECT 1 FROM media AS m WHERE m.company_id = companies.id AND m.kind = 'licence')`,
    })
    .from(companies)
    .where(and(eq(companies.id, input.companyId), eq(companies.ownerId, user.id)));
  if (!company) throw companyNotFound();
  return {
    company: { id: company.id, name: company.name, status: company.status },
    logo: parseMediaJson(company.logo),
    licence: Boolean(company.licence),
  };
}
