import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The home page's live figures as counters, kept exact by triggers (migration live_figure_triggers)
 * on products, companies and teams, so reading them costs one primary-key lookup each instead of
 * counting rows: a count over an index grows with the catalogue (about 6 ms at 100,000 products).
 * Never written by services.
 */
export const liveFigures = sqliteTable('live_figures', {
  /** `products:approved:product`, `products:approved:agent`, `companies:verified`, `teams`. */
  name: text('name').primaryKey(),
  value: integer('value').notNull().default(0),
});

export const LIVE_FIGURES = {
  products: 'products:approved:product',
  agents: 'products:approved:agent',
  companies: 'companies:verified',
  teams: 'teams',
} as const;
