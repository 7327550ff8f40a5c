/**
 * Account deletion (PIPL erasure), confirmed with the current password. Refused while the user leads a
 * team in an unfinished contest (phase other than 'results'). Otherwise one batch erases the person:
 * a judge's seats and scores of published contests stay under the pseudonym, those of unpublished
 * contests are deleted (decision 011); the columns the data map marks erased are blanked (founder
 * names, membership messages, the objector's real name); pending company registrations are withdrawn
 * and pending memberships, unapproved products and revisions deleted; the user row (sessions, tokens, votes, team memberships cascade;
 * companies, products and teams stay with their owner/leader set to NULL), the objector's real name,
 * mail to the address, the stored answers of the user's retried requests (idempotency rows scoped to
 * the user, and the sign-up answer that holds the email), and writes an audit row under the
 * pseudonymous id. Every statement of the batch
 * re-checks the refusal condition, so a team created meanwhile cannot slip through.
 */
import { and, eq, inArray, ne, notInArray, or, type SQL, sql } from 'drizzle-orm';
import { requireUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { erasedValues } from '../../db/data-map';
import {
  communityMemberships,
  companies,
  entries,
  idempotencyKeys,
  judgeAssignments,
  media,
  objections,
  outbox,
  productRevisions,
  products,
  rateLimits,
  resultPublications,
  scores,
  teams,
  users,
  voucherApplications,
  voucherObjections,
} from '../../db/schema';
import { auditInsertWhere, pseudonym } from '../../lib/audit';
import { contestPhase } from '../../lib/contest-phase';
import { AppError, unauthorized, validation } from '../../lib/errors';
import { translate } from '../../lib/messages';
import { subjectKey } from '../../lib/rate-limit';
import type { DeleteAccount } from '../../schemas/auth';
import { eraseSoon } from '../media/media-bucket';

export async function deleteAccount({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: DeleteAccount;
}): Promise<void> {
  const user = requireUser(ctx);
  const [accounts, ledTeams] = await ctx.db.batch([
    ctx.db
      .select({ passwordHash: users.passwordHash, email: users.email })
      .from(users)
      .where(eq(users.id, user.id)),
    ctx.db
      .select({ contestSlug: teams.contestSlug, publishedAt: resultPublications.publishedAt })
      .from(teams)
      .leftJoin(resultPublications, eq(resultPublications.contestSlug, teams.contestSlug))
      .where(eq(teams.leaderId, user.id)),
  ]);
  const account = accounts[0];
  if (!account) throw unauthorized();
  if (!(await ctx.hasher.verify(account.passwordHash, input.password)))
    throw validation({ password: [translate(ctx.locale, 'field.wrongPassword')] }, 'wrong_password');

  const unfinished = ledTeams.flatMap(({ contestSlug, publishedAt }) => {
    const contest = ctx.catalog.contest(contestSlug);
    if (!contest) return [];
    const publication = publishedAt ? { publishedAt } : null;
    const { phase } = contestPhase(contest.timeline, ctx.now, publication, contest.objectionDays);
    return phase === 'results' ? [] : [contest];
  });
  if (unfinished.length > 0)
    throw leadsActiveTeam(
      ctx,
      unfinished.map((c) => c.title),
    );

  // Without a publication no contest is in 'results', so "unfinished" in SQL is: a contest of the
  // catalog that has no publication row.
  const catalogSlugs = ctx.catalog.contests.map((c) => c.slug);
  const clear: SQL = sql`not exists ${ctx.db
    .select({ one: sql`1` })
    .from(teams)
    .where(
      and(
        eq(teams.leaderId, user.id),
        inArray(teams.contestSlug, catalogSlugs),
        notInArray(
          teams.contestSlug,
          ctx.db.select({ slug: resultPublications.contestSlug }).from(resultPublications),
        ),
      ),
    )}`;
  const actor = pseudonym(ctx.config, user.id);
  const publishedContests = ctx.db.select({ slug: resultPublications.contestSlug }).from(resultPublications);
  const ownCompanies = ctx.db
    .select({ id: companies.id })
    .from(companies)
    .where(eq(companies.ownerId, user.id));
  const [, , , , , , , , , , , , , , , , , , deleted] = await ctx.db.batch([
    auditInsertWhere(
      ctx,
      {
        action: 'account.delete',
        targetType: 'user',
        targetId: actor,
        before: { role: user.role, emailVerified: user.emailVerified },
        after: null,
        actor: user,
      },
      clear,
    ),
    // What stays of the person's records follows the data map (functions/db/data-map.ts): erased
    // columns blanked, unapproved submissions withdrawn or deleted so no organizer can approve them.
    ctx.db
      .update(objections)
      .set(erasedValues(objections))
      .where(and(eq(objections.userId, user.id), clear)),
    ctx.db
      .update(voucherObjections)
      .set(erasedValues(voucherObjections))
      .where(and(eq(voucherObjections.userId, user.id), clear)),
    // An open voucher application nobody can answer any more: withdrawn (it frees its contract).
    ctx.db
      .update(voucherApplications)
      .set({ status: 'withdrawn', stage: null, updatedAt: ctx.now })
      .where(
        and(
          eq(voucherApplications.applicantId, user.id),
          inArray(voucherApplications.status, ['draft', 'submitted', 'returned']),
          clear,
        ),
      ),
    ctx.db
      .delete(communityMemberships)
      .where(
        and(
          inArray(communityMemberships.companyId, ownCompanies),
          eq(communityMemberships.status, 'pending'),
          clear,
        ),
      ),
    ctx.db
      .update(communityMemberships)
      .set(erasedValues(communityMemberships))
      .where(and(inArray(communityMemberships.companyId, ownCompanies), clear)),
    ctx.db
      .update(companies)
      .set({ status: 'withdrawn', updatedAt: ctx.now })
      .where(and(eq(companies.ownerId, user.id), eq(companies.status, 'pending'), clear)),
    ctx.db
      .update(companies)
      .set(erasedValues(companies))
      .where(and(eq(companies.ownerId, user.id), clear)),
    ctx.db.delete(products).where(and(eq(products.ownerId, user.id), ne(products.status, 'approved'), clear)),
    ctx.db
      .delete(productRevisions)
      .where(and(eq(productRevisions.submittedBy, user.id), ne(productRevisions.status, 'approved'), clear)),
    ctx.db.delete(outbox).where(and(eq(outbox.toEmail, account.email), clear)),
    ctx.db.delete(idempotencyKeys).where(and(storedAnswersOf(user.id, account.email), clear)),
    ctx.db.delete(rateLimits).where(and(countersOf(user.id, account.email), clear)),
    // Published results never change (decision 011): the judge's panel seats and scores of published
    // contests stay under the pseudonym; those of unpublished contests go, like a removed judge's.
    ctx.db
      .update(scores)
      .set({ judgeId: null, judgePseudonym: actor })
      .where(
        and(
          eq(scores.judgeId, user.id),
          inArray(
            scores.entryId,
            ctx.db
              .select({ id: entries.id })
              .from(entries)
              .where(inArray(entries.contestSlug, publishedContests)),
          ),
          clear,
        ),
      ),
    ctx.db
      .update(judgeAssignments)
      .set({ userId: null, judgePseudonym: actor })
      .where(
        and(
          eq(judgeAssignments.userId, user.id),
          inArray(judgeAssignments.contestSlug, publishedContests),
          clear,
        ),
      ),
    ctx.db.delete(scores).where(and(eq(scores.judgeId, user.id), clear)),
    ctx.db.delete(judgeAssignments).where(and(eq(judgeAssignments.userId, user.id), clear)),
    // Every picture the person uploaded, and their companies' licences (decision 019); a trigger
    // queues the R2 objects, deleted below once the batch has committed.
    ctx.db
      .delete(media)
      .where(
        and(
          or(
            eq(media.uploadedBy, user.id),
            and(inArray(media.companyId, ownCompanies), eq(media.kind, 'licence')),
          ),
          clear,
        ),
      ),
    ctx.db
      .delete(users)
      .where(and(eq(users.id, user.id), clear))
      .returning({ id: users.id }),
  ]);
  if (deleted.length === 0) throw leadsActiveTeam(ctx, []);
  eraseSoon(ctx);
}

/**
 * Idempotency rows that hold the user's data: API creates are scoped `api:<kind>:<user id>`, forms
 * `form:<path>:user:<user id>` (src/lib/forms.ts); sign-up answers are scoped by IP
 * (`api:signup:<ip>`, which may end in `:7` for IPv6) and hold the email in their body.
 */
function storedAnswersOf(userId: number, email: string): SQL {
  const { scope, body } = idempotencyKeys;
  return sql`((${scope} LIKE ${`api:%:${userId}`} AND ${scope} NOT LIKE 'api:signup:%')
    OR ${scope} LIKE ${`form:%:user:${userId}`}
    OR (${scope} LIKE 'api:signup:%' AND json_valid(${body}) AND json_extract(${body}, '$.email') = ${email}))`;
}

/**
 * Rate-limit counters of the person, which a new account with the same email would otherwise inherit:
 * keys end in `:user:<user id>` or in the email's `subjectKey` (`signin:ip-account:<ip>:…`, `reset:mail:…`).
 */
function countersOf(userId: number, email: string): SQL {
  const { key } = rateLimits;
  return sql`(${key} LIKE ${`%:user:${userId}`} OR ${key} LIKE ${`%:${subjectKey(email)}`})`;
}

function leadsActiveTeam(ctx: Pick<ServiceContext, 'locale'>, titles: Array<{ zh: string; en: string }>) {
  const names = titles.map((t) => (ctx.locale === 'zh-CN' ? t.zh : t.en));
  const contests = names.length > 0 ? names.join(ctx.locale === 'zh-CN' ? '、' : '", "') : '…';
  return new AppError(409, 'leads_active_team', 'auth.leadsActiveTeam', { contests });
}
