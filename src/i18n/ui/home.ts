/** UI strings of the home page and its figures. */
import type { Localized } from '~/functions/schemas/common';

export const homeStrings = {
  'home.title': { zh: '武汉一人公司与 AI 经济门户', en: "Wuhan's one-person companies and AI economy" },
  'home.lead': {
    zh: '找社区、看产品、报大赛：服务武汉每一位 OPC 创业者。',
    en: 'Find a community, discover products, enter a contest: for every OPC founder in Wuhan.',
  },
  'home.figures': { zh: '平台实时数据', en: 'Live figures' },
  'home.reported': { zh: '报道数据', en: 'Reported figures' },
  'home.featured': { zh: '热门 AI 产品与智能体', en: 'Popular AI products and agents' },
  'home.openContests': { zh: '正在报名的大赛', en: 'Contests open now' },
  'home.upcomingEvents': { zh: '近期活动', en: 'Upcoming events' },
  'home.more': { zh: '查看全部', en: 'See all' },
  'home.noOpenContests': { zh: '目前没有正在报名的大赛。', en: 'No contest is taking entries right now.' },
  'home.reportedSource': {
    zh: '数据来源：长江日报 2026 年 5 月 12 日报道《“打造全国数智经济一线城市”加速成势》',
    en: 'Source: Changjiang Daily, 12 May 2026, "Building a first-tier city of the digital-intelligence economy gathers pace"',
  },
  'figure.communities': { zh: 'OPC 社区', en: 'OPC communities' },
  'figure.companies': { zh: '已认证一人公司', en: 'Verified one-person companies' },
  'figure.products': { zh: 'AI 产品', en: 'AI products' },
  'figure.agents': { zh: '智能体', en: 'AI agents' },
  'figure.contests': { zh: '创新大赛', en: 'Contests' },
  'figure.teams': { zh: '参赛团队', en: 'Contest teams' },
} satisfies Record<string, Localized>;
