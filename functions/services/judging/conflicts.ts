/**
 * Conflict of interest (decision 011): a judge never sees or scores an entry when they are on
 * its team, or belong to the company of a member or of the linked product. A company belongs to its
 * owner here, so "belongs to the company of a member" is the judge owning the team's company (the
 * company a member entered with), and the product case is the judge owning the linked product's
 * company. One SQL condition on `entries`, used by every query that lists or loads entries for a judge.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { companies, entries, products, teamMembers, teams } from '../../db/schema';

/** True when `judge` (a user id or a column) has a conflict with the `entries` row in scope. */
export function conflicted(judge: number | SQLiteColumn | SQL): SQL {
  return sql`(
    exists (select 1 from ${teamMembers} where ${teamMembers.teamId} = ${entries.teamId} and ${teamMembers.userId} = ${judge})
    or exists (select 1 from ${teams} inner join ${companies} on ${companies.id} = ${teams.companyId}
      where ${teams.id} = ${entries.teamId} and ${companies.ownerId} = ${judge})
    or exists (select 1 from ${products} inner join ${companies} on ${companies.id} = ${products.companyId}
      where ${products.id} = ${entries.productId} and ${companies.ownerId} = ${judge})
  )`;
}
