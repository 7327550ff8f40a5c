/**
 * Registers a founder's company for verification. The unique credit-code index decides duplicates in
 * one statement: a code already registered answers 409 — except the founder's own rejected company,
 * which the same statement updates with the corrected details and sends back to pending
 * (docs/decisions/010-submissions-and-moderation.md).
 */
import { sql } from 'drizzle-orm';
import { requireVerifiedUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { isUniqueViolation } from '../../db/errors';
import { companies } from '../../db/schema';
import { conflict } from '../../lib/errors';
import type { CreateCompany } from '../../schemas/submissions';
import { type OwnCompanyRow, ownCompanyColumns } from '../me/own-records';
import { enforceSubmitLimit } from '../me/submit-limit';

/** The credit code belongs to a company that is not this founder's rejected one. */
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
    website: input.website ?? null,
  };
  try {
    const [row] = await ctx.db
      .insert(companies)
      .values({
        ...details,
        creditCode: input.creditCode,
        ownerId: user.id,
        status: 'pending',
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .onConflictDoUpdate({
        target: companies.creditCode,
        set: {
          ...details,
          status: 'pending',
          rejectionReason: null,
          reviewedBy: null,
          reviewedAt: null,
          updatedAt: ctx.now,
        },
        setWhere: sql`${companies.status} = 'rejected' AND ${companies.ownerId} = ${user.id}`,
      })
      .returning(ownCompanyColumns);
    if (!row) throw creditCodeTaken();
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) throw creditCodeTaken();
    throw err;
  }
}
