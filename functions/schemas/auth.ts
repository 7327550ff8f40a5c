/**
 * Account inputs, shared by the forms, the API and the OpenAPI document. Passwords follow NIST
 * SP 800-63B: 8–128 characters (code points), no composition rules, not on the common-password list,
 * not the email address or its local part. Passwords are never trimmed.
 */
import { z } from '@hono/zod-openapi';
import { isCommonPassword, normalizedForList } from '../auth/common-passwords';
import { plainLine } from './common';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const Email = z
  .string({ error: 'field.required' })
  .trim()
  .toLowerCase()
  .min(1, { error: 'field.required' })
  .max(254, { error: 'field.tooLong' })
  .pipe(z.email({ error: 'field.email' }))
  .openapi({ example: 'founder@example.com' });

/** A new password: length and the common-password list (the email check needs the email). */
export const NewPassword = z
  .string({ error: 'field.required' })
  .refine(
    (value) => {
      const length = [...value].length;
      return length >= PASSWORD_MIN && length <= PASSWORD_MAX;
    },
    { error: 'field.passwordLength', abort: true },
  )
  .refine((value) => !isCommonPassword(value), { error: 'field.passwordCommon' })
  .openapi({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX, example: 'river-lantern-2026' });

/** A password typed to sign in or confirm: only bounded, never judged (old passwords stay valid). */
const CurrentPassword = z
  .string({ error: 'field.required' })
  .min(1, { error: 'field.required' })
  .max(1024, { error: 'field.tooLong' });

/** True when the password is the email address or its local part (any width or letter case). */
export function passwordMatchesEmail(password: string, email: string): boolean {
  const lower = normalizedForList(password).trim();
  const address = email.trim().toLowerCase();
  const local = address.split('@')[0] ?? '';
  return lower === address || (local.length > 0 && lower === local);
}

export const SignUp = z
  .object({
    name: plainLine(50),
    email: Email,
    password: NewPassword,
    /** The PIPL consent checkbox: must be ticked (forms send it as true). */
    consent: z.literal(true, { error: 'field.consentRequired' }),
  })
  .superRefine((value, ctx) => {
    if (passwordMatchesEmail(value.password, value.email))
      ctx.addIssue({ code: 'custom', path: ['password'], message: 'field.passwordIsEmail' });
  })
  .openapi('SignUp');
export type SignUp = z.infer<typeof SignUp>;

export const SignIn = z.object({ email: Email, password: CurrentPassword }).openapi('SignIn');
export type SignIn = z.infer<typeof SignIn>;

export const ForgotPassword = z.object({ email: Email }).openapi('ForgotPassword');
export type ForgotPassword = z.infer<typeof ForgotPassword>;

/** A one-time token from a mailed link (32 base32 characters). */
export const MailToken = z
  .string({ error: 'field.required' })
  .trim()
  .min(16, { error: 'field.invalid' })
  .max(64, { error: 'field.invalid' })
  .regex(/^[a-z2-7]+$/, { error: 'field.invalid' });

export const ResetPassword = z.object({ token: MailToken, password: NewPassword }).openapi('ResetPassword');
export type ResetPassword = z.infer<typeof ResetPassword>;

export const VerifyEmail = z.object({ token: MailToken }).openapi('VerifyEmail');
export type VerifyEmail = z.infer<typeof VerifyEmail>;

export const DeleteAccount = z.object({ password: CurrentPassword }).openapi('DeleteAccount');
export type DeleteAccount = z.infer<typeof DeleteAccount>;

/** The signed-in user as the API shows it. */
export const Me = z
  .object({
    id: z.int(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['founder', 'organizer', 'admin']),
    emailVerified: z.boolean(),
    judges: z
      .boolean()
      .optional()
      .openapi({ description: 'Whether the user judges at least one contest (their work is at /judge).' }),
  })
  .openapi('Me', {
    example: {
      id: 7,
      email: 'founder@example.com',
      name: '李想',
      role: 'founder',
      emailVerified: false,
      judges: false,
    },
  });
export type Me = z.infer<typeof Me>;

/**
 * The answer to every valid sign-up, whether or not the address already has an account (decision
 * 008): a mail is on its way to the address, and nobody is signed in.
 */
export const SignUpAccepted = z
  .object({ status: z.literal('verification_sent'), email: z.string() })
  .openapi('SignUpAccepted', { example: { status: 'verification_sent', email: 'founder@example.com' } });
export type SignUpAccepted = z.infer<typeof SignUpAccepted>;
