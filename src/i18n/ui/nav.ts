/** UI strings of the main navigation, the language switch and the footer. */
import type { Localized } from '~/functions/schemas/common';

export const navStrings = {
  'nav.label': { zh: '主导航', en: 'Main navigation' },
  'nav.home': { zh: '首页', en: 'Home' },
  'nav.communities': { zh: 'OPC 社区', en: 'OPC communities' },
  'nav.products': { zh: 'AI 产品与智能体', en: 'AI products & agents' },
  'nav.contests': { zh: '创新大赛', en: 'Contests' },
  'nav.events': { zh: '活动', en: 'Events' },
  'nav.vouchers': { zh: '四券', en: 'Vouchers' },
  'nav.about': { zh: '关于', en: 'About' },
  'nav.skip': { zh: '跳到正文', en: 'Skip to content' },
  'lang.switch': { zh: 'English', en: '中文' },
  'footer.icp': { zh: 'ICP 备案号', en: 'ICP licence' },
  'footer.privacy': { zh: '隐私政策', en: 'Privacy policy' },
  'footer.api': { zh: '开放 API', en: 'Open API' },
  'footer.rss': { zh: 'RSS 订阅', en: 'RSS feed' },
  'footer.sample': {
    zh: '本站社区、企业、产品与团队均为示例数据，报道数据引自长江日报。',
    en: 'Communities, companies, products and teams on this site are sample data; reported figures are cited from the Changjiang Daily.',
  },
} satisfies Record<string, Localized>;
