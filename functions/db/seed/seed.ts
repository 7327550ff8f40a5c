/**
 * Writes the demo records (functions/db/seed/demo-data.ts) into an empty database in one
 * transaction. Times are relative to the injected `now`, so a demo never depends on today's date.
 * Refuses a database that already has users: a second start neither duplicates nor wipes data, and
 * only rebuilds the products' search_text where what search reads has changed since.
 */
import { count } from 'drizzle-orm';
import type { PasswordHasher } from '../../auth/password';
import type { Catalog, Contest } from '../../content/catalog';
import { randomToken } from '../../lib/ids';
import { shanghaiIso } from '../../lib/shanghai-time';
import { productTextOf } from '../../schemas/product-fields';
import { insertPublication } from '../../services/judging/published-results';
import { productSearchText } from '../../services/products/product-search-text';
import { rebuildSearchText } from '../../services/products/rebuild-search-text';
import type { Db } from '../client';
import {
  communityMemberships,
  companies,
  entries,
  judgeAssignments,
  PRODUCT_PRICING,
  products,
  scores,
  teamMembers,
  teams,
  users,
  votes,
  voucherApplications,
  voucherBudgets,
  voucherCompanyYears,
  voucherProviders,
  vouchers,
} from '../schema';
import { DEMO_PASSWORD, demoCompanies, demoJudges, demoProducts, demoTeams, demoUsers } from './demo-data';
import { demoEvents } from './demo-events';
import { seedEvents } from './seed-events';

const DAY = 86_400_000;
export const PRIVACY_POLICY_VERSION = '2026-11-01';

export interface SeedSummary {
  seeded: boolean;
  users: number;
  companies: number;
  products: number;
  teams: number;
}

export { DEMO_PASSWORD, demoUsers };

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

/**
 * Pricing for every demo product and, for agents, a model and a filing number: fictional sample
 * facts (示例), in a fixed rotation so the seed stays deterministic.
 */
function demoFacts(index: number, kind: 'product' | 'agent') {
  const pricing = PRODUCT_PRICING[index % PRODUCT_PRICING.length];
  if (kind !== 'agent') return { pricing };
  const models = ['通用大模型（示例）', '开源 70B 模型微调（示例）', '行业大模型（示例）'];
  return {
    pricing,
    model: models[index % models.length],
    filingNumber: `Hubei-Sample-${String(202500 + index).padStart(6, '0')}（示例）`,
  };
}

