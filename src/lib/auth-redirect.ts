/** Pages for signed-in users send anonymous visitors to sign in, then back here. */
import type { AstroGlobal } from 'astro';
import { localizedPath } from '~/src/i18n';

export function signInRedirect(Astro: AstroGlobal): Response | null {
  if (Astro.locals.ctx.user) return null;
  const next = `${Astro.url.pathname}${Astro.url.search}`;
  return Astro.redirect(
    `${localizedPath('/signin', Astro.locals.locale)}?next=${encodeURIComponent(next)}`,
    303,
  );
}
