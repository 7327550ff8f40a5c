import { sql } from 'drizzle-orm';
import { blob, check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const ROLES = ['founder', 'organizer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const users = sqliteTable(
  'users',
  {
    /** AUTOINCREMENT: an id is never given to a second person (decision 008). */
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Lower-cased; unique among users. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** Versioned hash string, e.g. `pbkdf2-sha256$100000$salt$hash` (functions/auth). */
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull().default('founder'),
    locale: text('locale', { enum: ['zh-CN', 'en'] })
      .notNull()
      .default('zh-CN'),
    emailVerifiedAt: integer('email_verified_at', { mode: 'timestamp_ms' }),
    /** PIPL consent to the privacy policy at sign-up (version and instant). */
    consentVersion: text('consent_version').notNull(),
    consentedAt: integer('consented_at', { mode: 'timestamp_ms' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(t.email),
    index('users_role_idx').on(t.role),
    check('users_email_lower', sql`${t.email} = lower(${t.email})`),
  ],
);

/** Sessions per Lucia's guide: random id + secret; only the SHA-256 of the secret is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    /** Sliding expiry: refreshed when half the lifetime has passed. */
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Personal access tokens for other systems (decision 021): `opc_pat_<id>_<secret>`; like sessions,
 * only the SHA-256 of the secret is kept. A token acts with its owner's rights narrowed by `scopes`;
 * it dies with the account (cascade) and is revoked by deleting the row.
 */
export const accessTokens = sqliteTable(
  'access_tokens',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    scopes: text('scopes', { mode: 'json' }).$type<string[]>().notNull(),
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    /** Written at most once a minute per token, in the batch that checks it. */
    lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('access_tokens_user_idx').on(t.userId), index('access_tokens_expires_idx').on(t.expiresAt)],
);

/** One-time tokens sent by mail (email verification, password reset); only a hash is stored. */
export const emailTokens = sqliteTable(
  'email_tokens',
  {
    id: integer('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['verify_email', 'reset_password', 'change_email'] }).notNull(),
    tokenHash: blob('token_hash', { mode: 'buffer' }).notNull(),
    /**
     * A verification link's password: the hash of the one typed at the sign-up that mailed it, set
     * when the link is used, so whoever signed the address up before its owner keeps no password
     * (decision 008). NULL for reset links and links resent from the account page.
     */
    passwordHash: text('password_hash'),
    /** A `change_email` link's new address (lower-cased): it replaces the account's email when used. */
    newEmail: text('new_email'),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('email_tokens_hash_unique').on(t.tokenHash),
    index('email_tokens_user_idx').on(t.userId, t.purpose),
  ],
);
