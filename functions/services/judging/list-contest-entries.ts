/** The organizer's entries table of one contest, with each judge's progress and the results preview. */
import type { ServiceContext } from '../../context';
import { loadContestAdmin } from './load-contest-admin';
import { previewOf, type ResultsPreview } from './results-gaps';
import { type JudgeProgress, judgeProgress } from './shared';

/** The entries table with the organizer's filters; ranks stay those of the whole contest. */
export async function listContestEntries({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string; track?: string | undefined; status?: string | undefined };
}): Promise<
  Awaited<ReturnType<typeof loadContestAdmin>> & { judges: JudgeProgress[]; preview: ResultsPreview }
> {
  const admin = await loadContestAdmin({ ctx, input: { slug: input.slug } });
  const items = admin.standings.items.filter(
    (s) =>
      (input.track === undefined || s.entry.track === input.track) &&
      (input.status === undefined || s.entry.status === input.status),
  );
  // Judges' progress and the preview count every entry, whatever the filter.
  return {
    ...admin,
    judges: judgeProgress(admin.standings),
    preview: previewOf(admin.standings),
    standings: { ...admin.standings, items },
  };
}
