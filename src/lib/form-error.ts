/**
 * The whole-form error of a refused form, in the page's language. One refusal carries a link: "verify
 * your email first" leads to 我的 (/me), where the verification mail can be sent again, whatever
 * form was refused (company, product, team, event, picture, vote). Views print `form.formError` as
 * text, so that message is marked as HTML here, in this one place, built only from escaped fixed
 * strings and a fixed path; every other message stays a plain string.
 */
import { escapeHTML, markHTMLString } from 'astro/runtime/server/index.js';
import type { Locale } from '~/functions/lib/locale';
import { type MessageKey, translate } from '~/functions/lib/messages';
import { localizedPath, t } from '~/src/i18n';

/** The key of the refusal of an action that needs a verified email address. */
export const VERIFY_FIRST: MessageKey = 'error.emailNotVerified';

export function formErrorMessage(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const message = translate(locale, key, params);
  if (key !== VERIFY_FIRST) return message;
  const href = `${localizedPath('/me', locale)}#verify-email`;
  const link = `<a href="${escapeHTML(href)}">${escapeHTML(t(locale, 'me.verify.link'))}</a>`;
  // An HTMLString is a String object Astro prints as it is; to every other reader it is the text.
  return markHTMLString(`${escapeHTML(message)} ${link}`) as unknown as string;
}
