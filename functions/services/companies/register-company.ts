/**
 * Registers a founder's company for verification. A credit code is held by one live registration
 * (pending or verified, with an owner): the partial unique index decides duplicates, answering 409
 * while another live registration holds the code. The founder's own latest rejected registration of
 * the code is sent back to pending with the corrected details instead of adding a row; the same
 * index refuses that too when someone else registered the code meanwhile (decision 010).
 */
import { and, desc, eq } from 'drizzle-orm';
import { requireVerifiedUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { isUniqueViolation } from '../../db/errors';
import { companies } from '../../db/schema';
import { conflict } from '../../lib/errors';
import type { CreateCompany } from '../../schemas/submissions';
import { type OwnCompanyRow, ownCompanyColumns } from '../me/own-records';
import { enforceSubmitLimit } from '../me/submit-limit';

/** Another live registration holds the credit code. */
const creditCodeTaken = () => conflict('credit_code_taken', 'company.creditCodeTaken');

export async function registerCompany({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: CreateCompany;
}): Promise<OwnCompanyRow> {
  const user = requireVerifiedUser(ctx);
  await enforceSubmitLimit(ctx, user.id);
  const details = {
    name: input.name,
    founderName: input.founderName,
    district: input.district,
    businessScope: input.businessScope,
    nameEn: input.nameEn ?? null,
    businessScopeEn: input.businessScopeEn ?? null,
    website: input.website ?? null,
  };
  try {
    return await ctx.db.transaction(async (tx) => {
      const ownRejected = tx
        .select({ id: companies.id })
        .from(companies)
        .where(
          and(
            eq(companies.creditCode, input.creditCode),
            eq(companies.ownerId, user.id),
            eq(companies.status, 'rejected'),
          ),
        )
        .orderBy(desc(companies.id))
        .limit(1);
      const [resubmitted] = await tx
        .update(companies)
        .set({
          ...details,
          status: 'pending',
          rejectionReason: null,
          reviewedBy: null,
          reviewedAt: null,
          updatedAt: ctx.now,
        })
        .where(eq(companies.id, ownRejected))
        .returning(ownCompanyColumns);
      if (resubmitted) return resubmitted;
      const [created] = await tx
        .insert(companies)
        .values({
          ...details,
          creditCode: input.creditCode,
          ownerId: user.id,
          status: 'pending',
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning(ownCompanyColumns);
      if (!created) throw creditCodeTaken();
      return created;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw creditCodeTaken();
    throw err;
  }
}
