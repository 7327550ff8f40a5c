/**
 * What an API request needs, by method and path: whether it may be anonymous, and which scope a
 * personal access token must carry (decision 021). A token acts with exactly its owner's rights,
 * narrowed by its scopes; the services still check ownership, verification, assignments and roles.
 *
 *   read         every GET outside /admin (the owner's own records included)
 *   write        every other method outside /admin
 *   admin:read   GET under /admin (an organizer's or admin's token)
 *   admin:write  other methods under /admin
 *   redeem       only POST /v1/vouchers/redemptions: a voucher provider's till records redemptions
 *                with a token that can do nothing else (decision 022)
 *
 * Some routes take a browser session only: signing in and out, the account's password, email and
 * deletion, and creating tokens — a leaked token must not mint another, lock its owner out or erase
 * the account. A token there is refused with 403 `session_required`.
 */
export const SCOPES = ['read', 'write', 'redeem', 'admin:read', 'admin:write'] as const;
export type Scope = (typeof SCOPES)[number];

/** Scopes a person of this role may put on a token. */
export const scopesForRole = (role: 'founder' | 'organizer' | 'admin'): readonly Scope[] =>
  role === 'founder' ? ['read', 'write', 'redeem'] : SCOPES;

export interface RouteAccess {
  /** Anyone may call it without signing in (the services may still answer differently). */
  anonymous: boolean;
  /** The scope a token needs; null: a browser session only, tokens are refused. */
  scope: Scope | null;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const AUTH = /^\/api\/v1\/auth\//;
const SIGNED_IN = /^\/api\/v1\/(me|judge|teams)(\/|$)/;
const ADMIN = /^\/api\/v1\/admin(\/|$)/;
/** Writes that change who can sign in, or mint credentials: never with a token. */
const SESSION_ONLY_WRITES = /^\/api\/v1\/me(\/(email|password|tokens))?$/;
const REDEMPTIONS = /^\/api\/v1\/vouchers\/redemptions$/;

export function routeAccess(method: string, path: string): RouteAccess {
  const read = READS.has(method.toUpperCase());
  if (AUTH.test(path)) return { anonymous: true, scope: null };
  if (ADMIN.test(path)) return { anonymous: false, scope: read ? 'admin:read' : 'admin:write' };
  if (read) return { anonymous: !SIGNED_IN.test(path), scope: 'read' };
  if (SESSION_ONLY_WRITES.test(path) && method.toUpperCase() !== 'PATCH')
    return { anonymous: false, scope: null };
  if (REDEMPTIONS.test(path)) return { anonymous: false, scope: 'redeem' };
  return { anonymous: false, scope: 'write' };
}

/** Whether a token with these scopes may make this request (its owner's rights are checked apart). */
export const tokenAllows = (scopes: readonly Scope[], access: RouteAccess): boolean =>
  access.scope !== null && scopes.includes(access.scope);

/** The token format: a recognisable prefix (for secret scanners), an id, and a secret. */
export const TOKEN_PREFIX = 'opc_pat_';
export const TOKEN_PATTERN = /^opc_pat_([a-z2-7]{16})_([a-z2-7]{32})$/;
