/** Choices for team forms: a company's approved products. */
import { and, asc, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { products } from '../../db/schema';

export async function companyProductOptions({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { companyId: number | null };
}) {
  if (input.companyId === null) return [];
  return ctx.db
    .select({ id: products.id, name: products.name })
    .from(products)
    .where(and(eq(products.companyId, input.companyId), eq(products.status, 'approved')))
    .orderBy(asc(products.name));
}
