/**
 * A generated catalogue for the benchmark: founders (users), their one-person companies with
 * community memberships, and `products` AI products and agents with varied Chinese names, taglines
 * and descriptions, written through the same schema, triggers (FTS5, product_tags,
 * product_listings) and search text (functions/lib/search-text.ts) as the portal's own writes.
 * Plus pre-seeded sessions (functions/auth/session.ts) for the signed-in pages.
 *
 * Deterministic (a seeded PRNG), so two runs at one size measure the same catalogue. Rows go in as
 * multi-row INSERTs inside one transaction per chunk on the Node `file:` client.
 */
import type { Client } from '@libsql/client';
import { newSession, SESSION_COOKIE, validateSessionToken } from '~/functions/auth/session';
import { CLAIMS_COOKIE, encodeClaims } from '~/functions/auth/session-claims';
import { createDb, type Db } from '~/functions/db/client';
import {
  communityMemberships,
  companies,
  eventRegistrations,
  events,
  products,
  sessions,
  users,
} from '~/functions/db/schema';
import { creditCodeCheckChar } from '~/functions/lib/credit-code';
import { districts, productCategories } from '~/functions/schemas/taxonomy';
import { productSearchText } from '~/functions/services/products/product-search-text';
import { openClient } from './database';

/** The word of the "rare" search: in no word list below, put into exactly RARE_MATCHES products. */
export const RARE_TERM = '琥珀';
export const RARE_MATCHES = 40;
/** The word of the common search: in every healthcare product and in some other descriptions. */
export const COMMON_TERM = '医疗';
/** The bench event and how many people registered for it. */
export const BENCH_EVENT = 'bench-ai-workshop';
export const EVENT_REGISTRATIONS = 2000;

const DAY = 86_400_000;
const CHUNK = 500;

type Category = (typeof productCategories.keys)[number];

// What each category's products do, in the founders' own words.
const TASKS: Record<Category, string[]> = {
  'gov-services': ['政务咨询', '办事指南', '政策匹配', '补贴申报', '证照办理'],
  legal: ['合同审查', '法律咨询', '劳动仲裁', '知识产权', '合规检查'],
  healthcare: ['医疗影像', '医疗随访', '病历整理', '医疗问诊', '用药提醒'],
  education: ['作业批改', '课程设计', '口语陪练', '错题分析', '教案生成'],
  manufacturing: ['质检识别', '设备巡检', '排产优化', '工艺参数', '能耗分析'],
  finance: ['财税申报', '发票识别', '记账对账', '投融资分析', '风控评估'],
  marketing: ['营销文案', '短视频脚本', '直播话术', '品牌设计', '社媒运营'],
  'dev-tools': ['代码评审', '接口测试', '日志分析', '文档生成', '运维告警'],
  data: ['数据清洗', '数据标注', '报表分析', '知识图谱', '数据治理'],
  research: ['文献综述', '实验记录', '论文润色', '专利检索', '科研绘图'],
  logistics: ['路径规划', '仓储调度', '运单识别', '车队管理', '冷链监控'],
  agriculture: ['病虫害识别', '农事记录', '产量预测', '土壤检测', '农产品溯源'],
  'culture-tourism': ['景区导览', '行程规划', '文创设计', '非遗讲解', '民宿运营'],
  office: ['会议纪要', '邮件助手', '日程安排', '表格处理', '知识库问答'],
};
const BRANDS = [
  '青禾',
  '云帆',
  '星算',
  '楚天',
  '江城',
  '知行',
  '汉韵',
  '东湖',
  '光谷',
  '长江',
  '木兰',
  '黄鹤',
  '晴川',
  '墨砚',
  '灵犀',
  '拾光',
  '远山',
  '微澜',
  '鹿鸣',
  '栈桥',
  '匠心',
  '简办',
  '小行',
  '易通',
];
const SUFFIXES = ['助手', '智能体', '平台', '工具', '系统', 'Agent', 'Copilot', '大师', '管家', '工作台'];
const AUDIENCES = [
  '一人公司',
  '小微企业',
  '基层医生',
  '中小律所',
  '一线教师',
  '工厂质检员',
  '电商卖家',
  '独立开发者',
  '科研人员',
  '合作社农户',
  '文旅商家',
  '财务人员',
  '社区工作者',
  '物流司机',
];
const BENEFITS = [
  '效率提升三倍',
  '出错率明显下降',
  '几分钟完成过去半天的工作',
  '随时随地在手机上使用',
  '数据留在本地更安心',
  '按次计费成本可控',
  '支持私有化部署',
  '对接常用办公软件',
];
const TECHS = [
  '大模型',
  '多模态模型',
  '检索增强生成',
  '知识库',
  '工作流编排',
  '语音识别',
  '图像识别',
  '智能体',
];
const TAGS = ['agent', 'llm', 'rag', 'workflow', '多模态', '知识库', '开源', 'SaaS', '私有化', '小程序'];
const SURNAMES = [
  '陈',
  '王',
  '李',
  '张',
  '刘',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
];
const GIVEN = [
  '思远',
  '子航',
  '晓彤',
  '浩然',
  '雨桐',
  '博文',
  '思琪',
  '俊杰',
  '文静',
  '书宁',
  '一帆',
  '嘉宁',
];

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface BenchCatalogue {
  products: number;
  companies: number;
  users: number;
  /** `opc_session=<token>` cookies of founders who own a company with products. */
  sessionCookies: string[];
  /** An organizer's session cookie (the admin page of the bench event). */
  organizerCookie: string;
  /** An event with EVENT_REGISTRATIONS confirmed registrations, the session founders' among them. */
  eventSlug: string;
  /** An approved product's id (for the detail page). */
  productId: number;
  rareTerm: string;
  commonTerm: string;
}

