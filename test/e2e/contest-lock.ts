/**
 * Browser test files run two at a time on one seeded database. Files that publish the demo contest's
 * results (judging, organizer journeys) restore it before and after, so they must not overlap: each
 * holds this lock — a directory next to the run's database file, made atomically by mkdir — from
 * its first restore to its last.
 */
import { mkdir, rmdir } from 'node:fs/promises';

export async function lockContest(
  databaseFile: string,
  slug: string,
  timeoutMs = 400_000,
): Promise<() => Promise<void>> {
  const dir = `${databaseFile}.${slug}.lock`;
  const started = Date.now();
  for (;;) {
    try {
      await mkdir(dir);
      return () => rmdir(dir).catch(() => {});
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (Date.now() - started > timeoutMs) throw new Error(`${slug} stayed locked for ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
