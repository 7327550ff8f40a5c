/** Builders of validated content for tests: each goes through the real schemas. */
import {
  type Catalog,
  type Community,
  type Contest,
  createCatalog,
  type Page,
  type VoucherProgramme,
} from '~/functions/content/catalog';
import { CommunityContent, ContestContent, PageContent } from '~/functions/schemas/content';

const l = (zh: string, en = zh) => ({ zh, en });

export function buildContest(slug = 'test-contest', overrides: Record<string, unknown> = {}): Contest {
  const data = ContestContent.parse({
    title: l('测试大赛', 'Test contest'),
    summary: l('测试用大赛', 'A contest for tests'),
    host: l('测试主办方', 'Test host'),
    timeline: {
      registrationOpens: '2026-09-01T09:00:00+08:00',
      registrationCloses: '2026-10-01T18:00:00+08:00',
      submissionCloses: '2026-10-31T23:59:59+08:00',
      judgingCloses: '2026-11-20T18:00:00+08:00',
    },
    objectionDays: 7,
    teamSize: { min: 2, max: 3 },
    tracks: [{ key: 'general', name: l('综合'), description: l('综合赛道') }],
    prizes: [{ key: 'first', name: l('一等奖'), count: 1, award: l('奖金 1 万元') }],
    rubric: [
      { key: 'innovation', name: l('创新性'), description: l('新意'), weight: 40, max: 10 },
      { key: 'impact', name: l('应用价值'), description: l('价值'), weight: 60, max: 5 },
    ],
    rules: l('规则', 'Rules'),
    ...overrides,
  });
  return { ...data, slug };
}

export function buildCommunity(slug = 'test-community', overrides: Record<string, unknown> = {}): Community {
  const data = CommunityContent.parse({
    name: l('测试社区', 'Test community'),
    sample: true,
    district: 'jiangan',
    address: l('合作路1号', '1 Hezuo Road'),
    operator: l('测试运营方', 'Test operator'),
    seats: 50,
    openedOn: '2026-03-01',
    focus: ['agents'],
    summary: l('测试'),
    description: l('测试'),
    contactEmail: 'hello@example.com',
    ...overrides,
  });
  return { ...data, slug };
}

/** A static page; the privacy page's `updatedOn` is the consent version recorded at sign-up. */
export function buildPage(slug = 'privacy', overrides: Record<string, unknown> = {}): Page {
  const data = PageContent.parse({
    title: l('隐私政策', 'Privacy Policy'),
    body: l('测试隐私政策', 'Test privacy policy'),
    updatedOn: '2026-05-20',
    ...overrides,
  });
  return { ...data, slug };
}

export function buildCatalog(
  parts: {
    communities?: Community[];
    contests?: Contest[];
    pages?: Page[];
    vouchers?: VoucherProgramme[];
  } = {},
): Catalog {
  return createCatalog({
    communities: parts.communities ?? [buildCommunity()],
    contests: parts.contests ?? [buildContest()],
    pages: parts.pages ?? [buildPage()],
    vouchers: parts.vouchers ?? [],
  });
}
