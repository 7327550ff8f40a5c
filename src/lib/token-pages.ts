/**
 * Loaders of the token pages (decision 021): /me/tokens (a person's personal access tokens: create,
 * list, revoke) and /admin/tokens (every token, for organizers and admins). Without JavaScript.
 *
 * A new token is shown once. The form posts, redirects (303) and the page then shows the token: it
 * travels from the POST to that one GET in a short-lived HttpOnly cookie that the GET clears, so a
 * reload or the back button never shows it again, and the idempotency row of the form stores only
 * the redirect, never the secret.
 */
import type { AstroGlobal } from 'astro';
import { z } from 'zod';
import { TOKEN_PATTERN } from '~/functions/auth/scopes';
import { isSecureRequest } from '~/functions/auth/session';
import { CreateToken } from '~/functions/schemas/tokens';
import { createToken } from '~/functions/services/tokens/create-token';
import { listAllTokens, listMyTokens } from '~/functions/services/tokens/list-tokens';
import { revokeToken } from '~/functions/services/tokens/revoke-token';
import { localizedPath } from '~/src/i18n';
import { type FormState, handleForm } from '~/src/lib/forms';
import { type Loaded, page, respond } from '~/src/lib/page';

const NEW_TOKEN_COOKIE = 'opc_new_token';
export const TOKENS_DONE = ['created', 'revoked'] as const;
export type TokensDone = (typeof TOKENS_DONE)[number];

const TokenAction = z.discriminatedUnion('intent', [
  CreateToken.extend({ intent: z.literal('create') }),
  z.object({ intent: z.literal('revoke'), tokenId: z.string().regex(/^[a-z2-7]{16}$/) }),
]);

/** Checkboxes: none sent means none chosen; one sent is a string. */
const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export async function myTokensPage(Astro: AstroGlobal): Promise<
  Loaded<{
    form: FormState;
    done: TokensDone | null;
    tokens: Awaited<ReturnType<typeof listMyTokens>>;
    newToken: string | null;
  }>
> {
  const { ctx } = Astro.locals;
  const secure = isSecureRequest(Astro.url);
  const form = await handleForm(
    Astro,
    TokenAction,
    async (input) => {
      const here = localizedPath('/me/tokens', ctx.locale);
      if (input.intent === 'revoke') {
        await revokeToken({ ctx, id: input.tokenId });
        return `${here}?done=revoked`;
      }
      const { token } = await createToken({ ctx, input });
      Astro.cookies.set(NEW_TOKEN_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure,
        maxAge: 120,
      });
      return `${here}?done=created`;
    },
    { prepare: (values) => ({ ...values, scopes: asList(values.scopes) }) },
  );
  if (form.redirect) return respond(form.redirect);
  const tokens = await listMyTokens({ ctx });
  // The token made by this person's last form, shown this once (only while it is still theirs).
  const carried = Astro.cookies.get(NEW_TOKEN_COOKIE)?.value ?? null;
  if (carried !== null)
    Astro.cookies.set(NEW_TOKEN_COOKIE, '', {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure,
      maxAge: 0,
    });
  const carriedId = carried ? TOKEN_PATTERN.exec(carried)?.[1] : undefined;
  const newToken = carriedId && tokens.some((t) => t.id === carriedId) ? carried : null;
  const done = Astro.url.searchParams.get('done');
  return page({ form, done: TOKENS_DONE.find((d) => d === done) ?? null, tokens, newToken });
}

export async function adminTokensPage(
  Astro: AstroGlobal,
): Promise<Loaded<{ form: FormState; revoked: boolean; tokens: Awaited<ReturnType<typeof listAllTokens>> }>> {
  const { ctx } = Astro.locals;
  const form = await handleForm(
    Astro,
    z.object({ tokenId: z.string().regex(/^[a-z2-7]{16}$/) }),
    async (input) => {
      await revokeToken({ ctx, id: input.tokenId, asStaff: true });
      return `${localizedPath('/admin/tokens', ctx.locale)}?done=revoked`;
    },
  );
  if (form.redirect) return respond(form.redirect);
  return page({
    form,
    revoked: Astro.url.searchParams.get('done') === 'revoked',
    tokens: await listAllTokens({ ctx }),
  });
}
