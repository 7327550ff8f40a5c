/**
 * Not a verb: results frozen at publication (decision 011). The publishing batch stores what the
 * public results show (`result_publications.results`), computed from the standings it read; the
 * insert is conditional on those inputs being unchanged in SQL (their fingerprint), so a score,
 * judge or status written between the read and the insert makes it insert nothing and the publisher
 * reads again. Once the row exists, triggers (migration 0010) refuse every such write.
 */
import { eq, type SQL, sql } from 'drizzle-orm';
import type { Contest } from '../../content/catalog';
import type { Db } from '../../db/client';
import {
  entries,
  judgeAssignments,
  type PublishedResults,
  resultPublications,
  scores,
  teams,
} from '../../db/schema';
import { conflict } from '../../lib/errors';
import { conflicted } from './conflicts';
import { summaryOf } from './shared';
import { computeStandings, type Standings, standingsQueries } from './standings';

const ATTEMPTS = 5;

/** The public copy of the standings: ranks, summaries and aggregates, never who scored what. */
export const publishedResultsOf = (standings: Standings): PublishedResults => ({
  judgeCount: standings.judges.length,
  items: standings.items.map((s) => ({
    rank: s.rank,
    entry: summaryOf(s.entry),
    status: s.entry.status,
    prizeKey: s.entry.prizeKey,
    mean: s.mean,
    median: s.median,
    scoredBy: s.scoredBy,
    judgeCount: s.judgeCount,
  })),
});

/**
 * Everything the results are computed from, as one JSON text: the entries as shown, the panel, the
 * scores and the recusals (the rows `computeStandings` reads). Equal text, equal results.
 */
function inputsFingerprint(slug: string): SQL {
  return sql`json_array(
    (select json_group_array(json_array(${entries.id}, ${entries.status}, ${entries.prizeKey}, ${entries.title},
        ${entries.summary}, ${entries.demoUrl}, ${entries.repoUrl}, ${teams.name}, ${teams.track}) order by ${entries.id})
      from ${entries} inner join ${teams} on ${teams.id} = ${entries.teamId} where ${entries.contestSlug} = ${slug}),
    (select json_group_array(json_array(${judgeAssignments.userId}, ${judgeAssignments.judgePseudonym})
        order by ${judgeAssignments.userId}, ${judgeAssignments.judgePseudonym})
      from ${judgeAssignments} where ${judgeAssignments.contestSlug} = ${slug}),
    (select json_group_array(json_array(${scores.entryId}, ${scores.judgeId}, ${scores.judgePseudonym}, ${scores.criterion},
        ${scores.score}) order by ${scores.entryId}, ${scores.judgeId}, ${scores.judgePseudonym}, ${scores.criterion})
      from ${scores} inner join ${entries} on ${entries.id} = ${scores.entryId} where ${entries.contestSlug} = ${slug}),
    (select json_group_array(json_array(${entries.id}, ${judgeAssignments.userId}) order by ${entries.id}, ${judgeAssignments.userId})
      from ${entries} inner join ${judgeAssignments} on ${judgeAssignments.contestSlug} = ${entries.contestSlug}
      where ${entries.contestSlug} = ${slug} and ${conflicted(judgeAssignments.userId)})
  )`;
}

/** The standings, their results and the fingerprint of their inputs, read in one batch. */
async function readStandings(db: Db, contest: Contest) {
  const [publication, entryRows, judges, scoreRows, conflictRows, fingerprint] = await db.batch([
    ...standingsQueries({ db }, contest.slug),
    db.select({ value: sql<string>`${inputsFingerprint(contest.slug)}` }).from(sql`(select 1)`),
  ]);
  const standings = computeStandings(contest, [publication, entryRows, judges, scoreRows, conflictRows]);
  return {
    standings,
    published: publication.length > 0,
    results: publishedResultsOf(standings),
    fingerprint: fingerprint[0]?.value ?? '',
  };
}

type BatchItem = Parameters<Db['batch']>[0][number];

/**
 * Inserts the publication with its results, followed in the same batch by `then` (the audit row,
 * conditional on `changes() = 1`). Answers null when the contest was already published; a second
 * publication racing past that check fails on the primary key (a unique violation). `check` sees the
 * standings about to be published (and may refuse them); the fingerprint makes sure they are the
 * ones inserted.
 */
export async function insertPublication(
  db: Db,
  contest: Contest,
  publication: { publishedAt: Date; publishedBy: number | null },
  then: BatchItem[] = [],
  check: (standings: Standings) => void = () => {},
): Promise<PublishedResults | null> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const { standings, published, results, fingerprint } = await readStandings(db, contest);
    if (published) return null;
    check(standings);
    const [inserted] = await db.batch([
      db.run(sql`insert into ${resultPublications} (contest_slug, published_at, published_by, results)
        select ${contest.slug}, ${publication.publishedAt.getTime()}, ${publication.publishedBy}, ${JSON.stringify(results)}
        where ${inputsFingerprint(contest.slug)} = ${fingerprint}`),
      ...then,
    ]);
    if (inserted.rowsAffected === 1) return results;
  }
  throw conflict('results_changed', 'judging.resultsChanged');
}

/**
 * The stored results of a publication made before they were stored (migration 0010): computed once
 * from the rows, which the triggers have frozen since, and written only if still missing.
 */
export async function storeMissingResults(db: Db, contest: Contest): Promise<PublishedResults> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const { results, fingerprint } = await readStandings(db, contest);
    const [, stored] = await db.batch([
      db.run(sql`update ${resultPublications} set results = ${JSON.stringify(results)}
        where contest_slug = ${contest.slug} and results is null
        and ${inputsFingerprint(contest.slug)} = ${fingerprint}`),
      db
        .select({ results: resultPublications.results })
        .from(resultPublications)
        .where(eq(resultPublications.contestSlug, contest.slug)),
    ]);
    const row = stored[0];
    if (!row) throw new Error(`no publication of ${contest.slug} to store results for`);
    if (row.results) return row.results;
  }
  throw conflict('results_changed', 'judging.resultsChanged');
}
