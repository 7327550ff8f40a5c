/**
 * A founder with a verified email submits a product or agent for one of their own companies; it waits
 * as pending until an organizer approves it (which needs the company verified).
 */
import { and, eq } from 'drizzle-orm';
import { requireVerifiedUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { companies, products } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { translate } from '../../lib/messages';
import type { CreateProduct } from '../../schemas/submissions';
import { type OwnProduct, productColumns } from '../me/own-records';
import { enforceSubmitLimit } from '../me/submit-limit';
import { productSearchText } from './product-search-text';

export async function submitProduct({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: CreateProduct;
}): Promise<OwnProduct> {
  const user = requireVerifiedUser(ctx);
  const [company] = await ctx.db
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(and(eq(companies.id, input.companyId), eq(companies.ownerId, user.id)));
  if (!company) {
    throw new AppError(
      403,
      'company_not_owned',
      'field.ownCompany',
      {},
      {
        companyId: [translate(ctx.locale, 'field.ownCompany')],
      },
    );
  }
  await enforceSubmitLimit(ctx, user.id);
  const { companyId, ...fields } = input;
  const [row] = await ctx.db
    .insert(products)
    .values({
      ...fields,
      companyId: company.id,
      ownerId: user.id,
      status: 'pending',
      searchText: productSearchText(fields),
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning(productColumns);
  if (!row) throw new Error('product insert returned no row');
  return { ...row, companyName: company.name, latestRevision: null };
}
