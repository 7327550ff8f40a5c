/**
 * PIPL access: everything held about the signed-in user, in one batch (one round trip). The password
 * hash and session secrets are never included; sessions show only when they were made and expire,
 * personal access tokens only their name, scopes and dates.
 */
import { desc, eq, inArray } from 'drizzle-orm';
import { requireUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import {
  accessTokens,
  auditLog,
  communityMemberships,
  companies,
  entries,
  eventRegistrations,
  events,
  judgeAssignments,
  objections,
  outbox,
  productRevisions,
  products,
  scores,
  sessions,
  teamMembers,
  teams,
  users,
  votes,
} from '../../db/schema';
import { pseudonym } from '../../lib/audit';
import { unauthorized } from '../../lib/errors';
import { productColumns } from '../me/own-records';

export async function exportData({ ctx }: { ctx: ServiceContext }) {
  const user = requireUser(ctx);
  const { db } = ctx;
  const ownCompanyIds = db.select({ id: companies.id }).from(companies).where(eq(companies.ownerId, user.id));
  const myTeamIds = db
    .select({ id: teamMembers.teamId })
    .from(teamMembers)
    .where(eq(teamMembers.userId, user.id));
  const actor = pseudonym(ctx.config, user.id);
  const [
    profile,
    sessionRows,
    companyRows,
    membershipRows,
    productRows,
    revisionRows,
    voteRows,
    teamRows,
    entryRows,
    objectionRows,
    judgeRows,
    scoreRows,
    eventRows,
    mailRows,
    auditRows,
    tokenRows,
  ] = await db.batch([
    db
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        locale: users.locale,
        emailVerifiedAt: users.emailVerifiedAt,
        consentVersion: users.consentVersion,
        consentedAt: users.consentedAt,
        createdAt: users.createdAt,
        updatedAt: users.updatedAt,
      })
      .from(users)
      .where(eq(users.id, user.id)),
    db
      .select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt })
      .from(sessions)
      .where(eq(sessions.userId, user.id))
      .orderBy(desc(sessions.createdAt)),
    db.select().from(companies).where(eq(companies.ownerId, user.id)),
    db.select().from(communityMemberships).where(inArray(communityMemberships.companyId, ownCompanyIds)),
    db.select(productColumns).from(products).where(eq(products.ownerId, user.id)),
    db.select().from(productRevisions).where(eq(productRevisions.submittedBy, user.id)),
    db
      .select({ productId: votes.productId, productName: products.name, createdAt: votes.createdAt })
      .from(votes)
      .innerJoin(products, eq(products.id, votes.productId))
      .where(eq(votes.userId, user.id)),
    db
      .select({
        id: teams.id,
        contestSlug: teams.contestSlug,
        track: teams.track,
        name: teams.name,
        leaderId: teams.leaderId,
        inviteCode: teams.inviteCode,
        joinedAt: teamMembers.joinedAt,
      })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .where(eq(teamMembers.userId, user.id)),
    db.select().from(entries).where(inArray(entries.teamId, myTeamIds)),
    db.select().from(objections).where(eq(objections.userId, user.id)),
    db
      .select({ contestSlug: judgeAssignments.contestSlug, createdAt: judgeAssignments.createdAt })
      .from(judgeAssignments)
      .where(eq(judgeAssignments.userId, user.id)),
    db.select().from(scores).where(eq(scores.judgeId, user.id)),
    db
      .select({
        event: events.slug,
        status: eventRegistrations.status,
        answers: eventRegistrations.answers,
        ticketCode: eventRegistrations.ticketCode,
        declineReason: eventRegistrations.declineReason,
        checkedInAt: eventRegistrations.checkedInAt,
        createdAt: eventRegistrations.createdAt,
        updatedAt: eventRegistrations.updatedAt,
      })
      .from(eventRegistrations)
      .innerJoin(events, eq(events.id, eventRegistrations.eventId))
      .where(eq(eventRegistrations.userId, user.id)),
    db
      .select({
        id: outbox.id,
        template: outbox.template,
        subject: outbox.subject,
        body: outbox.body,
        status: outbox.status,
        createdAt: outbox.createdAt,
        sentAt: outbox.sentAt,
      })
      .from(outbox)
      .where(eq(outbox.toEmail, user.email))
      .orderBy(desc(outbox.id)),
    db
      .select({
        action: auditLog.action,
        targetType: auditLog.targetType,
        targetId: auditLog.targetId,
        createdAt: auditLog.createdAt,
      })
      .from(auditLog)
      .where(eq(auditLog.actor, actor))
      .orderBy(desc(auditLog.createdAt)),
    db
      .select({
        name: accessTokens.name,
        scopes: accessTokens.scopes,
        createdAt: accessTokens.createdAt,
        expiresAt: accessTokens.expiresAt,
        lastUsedAt: accessTokens.lastUsedAt,
      })
      .from(accessTokens)
      .where(eq(accessTokens.userId, user.id))
      .orderBy(desc(accessTokens.createdAt)),
  ]);
  const account = profile[0];
  if (!account) throw unauthorized();
  return {
    exportedAt: ctx.now.toISOString(),
    profile: account,
    sessions: sessionRows,
    accessTokens: tokenRows,
    companies: companyRows,
    communityMemberships: membershipRows,
    products: productRows,
    productRevisions: revisionRows,
    votes: voteRows,
    teams: teamRows.map(({ leaderId, ...team }) => ({ ...team, isLeader: leaderId === user.id })),
    entries: entryRows,
    objections: objectionRows,
    judgeAssignments: judgeRows,
    scores: scoreRows,
    eventRegistrations: eventRows,
    mail: mailRows,
    auditPseudonym: actor,
    auditActions: auditRows,
  };
}

export type DataExport = Awaited<ReturnType<typeof exportData>>;
