/** One of the founder's companies with its applications (one round trip); 404 for anyone else's. */
import { and, eq } from 'drizzle-orm';
import { requireUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { communityMemberships, companies } from '../../db/schema';
import { companyNotFound } from '../../lib/errors';
import { membershipColumns, type OwnCompany, ownCompanyColumns } from './own-records';

export async function getOwnCompany({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number };
}): Promise<OwnCompany> {
  const user = requireUser(ctx);
  const { db } = ctx;
  const [rows, memberships] = await db.batch([
    db
      .select(ownCompanyColumns)
      .from(companies)
      .where(and(eq(companies.id, input.id), eq(companies.ownerId, user.id))),
    db
      .select(membershipColumns)
      .from(communityMemberships)
      .innerJoin(companies, eq(companies.id, communityMemberships.companyId))
      .where(and(eq(communityMemberships.companyId, input.id), eq(companies.ownerId, user.id))),
  ]);
  const [company] = rows;
  if (!company) throw companyNotFound();
  return { ...company, memberships };
}
