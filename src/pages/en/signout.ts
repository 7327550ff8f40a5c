/** Sign-out (POST only, from the header's form button): ends this session and clears the cookie. */
import type { APIRoute } from 'astro';
import { signOut } from '~/functions/services/accounts/sign-out';
import { localizedPath } from '~/src/i18n';
import { clearSessionCookie } from '~/src/lib/session-cookie';

export const POST: APIRoute = async ({ locals, cookies, url, redirect }) => {
  await signOut({ ctx: locals.ctx });
  clearSessionCookie(cookies, url);
  return redirect(`${localizedPath('/signin', locals.locale)}?notice=signed-out`, 303);
};
