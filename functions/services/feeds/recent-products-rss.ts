/**
 * The feed of the 30 most recently approved products (one round trip), as plain data: the RSS 2.0
 * document is written from it in src/lib/feed-responses.ts.
 */
import { desc, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { products } from '../../db/schema';
import type { Locale } from '../../lib/locale';

export const RSS_ITEMS = 30;

export interface FeedItem {
  title: string;
  /** Absolute URL; also the item's permalink guid. */
  link: string;
  description: string;
  pubDate: Date;
}

export interface ProductsFeed {
  title: string;
  description: string;
  language: string;
  /** Absolute URL of the site page the feed belongs to. */
  link: string;
  /** Absolute URL of the feed itself (atom:link rel="self"). */
  self: string;
  /** The instant of the build, from the injected clock. */
  now: Date;
  items: FeedItem[];
}

const CHANNEL = {
  'zh-CN': {
    title: 'OPC 门户 · 新上架 AI 产品与智能体',
    description: '武汉 OPC 一人公司社区门户最新审核通过的 AI 产品与智能体。',
    language: 'zh-CN',
  },
  en: {
    title: 'OPC Portal · New AI products and agents',
    description: 'The AI products and agents most recently approved on the Wuhan OPC Community Portal.',
    language: 'en',
  },
} as const;

export async function recentProductsFeed({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'db' | 'now'>;
  input: { origin: string; locale: Locale };
}): Promise<ProductsFeed> {
  const { origin, locale } = input;
  const prefix = locale === 'en' ? '/en' : '';
  const rows = await ctx.db
    .select({
      id: products.id,
      name: products.name,
      tagline: products.tagline,
      approvedAt: products.approvedAt,
    })
    .from(products)
    .where(eq(products.status, 'approved'))
    .orderBy(desc(products.approvedAt), desc(products.id))
    .limit(RSS_ITEMS);
  const channel = CHANNEL[locale];
  return {
    ...channel,
    link: new URL(`${prefix}/products`, origin).href,
    self: new URL(`${prefix}/rss.xml`, origin).href,
    now: ctx.now,
    items: rows.map((row) => ({
      title: row.name,
      link: new URL(`${prefix}/products/${row.id}`, origin).href,
      description: row.tagline,
      // Approved rows always carry approvedAt (a CHECK in the schema).
      pubDate: row.approvedAt ?? ctx.now,
    })),
  };
}
