/**
 * Inputs of the account page's changes (display name, email, password), shared by the forms, the API
 * and the OpenAPI document. The current password is bounded only, like the one typed to sign in or
 * to delete the account (DeleteAccount's field): old passwords stay valid.
 */
import { z } from '@hono/zod-openapi';
import { DeleteAccount, Email, MailToken, NewPassword, SignUp } from './auth';

const CurrentPassword = DeleteAccount.shape.password;

/** Strict: a PATCH that ignored the fields it does not know would report a change it did not make. */
export const ChangeName = z.strictObject({ name: SignUp.shape.name }).openapi('ChangeName');
export type ChangeName = z.infer<typeof ChangeName>;

/** The new address gets a link; nothing changes until it is used (decision 008). */
export const ChangeEmail = z
  .object({ email: Email, currentPassword: CurrentPassword })
  .openapi('ChangeEmail');
export type ChangeEmail = z.infer<typeof ChangeEmail>;

export const ChangePassword = z
  .object({ currentPassword: CurrentPassword, password: NewPassword })
  .openapi('ChangePassword');
export type ChangePassword = z.infer<typeof ChangePassword>;

export const ConfirmEmailChange = z.object({ token: MailToken }).openapi('ConfirmEmailChange');
export type ConfirmEmailChange = z.infer<typeof ConfirmEmailChange>;

/** The answer to every valid email-change request, whether or not the address is free. */
export const EmailChangeRequested = z
  .object({ status: z.literal('confirmation_sent'), email: z.string() })
  .openapi('EmailChangeRequested', {
    example: { status: 'confirmation_sent', email: 'new-address@example.com' },
  });
export type EmailChangeRequested = z.infer<typeof EmailChangeRequested>;
