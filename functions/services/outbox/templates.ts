/**
 * Not a verb: the mail templates, subject and plain-text body in the recipient's language. Links are
 * absolute (from config.siteUrl, else the request origin) and point at the page in that language.
 */
import type { ServiceContext } from '../../context';
import type { Locale } from '../../lib/locale';

export type MailMessage =
  | { template: 'verify-email'; params: { name: string; url: string } }
  | { template: 'password-reset'; params: { name: string; url: string } }
  /** To the owner of an address someone tried to sign up with (decision 008). */
  | { template: 'signup-attempt'; params: { name: string; signInUrl: string; resetUrl: string } }
  /** To the new address of an email change: the link that makes the change. */
  | { template: 'email-change-confirm'; params: { name: string; url: string } }
  /** To an address someone asked to move an account to, when it already has one (decision 008). */
  | { template: 'email-change-taken'; params: { name: string; signInUrl: string } }
  /** To the old address: a change to `newEmail` was requested, or made. */
  | { template: 'email-change-requested'; params: { name: string; newEmail: string } }
  | { template: 'email-changed'; params: { name: string; newEmail: string } }
  | {
      template: 'moderation-decision';
      params: {
        name: string;
        /** What was decided, already in the recipient's language: 公司「…」 / company "…". */
        subject: string;
        decision: 'approved' | 'rejected';
        /** The organizer's reason (shown for rejections). */
        reason?: string | undefined;
        /** Where the founder sees the status, usually the /me dashboard. */
        url: string;
      };
    };

export type MailTemplate = MailMessage['template'];

export interface RenderedMail {
  subject: string;
  body: string;
}

const SIGNATURE = { 'zh-CN': '—— 武汉 OPC 一人公司社区门户', en: '— Wuhan OPC Community Portal' } as const;

