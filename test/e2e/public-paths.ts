/**
 * The public pages with demo records in their paths, as [page map route, zh path]: public-pages.test.ts
 * opens them signed out at two widths, every-page.test.ts signed in, and counts them as visited.
 */
import { createClient } from '@libsql/client';

export type PublicPage = readonly [route: string, path: string];

export async function publicPages(dbFile: string): Promise<PublicPage[]> {
  const client = createClient({ url: `file:${dbFile}` });
  const first = async (sql: string) => String((await client.execute(sql)).rows[0]?.[0]);
  try {
    const product = await first("SELECT id FROM products WHERE status = 'approved' ORDER BY id LIMIT 1");
    const company = await first("SELECT id FROM companies WHERE status = 'verified' ORDER BY id LIMIT 1");
    return [
      ['/', '/'],
      ['/communities', '/communities'],
      ['/communities/[slug]', '/communities/changjiang-scene-opc'],
      ['/companies/[id]', `/companies/${company}`],
      ['/products', '/products'],
      ['/products/[id]', `/products/${product}`],
      ['/contests', '/contests'],
      ['/contests/[slug]', '/contests/agent-innovation-2026'],
      // The finished demo contest: its public gallery and published results.
      ['/contests/[slug]/entries', '/contests/opc-ai-product-2025/entries'],
      ['/contests/[slug]/results', '/contests/opc-ai-product-2025/results'],
      ['/events', '/events'],
      ['/events/[slug]', '/events/ai-workshop-rag-2027-04'],
      ['/vouchers', '/vouchers'],
      ['/vouchers/[slug]', '/vouchers/jiangan-compute-2026'],
      ['/about', '/about'],
      ['/privacy', '/privacy'],
    ];
  } finally {
    client.close();
  }
}
