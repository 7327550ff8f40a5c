/** UI strings of signing up, signing in, email verification and password reset. */
import type { Localized } from '~/functions/schemas/common';

export const authStrings = {
  'auth.nav': { zh: '账号', en: 'Account' },
  'auth.signin': { zh: '登录', en: 'Sign in' },
  'auth.signup': { zh: '注册', en: 'Sign up' },
  'auth.me': { zh: '我的', en: 'Dashboard' },
  'auth.signout': { zh: '退出登录', en: 'Sign out' },
  'auth.signedInAs': { zh: '已登录：{name}', en: 'Signed in as {name}' },
  'auth.field.name': { zh: '姓名或昵称', en: 'Name or nickname' },
  'auth.field.email': { zh: '邮箱', en: 'Email' },
  'auth.field.password': { zh: '密码', en: 'Password' },
  'auth.field.newPassword': { zh: '新密码', en: 'New password' },
  'auth.field.passwordHint': {
    zh: '8 到 128 个字符，可以用一句好记的话；不能是常见密码，也不能与邮箱相同。',
    en: '8 to 128 characters; a memorable phrase works well. Not a common password and not your email address.',
  },
  'signup.title': { zh: '注册账号', en: 'Create an account' },
  'signup.lead': {
    zh: '注册后可以登记你的一人公司、提交 AI 产品、报名创新大赛。',
    en: 'With an account you can register your one-person company, submit AI products and enter contests.',
  },
  'signup.consentBefore': { zh: '我已阅读并同意', en: 'I have read and accept the ' },
  'signup.consentLink': { zh: '《隐私政策》', en: 'privacy policy' },
  'signup.consentAfter': {
    zh: '，同意本站按其中说明处理我的个人信息。',
    en: ' and agree that this site processes my personal information as it describes.',
  },
  'signup.submit': { zh: '注册', en: 'Sign up' },
  'signup.haveAccount': { zh: '已有账号？', en: 'Already have an account?' },
  'signin.title': { zh: '登录', en: 'Sign in' },
  'signin.submit': { zh: '登录', en: 'Sign in' },
  'signin.forgot': { zh: '忘记密码？', en: 'Forgot your password?' },
  'signin.noAccount': { zh: '还没有账号？', en: 'No account yet?' },
  'signin.notice.verificationSent': {
    zh: '请查收邮件。我们已向你填写的邮箱发送了一封邮件：新账号请在 48 小时内打开其中的链接，完成验证并登录；如果这个邮箱已经注册过，邮件会告诉你如何登录或重设密码。',
    en: 'Check your inbox. We sent a message to the address you entered: for a new account, open its link within 48 hours to verify the address and sign in; if the address already has an account, the message tells you how to sign in or reset your password.',
  },
  'signin.notice.signedOut': { zh: '你已退出登录。', en: 'You are signed out.' },
  'signin.notice.signedOutEverywhere': {
    zh: '你已在所有设备上退出登录。',
    en: 'You are signed out on every device.',
  },
  'signin.notice.passwordReset': {
    zh: '新密码已保存，所有设备都已退出登录。请用新密码登录。',
    en: 'Your new password is saved and every device is signed out. Sign in with the new password.',
  },
  'signin.notice.accountDeleted': {
    zh: '你的账号和个人信息已删除。感谢你曾经的参与。',
    en: 'Your account and personal information are deleted. Thank you for taking part.',
  },
  'verify.title': { zh: '验证邮箱', en: 'Verify your email' },
  'verify.lead': {
    zh: '点击下面的按钮，完成邮箱验证并登录。',
    en: 'Press the button below to verify your email address and sign in.',
  },
  'verify.submit': { zh: '确认验证邮箱', en: 'Verify my email address' },
  'verify.missing': {
    zh: '链接不完整。请从邮件中重新打开完整的链接。',
    en: 'This link is incomplete. Please open the full link from the email again.',
  },
  // Signing up again with an unverified address mails a fresh link (decision 008).
  'verify.again': {
    zh: '用同一个邮箱重新注册，即可收到新的验证链接',
    en: 'Sign up again with the same address to get a new link',
  },
  'forgot.title': { zh: '找回密码', en: 'Forgot your password' },
  'forgot.lead': {
    zh: '输入注册时使用的邮箱，我们会发送一个重置密码的链接，1 小时内有效。',
    en: 'Enter the email you signed up with and we will send a link to reset your password, valid for 1 hour.',
  },
  'forgot.submit': { zh: '发送重置链接', en: 'Send the reset link' },
  'forgot.sent': {
    zh: '如果这个邮箱已经注册，重置链接已经发出。请查收邮件，链接 1 小时内有效、只能使用一次。',
    en: 'If this email address is registered, a reset link is on its way. Check your inbox: the link works once, within 1 hour.',
  },
  'reset.title': { zh: '设置新密码', en: 'Choose a new password' },
  'reset.lead': {
    zh: '保存新密码后，你在所有设备上的登录都会退出。',
    en: 'Saving a new password signs you out on every device.',
  },
  'reset.submit': { zh: '保存新密码', en: 'Save the new password' },
  'reset.requestAgain': { zh: '重新申请重置链接', en: 'Request a new reset link' },
} satisfies Record<string, Localized>;
