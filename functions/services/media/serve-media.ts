/**
 * Who may fetch a stored picture (decision 019). A variant is public when a `current` row with its
 * hash belongs to an approved product, a verified company or a published (or cancelled) event; the
 * owner of what it belongs to, whoever uploaded it and organizers may also see it before then (a
 * preview, never cached). A licence is never served here: only through the company's licence route.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { hasRole } from '../../auth/guards';
import type { RequestUser, ServiceContext } from '../../context';
import type { Db } from '../../db/client';
import { companies, events, media, products } from '../../db/schema';
import { companyNotFound, notFound } from '../../lib/errors';
import { objectKeys } from './media-bucket';

export interface ServableMedia {
  key: string;
  contentType: string;
  /** Public: anyone, cached for a year. Otherwise only these people (and organizers). */
  public: boolean;
  viewers: number[];
}

const FILE = /^([0-9a-f]{32})-(\d{1,5})\.(jpg)$/;

/** The variant a `/media/{file}` path names, if it exists and is not a licence; one round trip. */
export async function findServableMedia(db: Db, file: string): Promise<ServableMedia | null> {
  const match = FILE.exec(file);
  if (!match) return null;
  const [, hash = '', widthText = '', ext = ''] = match;
  const width = Number(widthText);
  const rows = await db
    .select({
      variants: media.variants,
      uploadedBy: media.uploadedBy,
      owner: sql<number | null>`coalesce(${products.ownerId}, ${companies.ownerId})`,
      public: sql<number>`${media.state} = 'current' AND (${products.status} = 'approved'
        OR ${companies.status} = 'verified' OR ${events.status} IN ('published', 'cancelled'))`,
    })
    .from(media)
    .leftJoin(products, eq(products.id, media.productId))
    .leftJoin(companies, eq(companies.id, media.companyId))
    .leftJoin(events, eq(events.id, media.eventId))
    .where(
      and(eq(media.hash, hash), eq(media.ext, ext), inArray(media.kind, ['logo', 'screenshot', 'cover'])),
    );
  const found = rows.filter((r) => r.variants.includes(width));
  if (found.length === 0) return null;
  return {
    key: `media/${hash}-${width}.${ext}`,
    contentType: 'image/jpeg',
    public: found.some((r) => Boolean(r.public)),
    viewers: found.flatMap((r) => [r.uploadedBy, r.owner].filter((id): id is number => id !== null)),
  };
}

export const mayPreview = (found: ServableMedia, user: RequestUser | null): boolean =>
  user !== null && (found.viewers.includes(user.id) || hasRole(user, 'organizer'));

/**
 * A company's business licence, for its owner and organizers only; anyone else gets 404 as if there
 * were no company (nothing says a licence exists).
 */
export async function getCompanyLicence({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { companyId: number };
}): Promise<{ key: string; ext: string; contentType: string }> {
  const user = ctx.user;
  if (!user) throw companyNotFound();
  const [row] = await ctx.db
    .select({ hash: media.hash, ext: media.ext, variants: media.variants, owner: companies.ownerId })
    .from(companies)
    .leftJoin(media, and(eq(media.companyId, companies.id), eq(media.kind, 'licence')))
    .where(eq(companies.id, input.companyId));
  if (!row || (row.owner !== user.id && !hasRole(user, 'organizer'))) throw companyNotFound();
  if (!row.hash || !row.ext || !row.variants) throw notFound('licence_not_found');
  const keys = objectKeys({ hash: row.hash, ext: row.ext, variants: row.variants, kind: 'licence' });
  return {
    key: keys[keys.length - 1] as string,
    ext: row.ext,
    contentType: row.ext === 'pdf' ? 'application/pdf' : 'image/jpeg',
  };
}
