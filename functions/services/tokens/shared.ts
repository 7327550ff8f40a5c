/** What token lists and answers show of a token (never its secret or hash). */

import type { Scope } from '../../auth/scopes';
import { accessTokens } from '../../db/schema';
import { shanghaiIso } from '../../lib/shanghai-time';

export interface TokenRow {
  id: string;
  name: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
}

/** The columns of a TokenRow, for selects. */
export const tokenColumns = {
  id: accessTokens.id,
  name: accessTokens.name,
  scopes: accessTokens.scopes,
  createdAt: accessTokens.createdAt,
  expiresAt: accessTokens.expiresAt,
  lastUsedAt: accessTokens.lastUsedAt,
};

export const toTokenSummary = (row: TokenRow) => ({
  id: row.id,
  name: row.name,
  scopes: row.scopes as Scope[],
  createdAt: shanghaiIso(row.createdAt),
  expiresAt: shanghaiIso(row.expiresAt),
  lastUsedAt: row.lastUsedAt ? shanghaiIso(row.lastUsedAt) : null,
});