export function renderMail(message: MailMessage, locale: Locale): RenderedMail {
  const zh = locale === 'zh-CN';
  const sign = SIGNATURE[locale];
  switch (message.template) {
    case 'verify-email': {
      const { name, url } = message.params;
      return zh
        ? {
            subject: '请验证你的邮箱',
            body: `${name}，你好：\n\n欢迎注册 OPC 门户。请在 48 小时内打开下面的链接验证你的邮箱：\n${url}\n\n验证后即可点赞产品、提交产品和加入参赛队伍。如果不是你本人注册，请忽略这封邮件。\n\n${sign}`,
          }
        : {
            subject: 'Please verify your email address',
            body: `Hello ${name},\n\nWelcome to the OPC Portal. Open this link within 48 hours to verify your email address:\n${url}\n\nOnce verified you can upvote and submit products and join contest teams. If you did not sign up, ignore this message.\n\n${sign}`,
          };
    }
    case 'password-reset': {
      const { name, url } = message.params;
      return zh
        ? {
            subject: '重置你的密码',
            body: `${name}，你好：\n\n我们收到了重置你的 OPC 门户密码的请求。请在 1 小时内打开下面的链接设置新密码（链接只能使用一次）：\n${url}\n\n设置新密码后，你在所有设备上的登录都会退出。如果不是你本人操作，请忽略这封邮件，你的密码不会改变。\n\n${sign}`,
          }
        : {
            subject: 'Reset your password',
            body: `Hello ${name},\n\nWe received a request to reset your OPC Portal password. Open this link within 1 hour to choose a new one (it works once):\n${url}\n\nSetting a new password signs you out on every device. If you did not ask for this, ignore this message: your password stays the same.\n\n${sign}`,
          };
    }
    case 'signup-attempt': {
      const { name, signInUrl, resetUrl } = message.params;
      return zh
        ? {
            subject: '有人尝试用你的邮箱注册',
            body: `${name}，你好：\n\n刚才有人用这个邮箱在 OPC 门户注册新账号。这个邮箱已经有账号了，所以没有创建新账号，你的账号也没有任何改变。\n\n如果是你本人，请直接登录：\n${signInUrl}\n\n如果忘记了密码，可以在这里重设：\n${resetUrl}\n\n如果不是你本人，请忽略这封邮件。\n\n${sign}`,
          }
        : {
            subject: 'Someone tried to sign up with your email address',
            body: `Hello ${name},\n\nSomeone just tried to create an OPC Portal account with this email address. It already has an account, so no new one was created and yours is unchanged.\n\nIf it was you, sign in here:\n${signInUrl}\n\nIf you forgot your password, reset it here:\n${resetUrl}\n\nIf it was not you, ignore this message.\n\n${sign}`,
          };
    }
    case 'email-change-confirm': {
      const { name, url } = message.params;
      return zh
        ? {
            subject: '确认你的新邮箱',
            body: `${name}，你好：\n\n有人请求把 OPC 门户账号的邮箱改为这个地址。请在 24 小时内打开下面的链接确认（链接只能使用一次）：\n${url}\n\n确认之前，账号的邮箱不会改变。如果不是你本人操作，请忽略这封邮件。\n\n${sign}`,
          }
        : {
            subject: 'Confirm your new email address',
            body: `Hello ${name},\n\nSomeone asked to change the email address of an OPC Portal account to this one. Open this link within 24 hours to confirm (it works once):\n${url}\n\nUntil then the account's address stays as it is. If you did not ask for this, ignore this message.\n\n${sign}`,
          };
    }
    case 'email-change-taken': {
      const { name, signInUrl } = message.params;
      return zh
        ? {
            subject: '有人尝试把账号邮箱改为你的邮箱',
            body: `${name}，你好：\n\n刚才有人请求把另一个 OPC 门户账号的邮箱改为这个地址。这个邮箱已经有账号了，所以没有做任何更改，你的账号也没有改变。\n\n你可以在这里登录：\n${signInUrl}\n\n如果不是你本人操作，请忽略这封邮件。\n\n${sign}`,
          }
        : {
            subject: 'Someone tried to move an account to your email address',
            body: `Hello ${name},\n\nSomeone just asked to change the email address of another OPC Portal account to this one. This address already has an account, so nothing was changed, and yours is as it was.\n\nYou can sign in here:\n${signInUrl}\n\nIf it was not you, ignore this message.\n\n${sign}`,
          };
    }
    case 'email-change-requested': {
      const { name, newEmail } = message.params;
      return zh
        ? {
            subject: '有人请求更改你账号的邮箱',
            body: `${name}，你好：\n\n刚才有人在账号设置中请求把你的 OPC 门户账号邮箱改为 ${newEmail}。只有打开发到新地址的确认链接后才会更改；在此之前，你的账号仍使用这个邮箱。\n\n如果不是你本人操作，请立即登录修改密码（修改密码会让其他设备退出登录），并联系门户运营方。\n\n${sign}`,
          }
        : {
            subject: 'A change of your account’s email address was requested',
            body: `Hello ${name},\n\nSomeone just asked, in the account settings, to change your OPC Portal account's email address to ${newEmail}. Nothing changes until the link mailed to the new address is opened; until then your account keeps this address.\n\nIf it was not you, sign in and change your password now (that signs out every other device), and contact the portal's operator.\n\n${sign}`,
          };
    }
    case 'email-changed': {
      const { name, newEmail } = message.params;
      return zh
        ? {
            subject: '你账号的邮箱已更改',
            body: `${name}，你好：\n\n你的 OPC 门户账号邮箱已改为 ${newEmail}。此后登录和邮件都使用新地址，这个地址不再收到账号邮件。\n\n如果不是你本人操作，请尽快联系门户运营方。\n\n${sign}`,
          }
        : {
            subject: 'Your account’s email address was changed',
            body: `Hello ${name},\n\nYour OPC Portal account's email address is now ${newEmail}. Sign-in and mail use the new address from now on; this one gets no more account mail.\n\nIf it was not you, contact the portal's operator at once.\n\n${sign}`,
          };
    }
    case 'moderation-decision': {
      const { name, subject, decision, reason, url } = message.params;
      const approved = decision === 'approved';
      if (zh) {
        const outcome = approved ? '已通过审核' : '未通过审核';
        const why = !approved && reason ? `\n原因：${reason}\n` : '';
        return {
          subject: `${subject}${outcome}`,
          body: `${name}，你好：\n\n你提交的${subject}${outcome}。${why}\n查看详情：\n${url}\n\n${sign}`,
        };
      }
      const outcome = approved ? 'was approved' : 'was not approved';
      const why = !approved && reason ? `\nReason: ${reason}\n` : '';
      return {
        subject: `Your ${subject} ${outcome}`,
        body: `Hello ${name},\n\nYour ${subject} ${outcome}.${why}\nSee the details:\n${url}\n\n${sign}`,
      };
    }
  }
}

/**
 * An absolute link to a page in the recipient's language: `/verify-email?token=…` becomes
 * `https://site/en/verify-email?token=…` for English, from the site's origin (ctx.origin: SITE_URL).
 */
export function siteLink(
  ctx: Pick<ServiceContext, 'config' | 'origin'>,
  path: string,
  locale: Locale,
): string {
  const base = ctx.origin;
  const localized = locale === 'en' ? (path === '/' ? '/en/' : `/en${path}`) : path;
  return new URL(localized, base).href;
}
