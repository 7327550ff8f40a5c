/** PIPL: everything held about the signed-in user as a JSON download (the same service as GET /api/v1/me/export). */
import type { APIRoute } from 'astro';
import { exportData } from '~/functions/services/accounts/export-data';

export const GET: APIRoute = async ({ locals }) => {
  const data = await exportData({ ctx: locals.ctx });
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': 'attachment; filename="opc-portal-my-data.json"',
      'cache-control': 'private, no-store',
    },
  });
};
