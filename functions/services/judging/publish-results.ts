/**
 * Organizers publish a contest's results once submissions have closed: a result_publications row
 * (its primary key is the contest, so publishing twice is refused by the database) holding the
 * results as the public sees them, committed with its audit row (published-results.ts). Publication
 * ends scoring and starts the 公示 objection window; from then on the database refuses changes to
 * what the results were computed from (decision 011). Results with gaps (entries nobody scored,
 * judges who have not started) are published only with a confirmation; when the caller says which
 * gaps they saw, different gaps are refused too.
 */
import { sql } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { isUniqueViolation } from '../../db/errors';
import { resultPublications } from '../../db/schema';
import { auditInsertWhere } from '../../lib/audit';
import { AppError, conflict } from '../../lib/errors';
import { translate } from '../../lib/messages';
import type { PublishResults } from '../../schemas/results';
import { siteLink } from '../outbox/templates';
import { contestOf, phaseOf } from '../teams/rules';
import { deliverWebhooks } from '../webhooks/deliver-webhooks';
import { webhookInsert } from '../webhooks/events';
import { insertPublication } from './published-results';
import { describeGaps, gapsKey, gapsOf, hasGaps } from './results-gaps';
import { submissionsOpen } from './shared';
import type { Standings } from './standings';

const alreadyPublished = () => conflict('already_published', 'judging.alreadyPublished');

export async function publishResults({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string } & Partial<PublishResults>;
}) {
  const actor = requireRole(ctx, 'organizer');
  const contest = contestOf(ctx, input.slug);
  if (ctx.now < contest.timeline.submissionCloses) {
    throw submissionsOpen(ctx, contest);
  }
  const checkGaps = (standings: Standings) => {
    const gaps = gapsOf(standings);
    if (!hasGaps(gaps)) return;
    const named = describeGaps(ctx.locale, gaps).join(ctx.locale === 'zh-CN' ? '；' : '; ');
    if (input.gapsSeen !== undefined && input.gapsSeen !== gapsKey(gaps))
      throw conflict('gaps_changed', 'judging.gapsChanged', { gaps: named });
    if (!input.confirmGaps)
      throw new AppError(
        422,
        'gaps_unconfirmed',
        'error.validation',
        {},
        { confirmGaps: [translate(ctx.locale, 'judging.confirmGaps', { gaps: named })] },
      );
  };
  const audit = auditInsertWhere(
    ctx,
    {
      action: 'results.publish',
      targetType: 'contest',
      targetId: contest.slug,
      after: { publishedAt: ctx.now.toISOString(), gapsConfirmed: input.confirmGaps === true },
      actor,
    },
    sql`changes() = 1`,
  );
  try {
    const results = await insertPublication(
      ctx.db,
      contest,
      { publishedAt: ctx.now, publishedBy: actor.id },
      [
        audit,
        ctx.db.run(
          webhookInsert(
            ctx,
            'results.published',
            {
              contest: contest.slug,
              title: contest.title,
              publishedAt: ctx.now.toISOString(),
              url: siteLink(ctx, `/contests/${contest.slug}/results`, 'zh-CN'),
            },
            sql`exists (select 1 from ${resultPublications} where ${resultPublications.contestSlug} = ${contest.slug} and ${resultPublications.publishedAt} = ${ctx.now.getTime()})`,
          ),
        ),
      ],
      checkGaps,
    );
    if (!results) throw alreadyPublished();
  } catch (err) {
    if (isUniqueViolation(err)) throw alreadyPublished();
    throw err;
  }
  ctx.waitUntil(deliverWebhooks(ctx));
  const phase = phaseOf(contest, ctx.now, ctx.now);
  return { publishedAt: ctx.now, objectionCloses: phase.objectionCloses ?? ctx.now };
}
