/// <reference types="astro/client" />
/// <reference types="@astrojs/cloudflare/types.d.ts" />

/** Bindings and vars of the Worker (wrangler.jsonc, .dev.vars); validated by functions/config.ts. */
interface Env {
  ASSETS: Fetcher;
  /** Uploaded pictures and documents (decision 019). */
  MEDIA: R2Bucket;
  /** The image Worker (workers/images): checks and re-encodes uploads. */
  IMAGES: import('../functions/services/media/upload-rules').ImageProcessor;
  ENVIRONMENT?: string;
  TURSO_DATABASE_URL?: string;
  TURSO_AUTH_TOKEN?: string;
  PASSWORD_PEPPER?: string;
  ICP_NUMBER?: string;
  RATE_LIMITS?: string;
  TEST_NOW?: string;
}

declare namespace App {
  interface Locals {
    requestId: string;
    locale: import('../functions/lib/locale').Locale;
    /** The path as requested, before the middleware renders the 403 or 404 page in its place. */
    requestPath?: string;
    metrics: import('../functions/db/client').DbMetrics;
    ctx: import('../functions/context').ServiceContext;
    config: import('../functions/config').Config;
    catalog: import('../functions/content/catalog').Catalog;
    /** A POST's form, read and size-checked by the middleware (src/lib/form-body.ts). */
    form?: FormData;
    /** Set when the database did not answer: the error page then renders as 503 (decision 014). */
    databaseUnavailable?: boolean;
  }
}
