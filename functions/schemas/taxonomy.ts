/** Fixed vocabularies with their labels in both languages. Keys appear in URLs and the database. */
import type { Localized } from './common';

const labelled = <K extends string>(entries: Record<K, Localized>) => ({
  keys: Object.keys(entries) as [K, ...K[]],
  labels: entries,
});

/** How a product is paid for (issue 14). */
export const productPricing = labelled({
  free: { zh: '免费', en: 'Free' },
  freemium: { zh: '基础免费', en: 'Freemium' },
  paid: { zh: '付费', en: 'Paid' },
  contact: { zh: '联系洽谈', en: 'Contact for pricing' },
});

export const districts = labelled({
  jiangan: { zh: '江岸区', en: "Jiang'an District" },
  jianghan: { zh: '江汉区', en: 'Jianghan District' },
  qiaokou: { zh: '硚口区', en: 'Qiaokou District' },
  hanyang: { zh: '汉阳区', en: 'Hanyang District' },
  wuchang: { zh: '武昌区', en: 'Wuchang District' },
  qingshan: { zh: '青山区', en: 'Qingshan District' },
  hongshan: { zh: '洪山区', en: 'Hongshan District' },
  dongxihu: { zh: '东西湖区', en: 'Dongxihu District' },
  caidian: { zh: '蔡甸区', en: 'Caidian District' },
  jiangxia: { zh: '江夏区', en: 'Jiangxia District' },
  huangpi: { zh: '黄陂区', en: 'Huangpi District' },
  xinzhou: { zh: '新洲区', en: 'Xinzhou District' },
  'east-lake-hi-tech': { zh: '东湖高新区', en: 'East Lake High-tech Zone' },
  'wuhan-edz': { zh: '武汉经开区', en: 'Wuhan Economic & Technological Development Zone' },
  'yangtze-new-area': { zh: '长江新区', en: 'Yangtze River New Area' },
});
export type District = (typeof districts.keys)[number];

export const focusAreas = labelled({
  'token-economy': { zh: 'Token 经济', en: 'Token economy' },
  agents: { zh: '智能体', en: 'AI agents' },
  'foundation-models': { zh: '大模型应用', en: 'Foundation model applications' },
  data: { zh: '数据要素', en: 'Data' },
  compute: { zh: '算力服务', en: 'Compute' },
  'embodied-ai': { zh: '具身智能', en: 'Embodied AI' },
  'industrial-ai': { zh: '工业智能', en: 'Industrial AI' },
  education: { zh: '智慧教育', en: 'Education' },
  healthcare: { zh: '智慧医疗', en: 'Healthcare' },
  'content-creation': { zh: '内容创作', en: 'Content creation' },
  'low-altitude': { zh: '低空经济', en: 'Low-altitude economy' },
  'urban-renewal': { zh: '城市更新', en: 'Urban renewal' },
});
export type FocusArea = (typeof focusAreas.keys)[number];

export const voucherKinds = labelled({
  token: { zh: 'Token券', en: 'Token vouchers' },
  compute: { zh: '算力券', en: 'Compute vouchers' },
  model: { zh: '模型券', en: 'Model vouchers' },
  data: { zh: '数据券', en: 'Data vouchers' },
});
export type VoucherKind = (typeof voucherKinds.keys)[number];

export const productKinds = labelled({
  product: { zh: 'AI 产品', en: 'AI product' },
  agent: { zh: '智能体', en: 'AI agent' },
});
export type ProductKind = (typeof productKinds.keys)[number];

export const productCategories = labelled({
  'gov-services': { zh: '政务服务', en: 'Government services' },
  legal: { zh: '法律', en: 'Legal' },
  healthcare: { zh: '医疗健康', en: 'Healthcare' },
  education: { zh: '教育', en: 'Education' },
  manufacturing: { zh: '智能制造', en: 'Manufacturing' },
  finance: { zh: '金融', en: 'Finance' },
  marketing: { zh: '营销与内容', en: 'Marketing & content' },
  'dev-tools': { zh: '开发者工具', en: 'Developer tools' },
  data: { zh: '数据服务', en: 'Data services' },
  research: { zh: '科研', en: 'Research' },
  logistics: { zh: '物流与交通', en: 'Logistics & mobility' },
  agriculture: { zh: '农业', en: 'Agriculture' },
  'culture-tourism': { zh: '文旅', en: 'Culture & tourism' },
  office: { zh: '办公效率', en: 'Productivity' },
});
export type ProductCategory = (typeof productCategories.keys)[number];
