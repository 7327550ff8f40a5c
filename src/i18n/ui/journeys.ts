/** UI strings of the front door: the home page's actions, the carried sign-in, 申请入驻, the phone menu. */
import type { Localized } from '~/functions/schemas/common';

export const journeysStrings = {
  'start.who': {
    zh: '面向在武汉创业的一人公司（OPC）创始人：登记公司、展示 AI 产品、组队参赛、参加活动，都在这里。',
    en: 'For founders of one-person companies (OPC) in Wuhan: register your company, show your AI products, enter contests as a team and join events, all in one place.',
  },
  'start.actions': { zh: '从这里开始', en: 'Get started' },
  'start.company': { zh: '登记一人公司', en: 'Register your company' },
  'start.product': { zh: '提交产品', en: 'Submit a product' },
  'start.contest': { zh: '报名大赛', en: 'Enter a contest' },
  'start.event': { zh: '参加活动', en: 'Join an event' },
  'start.how': { zh: '如何使用', en: 'How it works' },
  'start.step1': {
    zh: '注册账号并验证邮箱（约 1 分钟）。',
    en: 'Create an account and verify your email (about a minute).',
  },
  'start.step2': {
    zh: '登记你的一人公司，提交统一社会信用代码，由运营方核验。',
    en: 'Register your one-person company with its unified social credit code; the operators verify it.',
  },
  'start.step3': {
    zh: '提交 AI 产品或智能体、申请入驻社区、组队报名大赛。',
    en: 'Submit AI products or agents, apply to a community, and enter contests as a team.',
  },
  'start.step4': {
    zh: '报名工作坊与沙龙，结识同城创业者。',
    en: 'Register for workshops and meetups and meet other founders in the city.',
  },
  'signin.continue': {
    zh: '请先登录以继续；还没有账号可以先注册，验证邮箱后会回到你刚才要去的页面。',
    en: 'Sign in to continue. No account yet? Sign up: once your email is verified you come back to where you were going.',
  },
  'apply.join': { zh: '申请入驻', en: 'Apply to join' },
  'apply.joinHint': {
    zh: '已登记的一人公司可申请入驻本社区；还没有公司的，会先引导你登记。',
    en: 'A registered one-person company can apply to join this community; if you have none yet, you will register one first.',
  },
  'apply.title': { zh: '申请入驻{community}', en: 'Apply to join {community}' },
  'apply.choose': { zh: '选择以哪家公司申请：', en: 'Choose which company applies:' },
  'about.operator': { zh: '运营方与联系方式', en: 'Operator and contact' },
  'about.operatorName': { zh: '运营方', en: 'Operator' },
  'about.address': { zh: '地址', en: 'Address' },
  'about.contact': { zh: '联系邮箱', en: 'Email' },
  'nav.menu': { zh: '菜单', en: 'Menu' },
  'nav.judge': { zh: '评审', en: 'Judging' },
  'nav.admin': { zh: '管理', en: 'Admin' },
} satisfies Record<string, Localized>;
