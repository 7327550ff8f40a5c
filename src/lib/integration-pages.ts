/**
 * Loaders of the pages for other systems (decision 021): /me/tokens (a person's personal access
 * tokens: create, list, revoke), /admin/tokens (every token, for organizers and admins) and
 * /admin/webhooks (endpoints and their deliveries). Without JavaScript.
 * A new token is shown once (src/lib/shown-once.ts).
 */
import type { AstroGlobal } from 'astro';
import { z } from 'zod';
import { TOKEN_PATTERN } from '~/functions/auth/scopes';
import { CreateToken } from '~/functions/schemas/tokens';
import { CreateWebhook } from '~/functions/schemas/webhooks';
import { createToken } from '~/functions/services/tokens/create-token';
import { listAllTokens, listMyTokens } from '~/functions/services/tokens/list-tokens';
import { revokeToken } from '~/functions/services/tokens/revoke-token';
import { createWebhook, deleteWebhook, listWebhooks } from '~/functions/services/webhooks/manage-endpoints';
import { localizedPath } from '~/src/i18n';
import { type FormState, handleForm } from '~/src/lib/forms';
import { type Loaded, page, respond } from '~/src/lib/page';
import { carryOnce, takeCarried } from '~/src/lib/shown-once';

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
      carryOnce(Astro, NEW_TOKEN_COOKIE, here, token);
      return `${here}?done=created`;
    },
    { prepare: (values) => ({ ...values, scopes: asList(values.scopes) }) },
  );
  if (form.redirect) return respond(form.redirect);
  const tokens = await listMyTokens({ ctx });
  // The token made by this person's last form, shown this once (only while it is still theirs).
  const carried = takeCarried(Astro, NEW_TOKEN_COOKIE, localizedPath('/me/tokens', ctx.locale));
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
    z.object({ intent: z.literal('revoke'), tokenId: z.string().regex(/^[a-z2-7]{16}$/) }),
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

const NEW_SECRET_COOKIE = 'opc_new_webhook_secret';
const WebhookAction = z.discriminatedUnion('intent', [
  CreateWebhook.extend({ intent: z.literal('create') }),
  z.object({ intent: z.literal('delete'), webhookId: z.coerce.number().int().positive() }),
]);

/** /admin/webhooks: register an endpoint (its secret shown once), see deliveries, delete one. */
export async function adminWebhooksPage(Astro: AstroGlobal): Promise<
  Loaded<{
    form: FormState;
    done: 'created' | 'deleted' | null;
    endpoints: Awaited<ReturnType<typeof listWebhooks>>;
    newSecret: string | null;
  }>
> {
  const { ctx } = Astro.locals;
  const here = localizedPath('/admin/webhooks', ctx.locale);
  const form = await handleForm(
    Astro,
    WebhookAction,
    async (input) => {
      if (input.intent === 'delete') {
        await deleteWebhook({ ctx, id: input.webhookId });
        return `${here}?done=deleted`;
      }
      const { secret } = await createWebhook({ ctx, input });
      carryOnce(Astro, NEW_SECRET_COOKIE, here, secret);
      return `${here}?done=created`;
    },
    { prepare: (values) => ({ ...values, events: asList(values.events) }) },
  );
  if (form.redirect) return respond(form.redirect);
  const carried = takeCarried(Astro, NEW_SECRET_COOKIE, here);
  const done = Astro.url.searchParams.get('done');
  return page({
    form,
    done: done === 'created' || done === 'deleted' ? done : null,
    endpoints: await listWebhooks({ ctx }),
    newSecret: carried && /^whsec_[A-Za-z0-9+/=]+$/.test(carried) ? carried : null,
  });
}
