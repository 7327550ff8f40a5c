/**
 * The event page (/events/{slug}): the event, seats left or the waitlist, and the viewer's
 * registration with its ticket, in one batch. Its forms POST here (signed in, by the page map):
 * `intent=register` with the answers (`answers.<question>` fields, checked against the event's
 * questions by the service, errors shown next to each question) or `intent=cancel`; both answer 303
 * back to the registration section. Works without JavaScript.
 */
import type { AstroGlobal } from 'astro';
import { z } from 'zod';
import { getEvent } from '~/functions/services/events/get-event';
import { cancelRegistration, register } from '~/functions/services/events/registration';
import { localizedPath } from '~/src/i18n';
import { handleForm } from '~/src/lib/forms';
import { orNotFound } from '~/src/lib/list-page';
import { notFound, page, respond } from '~/src/lib/page';
import { qrSvg } from '~/src/lib/qr';

const RegistrationForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('register'), answers: z.record(z.string(), z.unknown()) }),
  z.object({ intent: z.literal('cancel') }),
]);

/** Form fields named `answers.<key>` become the answers object (repeated checkboxes as arrays). */
function answersOf(values: Record<string, string | string[]>) {
  const answers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(values)) {
    if (name.startsWith('answers.')) answers[name.slice('answers.'.length)] = value;
  }
  return { intent: values.intent, answers };
}

/** The QR code of a ticket: the organizers' check-in URL for it, as an SVG drawn on the server. */
export const ticketQr = (origin: string, slug: string, code: string) =>
  qrSvg(new URL(`/admin/events/${slug}/check-in?code=${code}`, origin).href);

export async function eventPage(Astro: AstroGlobal) {
  const { ctx, locale } = Astro.locals;
  const slug = Astro.params.slug ?? '';
  const back = `${localizedPath(`/events/${slug}`, locale)}#registration`;
  const form = await handleForm(
    Astro,
    RegistrationForm,
    async (input) => {
      if (input.intent === 'cancel') await cancelRegistration({ ctx, input: { slug } });
      else await register({ ctx, input: { slug, answers: input.answers } });
      return back;
    },
    { prepare: answersOf },
  );
  if (form.redirect) return respond(form.redirect);
  const data = await orNotFound(() => getEvent({ ctx, input: { slug } }));
  if (!data) return notFound;
  const code = data.registration?.ticketCode;
  return page({ data, form, qr: code ? ticketQr(ctx.origin, slug, code) : null });
}
