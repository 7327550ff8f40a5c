/// <reference types="astro/client" />
/// <reference types="@astrojs/cloudflare/types.d.ts" />

declare namespace App {
  interface Locals {
    requestId: string;
    locale: import('../functions/lib/locale').Locale;
    metrics: import('../functions/db/client').DbMetrics;
    ctx: import('../functions/context').ServiceContext;
    config: import('../functions/config').Config;
    catalog: import('../functions/content/catalog').Catalog;
  }
}