export interface SeedProgress {
  start(total: number): void;
  update(done: number): void;
  stop(): void;
}

/**
 * Adds `count` products (with their founders and companies) and `sessionCount` sessions to a
 * migrated, demo-seeded database file. `now` is the portal's clock (TEST_NOW).
 */
export async function seedBenchCatalogue(opts: {
  file: string;
  count: number;
  now: Date;
  communities: readonly string[];
  sessionCount?: number;
  progress?: SeedProgress;
  /** The portal's PASSWORD_PEPPER, which signs the claims cookie (decision 023). */
  claimsSecret: string;
}): Promise<BenchCatalogue> {
  const client = await openClient(`file:${opts.file}`);
  try {
    return await seed(client, createDb(client), opts);
  } finally {
    client.close();
  }
}

async function seed(
  client: Client,
  db: Db,
  opts: Parameters<typeof seedBenchCatalogue>[0],
): Promise<BenchCatalogue> {
  const random = prng(opts.count);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const { now, count } = opts;
  const companyCount = Math.max(20, Math.round(count / 10));
  const userCount = Math.max(10, Math.round(companyCount / 2));
  await client.execute('PRAGMA synchronous = OFF');
  const inChunks = async <T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
  };

  // Founders. The password hash is a placeholder: they only ever use pre-seeded sessions.
  const userRows = Array.from({ length: userCount }, (_, i) => ({
    email: `bench-founder-${i}@example.com`,
    name: `${pick(SURNAMES)}${pick(GIVEN)}`,
    passwordHash: 'pbkdf2-sha256$1$AAAA$AAAA',
    emailVerifiedAt: new Date(now.getTime() - 400 * DAY),
    consentVersion: 'bench',
    consentedAt: new Date(now.getTime() - 400 * DAY),
    createdAt: new Date(now.getTime() - 400 * DAY),
    updatedAt: new Date(now.getTime() - 400 * DAY),
  }));
  const userIds: number[] = [];
  await db.transaction(async (tx) => {
    await inChunks(userRows, async (chunk) => {
      const ids = await tx.insert(users).values(chunk).returning({ id: users.id });
      userIds.push(...ids.map((r) => r.id));
    });
  });

  // Companies, each an approved member of one or two communities.
  const districtKeys = districts.keys;
  const companyRows = Array.from({ length: companyCount }, (_, i) => {
    const body = `91420100MA${String(i).padStart(7, '0')}`;
    return {
      name: `武汉${pick(BRANDS)}${pick(BRANDS)}智能科技有限公司`,
      creditCode: body + creditCodeCheckChar(body),
      ownerId: userIds[i % userIds.length] ?? null,
      founderName: `${pick(SURNAMES)}${pick(GIVEN)}`,
      district: pick(districtKeys),
      businessScope: '人工智能应用软件开发；信息技术咨询服务',
      status: 'verified' as const,
      createdAt: new Date(now.getTime() - 380 * DAY),
      updatedAt: new Date(now.getTime() - 380 * DAY),
    };
  });
  const companyIds: number[] = [];
  await db.transaction(async (tx) => {
    await inChunks(companyRows, async (chunk) => {
      const ids = await tx.insert(companies).values(chunk).returning({ id: companies.id });
      companyIds.push(...ids.map((r) => r.id));
    });
    const memberships = companyIds.flatMap((companyId, i) => {
      const first = opts.communities[i % opts.communities.length];
      const second = opts.communities[(i * 7 + 3) % opts.communities.length];
      return [first, second !== first ? second : undefined]
        .filter((slug): slug is string => slug !== undefined)
        .map((communitySlug) => ({
          companyId,
          communitySlug,
          status: 'approved' as const,
          createdAt: new Date(now.getTime() - 370 * DAY),
          decidedAt: new Date(now.getTime() - 365 * DAY),
        }));
    });
    await inChunks(memberships, (chunk) => tx.insert(communityMemberships).values(chunk));
  });

  // Products: ~90% approved over the last two years, votes skewed towards a few.
  const categories = productCategories.keys;
  const rareEvery = Math.max(1, Math.floor(count / RARE_MATCHES));
  const productRow = (i: number) => {
    const category = categories[i % categories.length] as Category;
    const task = pick(TASKS[category]);
    const rare = i % rareEvery === 0 && i / rareEvery < RARE_MATCHES;
    const name = `${rare ? RARE_TERM : pick(BRANDS)}${task}${pick(SUFFIXES)}`;
    const audience = pick(AUDIENCES);
    const tagline = `为${audience}提供${task}服务，${pick(BENEFITS)}`;
    const description = [
      `基于${pick(TECHS)}的${task}${pick(SUFFIXES)}，面向${audience}。`,
      `支持${pick(TASKS[pick(categories)])}与${pick(TASKS[category])}，${pick(BENEFITS)}。`,
      random() < 0.05 ? `也可用于${COMMON_TERM}机构的日常工作。` : `由武汉${pick(BRANDS)}团队开发维护。`,
    ].join('');
    const tags = [...new Set([pick(TAGS), pick(TAGS), task.slice(0, 2)])];
    const roll = random();
    const status =
      roll < 0.9 ? ('approved' as const) : roll < 0.95 ? ('pending' as const) : ('rejected' as const);
    const created = new Date(now.getTime() - Math.floor(random() * 730 * DAY) - DAY);
    const companyIndex = i % companyIds.length;
    return {
      companyId: companyIds[companyIndex] ?? 0,
      ownerId: userIds[companyIndex % userIds.length] ?? null,
      name,
      tagline,
      description,
      website: `https://p${i}.bench.example.com`,
      kind: random() < 0.35 ? ('agent' as const) : ('product' as const),
      category,
      tags,
      status,
      rejectionReason: status === 'rejected' ? '信息不完整' : null,
      searchText: productSearchText({ name, tagline, description, tags }),
      voteCount: status === 'approved' ? Math.floor(random() ** 6 * 400) : 0,
      approvedAt: status === 'approved' ? new Date(created.getTime() + DAY / 2) : null,
      createdAt: created,
      updatedAt: created,
    };
  };
  opts.progress?.start(count);
  let productId = 0;
  for (let from = 0; from < count; from += CHUNK * 4) {
    const to = Math.min(count, from + CHUNK * 4);
    await db.transaction(async (tx) => {
      for (let i = from; i < to; i += CHUNK) {
        const rows = Array.from({ length: Math.min(CHUNK, to - i) }, (_, j) => productRow(i + j));
        const ids = await tx
          .insert(products)
          .values(rows)
          .returning({ id: products.id, status: products.status });
        productId ||= ids.find((r) => r.status === 'approved')?.id ?? 0;
      }
    });
    opts.progress?.update(to);
  }
  opts.progress?.stop();

  // Sessions of founders who own companies (and so products), made as sign-in makes them.
  const tokens: string[] = [];
  const sessionRows = Array.from({ length: opts.sessionCount ?? 20 }, (_, i) => {
    const { row, session } = newSession(userIds[i % userIds.length] ?? 0, now);
    tokens.push(session.token);
    return row;
  });
  await db.insert(sessions).values(sessionRows);

  // An event a month ahead with EVENT_REGISTRATIONS registrations (issue 17): the founders with
  // sessions hold seats (their event page shows their ticket), and the rest are people who only
  // registered. An organizer's session opens its admin page with the registration list.
  const [event] = await db
    .insert(events)
    .values({
      slug: BENCH_EVENT,
      status: 'published',
      titleZh: '一人公司 AI 工作坊（基准测试）',
      summaryZh: '基准测试用的活动。',
      descriptionZh: '基准测试用的活动：两千人报名。',
      venueZh: '武汉市江岸区合作路 1 号',
      startsAt: new Date(now.getTime() + 30 * DAY),
      endsAt: new Date(now.getTime() + 30 * DAY + 3 * 3_600_000),
      capacity: EVENT_REGISTRATIONS + 100,
      createdAt: new Date(now.getTime() - 10 * DAY),
      updatedAt: new Date(now.getTime() - 10 * DAY),
    })
    .returning({ id: events.id });
  const attendeeRows = Array.from({ length: Math.max(0, EVENT_REGISTRATIONS - userIds.length) }, (_, i) => ({
    ...userRows[0],
    email: `bench-attendee-${i}@example.com`,
    name: `${pick(SURNAMES)}${pick(GIVEN)}`,
  }));
  const attendeeIds: number[] = [];
  await db.transaction(async (tx) => {
    await inChunks(attendeeRows as typeof userRows, async (chunk) => {
      const ids = await tx.insert(users).values(chunk).returning({ id: users.id });
      attendeeIds.push(...ids.map((r) => r.id));
    });
    const registrants = [...userIds, ...attendeeIds].slice(0, EVENT_REGISTRATIONS);
    const registrationRows = registrants.map((userId, i) => ({
      eventId: event?.id ?? 0,
      userId,
      status: 'confirmed' as const,
      ticketCode: `BENCH${String(i).padStart(11, '0')}`,
      queueSeq: i + 1,
      createdAt: new Date(now.getTime() - 5 * DAY + i * 1000),
      updatedAt: new Date(now.getTime() - 5 * DAY + i * 1000),
    }));
    await inChunks(registrationRows, (chunk) => tx.insert(eventRegistrations).values(chunk));
  });
  const [organizer] = await db
    .insert(users)
    .values({
      ...userRows[0],
      email: 'bench-organizer@example.com',
      name: '王敏',
      role: 'organizer',
    } as (typeof userRows)[number])
    .returning({ id: users.id });
  const organizerSession = newSession(organizer?.id ?? 0, now);
  await db.insert(sessions).values(organizerSession.row);
  // The cookies a browser holds after its first page: the session and its claims (decision 023).
  const cookies = await Promise.all(tokens.map((token) => signedInCookie(db, token, now, opts.claimsSecret)));
  const organizerCookie = await signedInCookie(db, organizerSession.session.token, now, opts.claimsSecret);
  await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');

  return {
    products: count,
    companies: companyCount,
    users: userCount,
    sessionCookies: cookies,
    organizerCookie,
    eventSlug: BENCH_EVENT,
    productId,
    rareTerm: RARE_TERM,
    commonTerm: COMMON_TERM,
  };
}

/** The Cookie header of a browser signed in with `token`: the session and the claims beside it. */
async function signedInCookie(db: Db, token: string, now: Date, secret: string): Promise<string> {
  const session = await validateSessionToken(db, token, now);
  if (!session) throw new Error('a bench session did not validate');
  return `${SESSION_COOKIE}=${token}; ${CLAIMS_COOKIE}=${encodeClaims({ sessionId: session.sessionId, user: session.user }, secret)}`;
}
