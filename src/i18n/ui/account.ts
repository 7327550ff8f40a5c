/** UI strings of the account settings and the development outbox. */
import type { Localized } from '~/functions/schemas/common';

export const accountStrings = {
  'account.title': { zh: '账号设置', en: 'Account settings' },
  'account.profile': { zh: '账号信息', en: 'Your account' },
  'account.emailVerified': { zh: '已验证', en: 'verified' },
  'account.emailUnverified': { zh: '未验证', en: 'not verified' },
  'account.memberSince': { zh: '注册时间', en: 'Member since' },
  'account.consent': {
    zh: '同意隐私政策（{version} 版）的时间',
    en: 'Privacy policy (version {version}) accepted',
  },
  'account.verifyNotice': {
    zh: '请验证你的邮箱：我们已向 {email} 发送了验证链接。验证后才能点赞、提交产品和加入队伍。',
    en: 'Please verify your email address: we sent a link to {email}. You need it to upvote, submit products and join teams.',
  },
  'account.resend.title': { zh: '验证邮箱', en: 'Verify your email' },
  'account.resend.submit': { zh: '重新发送验证邮件', en: 'Send the verification email again' },
  'account.resend.sent': {
    zh: '验证邮件已重新发送，请查收。',
    en: 'A new verification email is on its way.',
  },
  'account.sessions.title': { zh: '登录设备', en: 'Signed-in devices' },
  'account.sessions.lead': {
    zh: '如果你在别人的电脑上登录过，或担心账号安全，可以在所有设备上退出登录（包括当前设备）。',
    en: 'If you signed in on someone else’s computer or worry about your account, sign out on every device (this one included).',
  },
  'account.sessions.submit': { zh: '在所有设备上退出', en: 'Sign out on every device' },
  'account.data.title': { zh: '下载我的数据', en: 'Download your data' },
  'account.data.lead': {
    zh: '依照《个人信息保护法》，你可以随时下载本站保存的关于你的全部信息（JSON 格式）。',
    en: 'Under the Personal Information Protection Law you can download everything this site holds about you at any time (JSON).',
  },
  'account.data.link': { zh: '下载我的数据（JSON）', en: 'Download my data (JSON)' },
  'account.delete.title': { zh: '注销账号', en: 'Delete your account' },
  'account.delete.lead': {
    zh: '注销后，你的账号、登录记录、点赞和队伍成员身份将被永久删除；你登记的公司和产品会保留，但不再与你关联。此操作无法撤销。',
    en: 'Deleting removes your account, sign-ins, upvotes and team memberships for good; companies and products you registered stay, no longer linked to you. This cannot be undone.',
  },
  'account.delete.blocked': {
    zh: '如果你是某个未结束赛事的队长，需要先移交队长或等赛事公布结果后才能注销。',
    en: 'If you lead a team in a contest that has not published results, hand the team over or wait for the results first.',
  },
  'account.delete.password': { zh: '输入当前密码以确认', en: 'Your current password, to confirm' },
  'account.delete.submit': { zh: '永久注销我的账号', en: 'Delete my account for good' },
  'devOutbox.title': { zh: '开发用发件箱', en: 'Development outbox' },
  'devOutbox.lead': {
    zh: '本地运行时邮件不会真正发出，而是显示在这里（最新 50 封）。生产环境中此页面不存在。',
    en: 'In local runs no mail leaves the machine: it shows here instead (latest 50). This page does not exist in production.',
  },
  'devOutbox.empty': { zh: '还没有邮件。', en: 'No mail yet.' },
  'devOutbox.to': { zh: '收件人', en: 'To' },
  'devOutbox.status': { zh: '状态', en: 'Status' },
  'devOutbox.created': { zh: '创建时间', en: 'Created' },
} satisfies Record<string, Localized>;
