import type { APIRoute } from 'astro';
import { isAppError } from '~/functions/lib/errors';
import { exportAttendeesCsv } from '~/functions/services/events/attendees';

/** The attendee list as CSV for organizers (the page map admits organizers only). */
export const GET: APIRoute = async ({ locals, params }) => {
  try {
    const { filename, csv } = await exportAttendeesCsv({
      ctx: locals.ctx,
      input: { slug: params.slug ?? '' },
    });
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${filename}"`,
        'cache-control': 'private, no-store',
      },
    });
  } catch (err) {
    if (isAppError(err) && err.status === 404) return new Response(null, { status: 404 });
    throw err;
  }
};
