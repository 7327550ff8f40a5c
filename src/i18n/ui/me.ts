/** UI strings of a founder's own submissions (我的) and their review status. */
import type { Localized } from '~/functions/schemas/common';

export const meStrings = {
  'me.title': { zh: '我的', en: 'My dashboard' },
  'me.lead': {
    zh: '你登记的公司、社区入驻申请和提交的产品，以及它们的审核状态。',
    en: 'Your companies, community applications and products, with their review status.',
  },
  'me.companies': { zh: '我的公司', en: 'My companies' },
  'me.companies.empty': { zh: '你还没有登记公司。', en: 'You have not registered a company yet.' },
  'me.companies.new': { zh: '登记公司', en: 'Register a company' },
  'me.company.creditCode': { zh: '统一社会信用代码', en: 'Unified social credit code' },
  'me.company.district': { zh: '所在区域', en: 'District' },
  'me.status': { zh: '审核状态', en: 'Status' },
  'me.reason': { zh: '原因', en: 'Reason' },
  'me.company.resubmit': {
    zh: '修改信息后，用同一信用代码重新登记即可再次提交审核。',
    en: 'Correct the details and register again with the same credit code to resubmit.',
  },
  'me.memberships': { zh: '社区入驻申请', en: 'Community applications' },
  'me.memberships.empty': { zh: '尚未申请加入社区。', en: 'No community applications yet.' },
  'me.memberships.new': { zh: '申请加入社区', en: 'Apply to join a community' },
  'me.memberships.reapply': { zh: '可以修改后再次申请。', en: 'You may apply again.' },
  'me.products': { zh: '我的产品', en: 'My products' },
  'me.products.empty': { zh: '你还没有提交产品。', en: 'You have not submitted a product yet.' },
  'me.products.new': { zh: '提交产品', en: 'Submit a product' },
  'me.products.needCompany': {
    zh: '先登记一家公司，才能提交产品。',
    en: 'Register a company first to submit a product.',
  },
  'me.products.needVerified': {
    zh: '验证邮箱后才能提交产品和点赞。',
    en: 'Verify your email address to submit products and upvote.',
  },
  'me.product.edit': { zh: '修改', en: 'Edit' },
  'me.product.view': { zh: '查看公开页面', en: 'View the public page' },
  'me.product.company': { zh: '所属公司', en: 'Company' },
  'me.product.votes': { zh: '点赞数', en: 'Upvotes' },
  'me.revision.pending': {
    zh: '你的修改正在等待审核；审核通过前，公开页面保持当前版本。',
    en: 'Your edit is waiting for review; the public page keeps the current version until it is approved.',
  },
  'me.revision.rejected': { zh: '你最近的修改未通过审核。', en: 'Your latest edit was not approved.' },
  'me.done.company': {
    zh: '公司已提交，等待组织者审核。',
    en: 'Company submitted; an organizer will review it.',
  },
  'me.done.membership': { zh: '入驻申请已提交。', en: 'Application submitted.' },
  'me.done.product': { zh: '产品已提交，等待审核。', en: 'Product submitted for review.' },
  'me.done.updated': { zh: '修改已保存，等待审核。', en: 'Changes saved; waiting for review.' },
  'me.done.revision': {
    zh: '修改已提交审核；审核通过前公开页面保持原样。',
    en: 'Edit submitted for review; the public page stays as it is until approved.',
  },
  'me.notice.emailVerified': {
    zh: '邮箱已验证，你已登录。现在你可以点赞产品、提交产品和加入参赛队伍了。',
    en: 'Your email address is verified and you are signed in. You can now upvote and submit products and join contest teams.',
  },
  'me.verify.title': { zh: '验证邮箱', en: 'Verify your email address' },
  'me.verify.lead': {
    zh: '你的邮箱 {email} 还没有验证。验证后才能登记公司、提交产品、点赞、组队参赛和报名活动。',
    en: 'Your email address {email} is not verified yet. Verify it to register a company, submit products, upvote, join contest teams and register for events.',
  },
  'me.verify.submit': { zh: '重新发送验证邮件', en: 'Send the verification email again' },
  'me.verify.sent': {
    zh: '验证邮件已发送到 {email}，请在 48 小时内打开邮件中的链接。',
    en: 'The verification email went to {email}: open its link within 48 hours.',
  },
  'me.verify.wrongAddress': { zh: '邮箱填错了？', en: 'Wrong address?' },
  'me.verify.changeAddress': { zh: '在账号设置中更改', en: 'Change it in the account settings' },
  'me.verify.link': {
    zh: '到“我的”重新发送验证邮件',
    en: 'Send the verification email again from My dashboard',
  },
  'me.back': { zh: '返回“我的”', en: 'Back to My dashboard' },
  'me.teams': { zh: '我的参赛队伍', en: 'My contest teams' },
  'me.events': { zh: '我的活动', en: 'My events' },
  'me.events.none': { zh: '还没有报名活动。', en: 'You have not registered for any event.' },
  'me.events.browse': { zh: '浏览活动', en: 'Browse events' },
  'me.teams.none': { zh: '你还没有加入任何参赛队伍。', en: 'You are not in any contest team yet.' },
} satisfies Record<string, Localized>;
