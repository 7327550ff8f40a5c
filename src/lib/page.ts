/**
 * The one page shape. A page's loader (src/lib/*-pages.ts) takes the Astro global and returns one
 * union: the view's props, "not found", or a response to send as it is (the redirect after a form,
 * or a signed-in visitor sent on from the sign-in page). The page file settles it — returns the response, or sets the status — and
 * renders the view with props or the localized error page; views take props only and never query.
 * Who may open a page is not the loader's concern: the middleware applies the page map first.
 */
import type { AstroGlobal } from 'astro';

export type Loaded<P> =
  | { kind: 'page'; props: P }
  | { kind: 'notFound' }
  | { kind: 'response'; response: Response };

export const page = <P>(props: P): Loaded<P> => ({ kind: 'page', props });
export const notFound: Loaded<never> = { kind: 'notFound' };
export const respond = (response: Response): Loaded<never> => ({ kind: 'response', response });

export type Settled<P> = { ok: true; props: P } | { ok: false; status: 404 };

/** For the page file: the response to return, or what to render (the 404 status already set). */
export function settle<P>(Astro: AstroGlobal, loaded: Loaded<P>): Response | Settled<P> {
  switch (loaded.kind) {
    case 'response':
      return loaded.response;
    case 'notFound':
      Astro.response.status = 404;
      Astro.response.statusText = 'Not Found';
      return { ok: false, status: 404 };
    case 'page':
      return { ok: true, props: loaded.props };
  }
}
