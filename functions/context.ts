/**
 * What a request carries into the service layer. Routes and Astro pages build it the same way;
 * only services touch the database through `db`.
 */
import type { Client } from '@libsql/client';
import type { Config } from './config';
import type { Catalog } from './content/catalog';
import type { Db, DbMetrics } from './db/client';
import type { Clock } from './lib/clock';
import type { Locale } from './lib/locale';

export interface AppDeps {
  /** A libSQL client shared by the isolate; each request wraps it to count round trips. */
  client: Client;
  catalog: Catalog;
  clock: Clock;
  config: Config;
}

export interface RequestUser {
  id: number;
  email: string;
  name: string;
  role: 'founder' | 'organizer' | 'admin';
  emailVerified: boolean;
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
