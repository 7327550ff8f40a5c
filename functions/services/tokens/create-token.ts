/**
 * Creates a personal access token for the signed-in person (decision 021). The scopes must be ones
 * their role may hold; the expiry is at most a year. The token is returned once: only its secret's
 * hash is kept. The insert itself refuses a person's 21st live token, so parallel requests cannot pass
 * the cap, and the audit row is written in the same batch only when the token was.
 */
import { and, count, eq, gt, sql } from 'drizzle-orm';
import { newAccessToken } from '../../auth/access-token';
import { requireUser } from '../../auth/guards';
import { scopesForRole } from '../../auth/scopes';
import type { ServiceContext } from '../../context';
import { accessTokens } from '../../db/schema';
import { auditInsertWhere } from '../../lib/audit';
import { conflict, validation } from '../../lib/errors';
import { translate } from '../../lib/messages';
import { type CreateToken, TOKENS_PER_USER } from '../../schemas/tokens';
import { type TokenRow, toTokenSummary } from './shared';

export async function createToken({ ctx, input }: { ctx: ServiceContext; input: CreateToken }) {
  const user = requireUser(ctx);
  const allowed = scopesForRole(user.role);
  if (input.scopes.some((scope) => !allowed.includes(scope)))
    throw validation({ scopes: [translate(ctx.locale, 'field.invalid')] });
  const { id, secretHash, token } = newAccessToken();
  const row: TokenRow = {
    id,
    name: input.name,
    scopes: input.scopes,
    createdAt: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + input.expiresInDays * 86_400_000),
    lastUsedAt: null,
  };
  const live = ctx.db
    .select({ n: count() })
    .from(accessTokens)
    .where(and(eq(accessTokens.userId, user.id), gt(accessTokens.expiresAt, ctx.now)));
  const [inserted] = await ctx.db.batch([
    ctx.db.run(sql`insert into ${accessTokens}
      (id, user_id, name, scopes, secret_hash, created_at, expires_at)
      select ${id}, ${user.id}, ${row.name}, ${JSON.stringify(row.scopes)}, ${secretHash},
        ${row.createdAt.getTime()}, ${row.expiresAt.getTime()}
      where (${live}) < ${TOKENS_PER_USER}`),
    auditInsertWhere(
      ctx,
      {
        action: 'token.create',
        targetType: 'access_token',
        targetId: id,
        after: { name: row.name, scopes: row.scopes, expiresAt: row.expiresAt.toISOString() },
        actor: user,
      },
      sql`exists (select 1 from ${accessTokens} where ${accessTokens.id} = ${id})`,
    ),
  ]);
  if (inserted.rowsAffected === 0)
    throw conflict('token_limit', 'error.tokenLimit', { limit: TOKENS_PER_USER });
  return { ...toTokenSummary(row), token };
}
