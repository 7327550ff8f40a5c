/**
 * What a request carries into the service layer. Routes and Astro pages build it the same way;
 * only services touch the database through `db`.
 */

import type { Client } from '@libsql/client';
import type { PasswordHasher } from './auth/password';
import type { Scope } from './auth/scopes';
import type { Config } from './config';
import type { Catalog } from './content/catalog';
import type { Db, DbMetrics } from './db/client';
import type { Clock } from './lib/clock';
import type { Locale } from './lib/locale';
import type { MediaBucket } from './services/media/media-bucket';
import type { ImageProcessor } from './services/media/upload-rules';

export interface AppDeps {
  /**
   * Opens a libSQL client for one request. In workerd a client must not be shared across requests:
   * a promise resolved by another request's I/O makes the runtime cancel the waiting request as hung.
   * Opening an HTTP client costs no round trip. Tests may return one shared Node client.
   */
  connect: () => Client;
  catalog: Catalog;
  clock: Clock;
  config: Config;
  /** Injected so tests can count hashing calls (sign-in runs it even for unknown emails). */
  hasher: PasswordHasher;
  /** Uploaded pictures and documents: the R2 binding MEDIA (decision 019). */
  media: MediaBucket;
  /** Checks and re-encodes uploads: the image Worker's binding IMAGES (decision 019). */
  images: ImageProcessor;
}

export interface RequestUser {
  id: number;
  email: string;
  name: string;
  role: 'founder' | 'organizer' | 'admin';
  emailVerified: boolean;
  /**
   * Judges at least one contest (read with the session, in the same query): the header shows 评审
   * and sign-in lands on /judge. Whether they judge a given contest is still checked per contest.
   */
  judges?: boolean;
}

export interface ServiceContext {
  db: Db;
  catalog: Catalog;
  config: Config;
  /** The instant of this request, read once from the injected clock. */
  now: Date;
  locale: Locale;
  requestId: string;
  user: RequestUser | null;
  /** The signed-in session, for sign-out; null when anonymous or when a token asks. */
  sessionId: string | null;
  /** The personal access token the request came with (API only): its id and scopes. */
  token: { id: string; scopes: Scope[] } | null;
  hasher: PasswordHasher;
  media: MediaBucket;
  images: ImageProcessor;
  /** Work to finish after the response (outbox delivery); the Worker's waitUntil. */
  waitUntil: (promise: Promise<unknown>) => void;
  /** The client address, for rate limits. */
  clientIp: string;
  /**
   * The site's origin for absolute links: SITE_URL (required in production; the local scripts set it
   * to the served origin), else — only outside production — the request's.
   */
  origin: string;
}

export type AppEnv = {
  Variables: {
    requestId: string;
    locale: Locale;
    db: Db;
    metrics: DbMetrics;
    ctx: ServiceContext;
  };
};