export async function seedDemo(opts: {
  db: Db;
  catalog: Catalog;
  now: Date;
  hasher: PasswordHasher;
}): Promise<SeedSummary> {
  const { db, catalog, now, hasher } = opts;
  if (!(await isEmpty(db))) {
    // A database seeded earlier: bring its products' search_text up to what search reads now.
    await rebuildSearchText({ ctx: { db } });
    return { seeded: false, users: 0, companies: 0, products: 0, teams: 0 };
  }
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const hashes = await Promise.all(demoUsers.map(() => hasher.hash(DEMO_PASSWORD)));

  const publications: Array<{ contest: Contest; publishedAt: Date; publishedBy: number }> = [];
  await db.transaction(async (tx) => {
    const userIds = new Map<string, number>();
    for (const [i, u] of demoUsers.entries()) {
      const [row] = await tx
        .insert(users)
        .values({
          email: u.email.toLowerCase(),
          name: u.name,
          passwordHash: hashes[i] ?? '',
          role: u.role,
          emailVerifiedAt: u.emailVerified ? ago(300) : null,
          consentVersion: PRIVACY_POLICY_VERSION,
          consentedAt: ago(300),
          createdAt: ago(300),
          updatedAt: ago(300),
        })
        .returning({ id: users.id });
      if (row) userIds.set(u.key, row.id);
    }
    const userId = (key: string) => {
      const id = userIds.get(key);
      if (id === undefined) throw new Error(`demo data: unknown user "${key}"`);
      return id;
    };

    const companyIds = new Map<string, number>();
    for (const c of demoCompanies) {
      const [row] = await tx
        .insert(companies)
        .values({
          name: c.name,
          creditCode: c.creditCode,
          ownerId: userId(c.founderKey),
          founderName: c.founderName,
          district: c.district,
          businessScope: c.businessScope,
          website: c.website,
          status: c.status,
          rejectionReason: c.rejectionReason ?? null,
          reviewedBy: c.status === 'pending' ? null : userId('organizer'),
          reviewedAt: c.status === 'pending' ? null : ago(250),
          createdAt: ago(260),
          updatedAt: ago(250),
        })
        .returning({ id: companies.id });
      if (!row) continue;
      companyIds.set(c.key, row.id);
      for (const slug of c.communities) {
        if (!catalog.community(slug)) throw new Error(`demo data: unknown community "${slug}"`);
        await tx.insert(communityMemberships).values({
          companyId: row.id,
          communitySlug: slug,
          status: 'approved',
          decidedBy: userId('organizer'),
          decidedAt: ago(240),
          createdAt: ago(245),
        });
      }
    }
    const companyId = (key: string) => {
      const id = companyIds.get(key);
      if (id === undefined) throw new Error(`demo data: unknown company "${key}"`);
      return id;
    };
    const companyOwner = (key: string) => {
      const company = demoCompanies.find((c) => c.key === key);
      if (!company) throw new Error(`demo data: unknown company "${key}"`);
      return userId(company.founderKey);
    };

    // 四券 (示例数据): 算易通 provides compute and Token services; 影衡医疗 holds a compute grant in
    // 公示 (approved two days ago by two organizers), so the programme page shows its public list.
    for (const kind of ['compute', 'token']) {
      await tx.insert(voucherProviders).values({
        companyId: companyId('suanyitong'),
        kind,
        status: 'approved',
        decidedBy: userId('organizer'),
        decidedAt: ago(30),
        createdAt: ago(31),
      });
    }
    const computeProgramme = catalog.voucher('jiangan-compute-2026');
    if (computeProgramme) {
      const approvedAt = ago(2);
      const grant = 6_000_000;
      const [application] = await tx
        .insert(voucherApplications)
        .values({
          programmeSlug: computeProgramme.slug,
          companyId: companyId('yingheng'),
          applicantId: companyOwner('yingheng'),
          providerCompanyId: companyId('suanyitong'),
          contractRef: 'SYT-2026-0107',
          plannedSpendFen: 12_000_000,
          requestedFen: grant,
          declaredUnrelated: true,
          declaredNotSubsidised: true,
          status: 'approved',
          formalBy: userId('organizer'),
          reviewBy: userId('admin'),
          approvedBy: userId('organizer'),
          grantedFen: grant,
          grantYear: Number(shanghaiIso(approvedAt).slice(0, 4)),
          decidedAt: approvedAt,
          submittedAt: ago(6),
          createdAt: ago(7),
          updatedAt: approvedAt,
        })
        .returning({ id: voucherApplications.id });
      if (application) {
        const issueAfter = new Date(approvedAt.getTime() + computeProgramme.publicNoticeDays * 86_400_000);
        await tx.insert(vouchers).values({
          applicationId: application.id,
          programmeSlug: computeProgramme.slug,
          companyId: companyId('yingheng'),
          providerCompanyId: companyId('suanyitong'),
          serial: 'C2026-DEMO0001',
          amountFen: grant,
          issueAfter,
          expiresAt: new Date(issueAfter.getTime() + computeProgramme.validityDays * 86_400_000),
          createdAt: approvedAt,
          updatedAt: approvedAt,
        });
        await tx.insert(voucherBudgets).values({
          programmeSlug: computeProgramme.slug,
          budgetFen: computeProgramme.budget,
          committedFen: grant,
        });
        await tx.insert(voucherCompanyYears).values({
          series: computeProgramme.series ?? computeProgramme.slug,
          companyId: companyId('yingheng'),
          year: Number(shanghaiIso(approvedAt).slice(0, 4)),
          grantedFen: grant,
          capFen: computeProgramme.capPerCompanyYear,
        });
      }
    }

    // Two compute applications waiting for organizers: one at 形式审查, one passed by the admin
    // and waiting for 复核 (which the organizer may do; the admin may not).
    if (computeProgramme) {
      for (const [key, contractRef, stage] of [
        ['zhanqiao', 'SYT-2026-0188', 'formal'],
        ['yanchi', 'SYT-2026-0203', 'review'],
      ] as const) {
        await tx.insert(voucherApplications).values({
          programmeSlug: computeProgramme.slug,
          companyId: companyId(key),
          applicantId: companyOwner(key),
          providerCompanyId: companyId('suanyitong'),
          contractRef,
          plannedSpendFen: key === 'zhanqiao' ? 16_000_000 : 48_000_000,
          requestedFen: key === 'zhanqiao' ? 8_000_000 : 20_000_000,
          declaredUnrelated: true,
          declaredNotSubsidised: true,
          status: 'submitted',
          stage,
          formalBy: stage === 'review' ? userId('admin') : null,
          submittedAt: ago(key === 'zhanqiao' ? 1 : 3),
          createdAt: ago(4),
          updatedAt: ago(1),
        });
      }
    }

    // The demo founder's Token券 application, returned at 形式审查 with a reason to answer.
    if (catalog.voucher('jiangan-token-2026')) {
      await tx.insert(voucherApplications).values({
        programmeSlug: 'jiangan-token-2026',
        companyId: companyId('lawbot'),
        applicantId: userId('founder'),
        providerCompanyId: companyId('suanyitong'),
        contractRef: 'SYT-TK-2026-0311',
        plannedSpendFen: 4_000_000,
        requestedFen: 2_000_000,
        declaredUnrelated: true,
        declaredNotSubsidised: true,
        status: 'returned',
        reason: '请在合同编号后补充合同签订日期，并说明计划 Token 支出的测算依据。',
        submittedAt: ago(4),
        createdAt: ago(5),
        updatedAt: ago(3),
      });
    }

    const voters = demoUsers.filter((u) => u.emailVerified).map((u) => userId(u.key));
    const productIds = new Map<string, number>();
    for (const [index, p] of demoProducts.entries()) {
      const owner = demoCompanies.find((c) => c.key === p.companyKey);
      const [row] = await tx
        .insert(products)
        .values({
          companyId: companyId(p.companyKey),
          ownerId: owner ? userId(owner.founderKey) : null,
          ...productTextOf({ ...demoFacts(index, p.kind), ...p }),
          status: p.status,
          rejectionReason: p.rejectionReason ?? null,
          searchText: productSearchText(p),
          approvedAt: p.status === 'approved' ? ago(p.daysAgo) : null,
          createdAt: ago(p.daysAgo + 2),
          updatedAt: ago(p.daysAgo),
        })
        .returning({ id: products.id });
      if (!row) continue;
      productIds.set(p.name, row.id);
      if (p.status === 'approved' && p.votes > 0) {
        await tx
          .insert(votes)
          .values(
            voters
              .slice(0, p.votes)
              .map((voter) => ({ userId: voter, productId: row.id, createdAt: ago(p.daysAgo / 2) })),
          );
      }
    }

    for (const team of demoTeams) {
      const contest = catalog.contest(team.contest);
      if (!contest) throw new Error(`demo data: unknown contest "${team.contest}"`);
      const created = new Date(contest.timeline.registrationOpens.getTime() + DAY);
      const [row] = await tx
        .insert(teams)
        .values({
          contestSlug: team.contest,
          track: team.track,
          name: team.name,
          leaderId: userId(team.leaderKey),
          companyId: team.companyKey ? companyId(team.companyKey) : null,
          inviteCode: randomToken(10),
          createdAt: created,
          updatedAt: created,
        })
        .returning({ id: teams.id });
      if (!row) continue;
      await tx.insert(teamMembers).values(
        [team.leaderKey, ...team.memberKeys].map((key) => ({
          teamId: row.id,
          userId: userId(key),
          contestSlug: team.contest,
          joinedAt: created,
        })),
      );
      if (!team.entry) continue;
      const [entry] = await tx
        .insert(entries)
        .values({
          teamId: row.id,
          contestSlug: team.contest,
          title: team.entry.title,
          summary: team.entry.summary,
          demoUrl: team.entry.demoUrl,
          repoUrl: team.entry.repoUrl,
          productId: team.entry.productName ? (productIds.get(team.entry.productName) ?? null) : null,
          status: team.entry.status,
          prizeKey: team.entry.prizeKey ?? null,
          createdAt: created,
          updatedAt: created,
        })
        .returning({ id: entries.id });
      if (!entry || !team.scores) continue;
      for (const [judgeKey, criteria] of Object.entries(team.scores)) {
        await tx.insert(scores).values(
          Object.entries(criteria).map(([criterion, score]) => ({
            entryId: entry.id,
            judgeId: userId(judgeKey),
            criterion,
            score,
            comment: '',
            updatedAt: contest.timeline.submissionCloses,
          })),
        );
      }
    }

    for (const [slug, judgeKeys] of Object.entries(demoJudges)) {
      const contest = catalog.contest(slug);
      if (!contest) throw new Error(`demo data: unknown contest "${slug}"`);
      for (const key of judgeKeys) {
        await tx.insert(judgeAssignments).values({
          contestSlug: slug,
          userId: userId(key),
          assignedBy: userId('organizer'),
          createdAt: contest.timeline.registrationOpens,
        });
      }
      // A contest whose judging has closed gets its results published the day after (below).
      if (contest.timeline.judgingCloses.getTime() + DAY <= now.getTime()) {
        publications.push({
          contest,
          publishedAt: new Date(contest.timeline.judgingCloses.getTime() + DAY),
          publishedBy: userId('organizer'),
        });
      }
    }

    await seedEvents({
      tx,
      demoEvents,
      userId,
      organizerId: userId('organizer'),
      now,
      communityExists: (slug) => catalog.community(slug) !== undefined,
    });
  });

  // Published like an organizer does, with the results stored (decision 011).
  for (const { contest, ...publication } of publications) {
    await insertPublication(db, contest, publication);
  }

  return {
    seeded: true,
    users: demoUsers.length,
    companies: demoCompanies.length,
    products: demoProducts.length,
    teams: demoTeams.length,
  };
}
