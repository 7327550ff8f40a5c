/** UI strings of the account settings, the email-change link and the development outbox. */
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
  'account.name.title': { zh: '显示名称', en: 'Display name' },
  'account.name.submit': { zh: '保存名称', en: 'Save the name' },
  'account.email.title': { zh: '更改邮箱', en: 'Change your email address' },
  'account.email.lead': {
    zh: '我们会向新邮箱发送确认链接（24 小时内有效）。打开链接后账号邮箱才会更改；当前邮箱也会收到通知。',
    en: 'We mail a confirmation link to the new address (valid for 24 hours). The account’s address changes only when it is opened; your current address is told too.',
  },
  'account.email.new': { zh: '新邮箱', en: 'New email address' },
  'account.email.submit': { zh: '发送确认链接', en: 'Send the confirmation link' },
  'account.email.pending': {
    zh: '确认链接已发送到 {email}：打开邮件中的链接后，账号邮箱才会更改为这个地址。',
    en: 'A confirmation link went to {email}: the account’s address changes to it once the link is opened.',
  },
  'account.password.title': { zh: '修改密码', en: 'Change your password' },
  'account.password.lead': {
    zh: '修改后，你在其他设备上的登录都会退出，当前设备保持登录。',
    en: 'Changing it signs you out on every other device; this one stays signed in.',
  },
  'account.currentPassword': { zh: '当前密码', en: 'Current password' },
  'account.password.submit': { zh: '修改密码', en: 'Change the password' },
  'account.done.name': { zh: '名称已更新。', en: 'Your name is updated.' },
  'account.done.password': {
    zh: '密码已修改，其他设备上的登录已退出。',
    en: 'Your password is changed, and every other device is signed out.',
  },
  'account.done.email': {
    zh: '邮箱已更改为 {email}，今后请用它登录。',
    en: 'Your email address is now {email}: sign in with it from now on.',
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
  'devOutbox.hint': {
    zh: '本地运行时邮件不会真正发出，可以在开发用发件箱里查看。',
    en: 'In local runs no mail leaves the machine: read it in the development outbox.',
  },
  'devOutbox.open': { zh: '打开开发用发件箱', en: 'Open the development outbox' },
  'confirmEmail.title': { zh: '确认新邮箱', en: 'Confirm your new email address' },
  'confirmEmail.lead': {
    zh: '按下面的按钮，把账号邮箱改为收到这封邮件的地址。',
    en: 'Press the button below to change your account’s email address to the one this link was mailed to.',
  },
  'confirmEmail.submit': { zh: '确认更改邮箱', en: 'Change my email address' },
  'confirmEmail.missing': {
    zh: '链接不完整：请打开邮件中的完整链接，或到账号设置重新申请。',
    en: 'The link is incomplete: open the full link from the mail, or ask again in the account settings.',
  },
  'confirmEmail.again': { zh: '到账号设置重新申请', en: 'Ask again in the account settings' },
  'confirmEmail.done': {
    zh: '邮箱已更改。今后请用新邮箱登录。',
    en: 'Your email address is changed. Sign in with the new one from now on.',
  },
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
