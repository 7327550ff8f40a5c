/**
 * Loaders of the account settings (/me/account) and of the email-change link (/me/confirm-email).
 * The settings page has one small form per change, all posting to the page and told apart by a hidden
 * `intent`; each form's fields have names of their own (one page, one id per control), mapped to the
 * shared schemas' fields here and back for the services' field errors.
 */
import type { AstroGlobal } from 'astro';
import { z } from 'zod';
import { AppError, isAppError } from '~/functions/lib/errors';
import {
  ChangeEmail,
  ChangeName,
  ChangePassword,
  ConfirmEmailChange,
} from '~/functions/schemas/account-changes';
import { DeleteAccount } from '~/functions/schemas/auth';
import { changeName } from '~/functions/services/accounts/change-name';
import { changePassword } from '~/functions/services/accounts/change-password';
import { confirmEmailChange } from '~/functions/services/accounts/confirm-email-change';
import { deleteAccount } from '~/functions/services/accounts/delete-account';
import { type Account, getAccount } from '~/functions/services/accounts/get-account';
import { requestEmailChange } from '~/functions/services/accounts/request-email-change';
import { resendVerification } from '~/functions/services/accounts/resend-verification';
import { signOutEverywhere } from '~/functions/services/accounts/sign-out-everywhere';
import { localizedPath } from '~/src/i18n';
import { type FormState, handleForm } from '~/src/lib/forms';
import { type Loaded, page, respond } from '~/src/lib/page';
import { clearSessionCookie } from '~/src/lib/session-cookie';

/** What the settings page confirms after a redirect, by a fixed key in `?done=` (never free text). */
export const ACCOUNT_DONE = ['resent', 'name', 'email-sent', 'email', 'password'] as const;
export type AccountDone = (typeof ACCOUNT_DONE)[number];

const here = (Astro: AstroGlobal, path: string) => localizedPath(path, Astro.locals.locale);

/** The forms of the settings page, told apart by a hidden `intent`. */
const AccountAction = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('change-name'), name: ChangeName.shape.name }),
  z.object({
    intent: z.literal('change-email'),
    newEmail: ChangeEmail.shape.email,
    emailPassword: ChangeEmail.shape.currentPassword,
  }),
  z.object({
    intent: z.literal('change-password'),
    currentPassword: ChangePassword.shape.currentPassword,
    newPassword: ChangePassword.shape.password,
  }),
  z.object({ intent: z.literal('resend-verification') }),
  z.object({ intent: z.literal('sign-out-everywhere') }),
  DeleteAccount.extend({ intent: z.literal('delete-account') }),
]);

/** A service's field errors under the names of the page's controls. */
async function renamingFields<T>(names: Record<string, string>, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!isAppError(err) || !err.fieldErrors) throw err;
    const errors = Object.fromEntries(
      Object.entries(err.fieldErrors).map(([field, messages]) => [names[field] ?? field, messages]),
    );
    throw new AppError(err.status, err.code, err.messageKey, err.params, errors);
  }
}

export async function accountPage(
  Astro: AstroGlobal,
): Promise<Loaded<{ form: FormState; done: AccountDone | null; account: Account; devOutbox: boolean }>> {
  const { ctx } = Astro.locals;
  const settings = (done: AccountDone) => `${here(Astro, '/me/account')}?done=${done}`;
  const form = await handleForm(Astro, AccountAction, async (input) => {
    switch (input.intent) {
      case 'change-name':
        await changeName({ ctx, input: { name: input.name } });
        return settings('name');
      case 'change-email':
        await renamingFields({ email: 'newEmail', currentPassword: 'emailPassword' }, () =>
          requestEmailChange({ ctx, input: { email: input.newEmail, currentPassword: input.emailPassword } }),
        );
        return settings('email-sent');
      case 'change-password':
        await renamingFields({ password: 'newPassword' }, () =>
          changePassword({
            ctx,
            input: { currentPassword: input.currentPassword, password: input.newPassword },
          }),
        );
        return settings('password');
      case 'resend-verification':
        await resendVerification({ ctx });
        return settings('resent');
      case 'sign-out-everywhere':
        await signOutEverywhere({ ctx });
        clearSessionCookie(Astro.cookies, Astro.url);
        return `${here(Astro, '/signin')}?notice=signed-out-everywhere`;
      case 'delete-account':
        await deleteAccount({ ctx, input: { password: input.password } });
        clearSessionCookie(Astro.cookies, Astro.url);
        return `${here(Astro, '/signin')}?notice=account-deleted`;
    }
  });
  if (form.redirect) return respond(form.redirect);
  const done = Astro.url.searchParams.get('done');
  return page({
    form,
    done: ACCOUNT_DONE.find((d) => d === done) ?? null,
    account: await getAccount({ ctx }),
    devOutbox: !Astro.locals.config.isProduction,
  });
}

/**
 * The link mailed to the new address of an email change. Like the verification link, it is used by a
 * button (POST), so mail scanners that prefetch links cannot use it up. The owner, signed in, lands on
 * the settings page; anyone else (another browser) is told here that the change is made.
 */
export async function confirmEmailPage(
  Astro: AstroGlobal,
): Promise<Loaded<{ form: FormState; token: string | null; changed: boolean }>> {
  const { ctx } = Astro.locals;
  const form = await handleForm(Astro, ConfirmEmailChange, async (input) => {
    const { userId } = await confirmEmailChange({ ctx, input });
    return ctx.user?.id === userId
      ? `${here(Astro, '/me/account')}?done=email`
      : `${here(Astro, '/me/confirm-email')}?changed=1`;
  });
  if (form.redirect) return respond(form.redirect);
  return page({
    form,
    token: Astro.url.searchParams.get('token'),
    changed: Astro.url.searchParams.get('changed') === '1',
  });
}
