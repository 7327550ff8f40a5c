/**
 * Server-side messages (errors, validation) in both languages. Keys are stable; UI strings live in src/i18n.
 */
import type { Locale } from './locale';

const zh = {
  'error.notFound': '找不到请求的资源。',
  'error.unauthorized': '请先登录。',
  'error.forbidden': '你没有权限执行此操作。',
  'error.conflict': '请求与当前状态冲突。',
  'error.validation': '提交的内容有误，请检查标出的字段。',
  'error.rateLimited': '请求过于频繁，请在 {seconds} 秒后重试。',
  'error.unavailable': '服务暂时不可用，请稍后重试。',
  'error.internal': '服务器出错了，请稍后重试。错误编号：{requestId}',
  'error.methodNotAllowed': '不支持此请求方法。',
  'error.emailNotVerified': '请先验证你的邮箱。',
  'error.idempotencyInProgress': '相同的请求正在处理中，请稍后再试。',
  'error.idempotencyMismatch': '这个幂等键已用于另一个不同的请求。',
  'error.foreignOrigin': '请求来源不被允许。',
  'team.registrationClosed': '报名未开放或已截止，队伍名单已锁定。',
  'team.submissionClosed': '作品提交已截止（{deadline}），作品保持为截止时的版本。',
  'team.full': '该队伍已满员（最多 {max} 人）。',
  'team.alreadyInTeam': '你已在本赛事的一支队伍中：每人每个赛事只能加入一支队伍。',
  'team.nameTaken': '本赛事已有同名队伍，请换一个名字。',
  'team.inviteInvalid': '邀请码无效。',
  'team.tooSmall': '队伍人数不足 {min} 人，暂不能提交作品。',
  'team.leaderOnly': '只有队长可以执行此操作。',
  'team.leaderCannotLeave': '队长需先移交队长身份才能退出队伍。',
  'team.notMember': '该用户不是本队成员。',
  'team.productNotOwned': '只能关联本队所属公司已上线的产品。',
  'team.companyNotOwned': '只能选择你自己的公司。',
  'field.track': '请选择本赛事的一个赛道。',
  'error.malformedJson': '请求体不是有效的 JSON。',
  'error.payloadTooLarge': '请求体过大。',
  'error.unsupportedMediaType': '请以 application/json 提交。',
  'field.required': '此项为必填。',
  'field.invalid': '格式不正确。',
  'field.tooLong': '不能超过 {max} 个字符。',
  'field.tooShort': '至少需要 {min} 个字符。',
  'field.url': '请输入以 http:// 或 https:// 开头的网址。',
  'field.email': '请输入有效的邮箱地址。',
  'field.controlChars': '不能包含控制字符。',
  'field.creditCode': '统一社会信用代码应为 18 位，且校验位正确。',
  'field.offset': '时间必须带有明确的时区偏移（如 +08:00）。',
  'field.tooManyTags': '最多 5 个标签。',
  'field.tagTooLong': '每个标签不能超过 20 个字符。',
  'field.reasonRequired': '请填写原因：创始人会看到它。',
  'field.emptyPatch': '请至少修改一项内容。',
  'field.community': '请选择社区目录中的一个社区。',
  'field.ownCompany': '请选择你自己登记的一家公司。',
  'field.userNotFound': '没有使用这个邮箱的用户。',
  'company.creditCodeTaken': '这个统一社会信用代码已被登记，不能重复登记。',
  'membership.exists': '这家公司已申请或已加入这个社区。',
  'moderation.alreadyDecided': '这项申请已经处理过了，请刷新后查看。',
  'moderation.companyNotVerified': '这家公司尚未通过认证，产品暂不能上线：请先认证公司。',
  'role.cannotDemoteSelf': '不能撤销你自己的管理员角色，请让另一位管理员操作。',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  'error.notFound': 'The requested resource was not found.',
  'error.unauthorized': 'Please sign in first.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.conflict': 'The request conflicts with the current state.',
  'error.validation': 'Some fields are not valid. Please check the marked fields.',
  'error.rateLimited': 'Too many requests. Please try again in {seconds} seconds.',
  'error.unavailable': 'The service is temporarily unavailable. Please try again shortly.',
  'error.internal': 'Something went wrong on our side. Please try again later. Error id: {requestId}',
  'error.methodNotAllowed': 'This method is not allowed here.',
  'error.emailNotVerified': 'Please verify your email address first.',
  'error.idempotencyInProgress': 'The same request is still being processed. Please retry shortly.',
  'error.idempotencyMismatch': 'This idempotency key was already used for a different request.',
  'error.foreignOrigin': 'Requests from this origin are not allowed.',
  'team.registrationClosed': 'Registration is not open or has closed; the roster is locked.',
  'team.submissionClosed': 'Submissions closed at {deadline}; the entry stays as it was then.',
  'team.full': 'This team is full (at most {max} members).',
  'team.alreadyInTeam': 'You are already in a team of this contest: one team per person per contest.',
  'team.nameTaken': 'A team of this contest already has this name. Please choose another.',
  'team.inviteInvalid': 'This invite code is not valid.',
  'team.tooSmall': 'The team has fewer than {min} members and cannot submit yet.',
  'team.leaderOnly': 'Only the team leader can do this.',
  'team.leaderCannotLeave': 'Hand over leadership before leaving the team.',
  'team.notMember': 'That user is not a member of this team.',
  'team.productNotOwned': "You can only link an approved product of the team's company.",
  'team.companyNotOwned': 'You can only choose one of your own companies.',
  'field.track': 'Choose one of this contest’s tracks.',
  'error.malformedJson': 'The request body is not valid JSON.',
  'error.payloadTooLarge': 'The request body is too large.',
  'error.unsupportedMediaType': 'Please send application/json.',
  'field.required': 'This field is required.',
  'field.invalid': 'This value is not valid.',
  'field.tooLong': 'Must be at most {max} characters.',
  'field.tooShort': 'Must be at least {min} characters.',
  'field.url': 'Enter a web address starting with http:// or https://.',
  'field.email': 'Enter a valid email address.',
  'field.controlChars': 'Must not contain control characters.',
  'field.creditCode': 'The unified social credit code must be 18 characters with a valid check digit.',
  'field.offset': 'The instant must carry an explicit offset (such as +08:00).',
  'field.tooManyTags': 'At most 5 tags.',
  'field.tagTooLong': 'Each tag must be at most 20 characters.',
  'field.reasonRequired': 'Please give a reason: the founder will see it.',
  'field.emptyPatch': 'Change at least one field.',
  'field.community': 'Choose a community from the directory.',
  'field.ownCompany': 'Choose one of the companies you registered.',
  'field.userNotFound': 'No user has this email address.',
  'company.creditCodeTaken': 'A company with this unified social credit code is already registered.',
  'membership.exists': 'This company has already applied to or joined this community.',
  'moderation.alreadyDecided': 'This has already been decided. Please reload the page.',
  'moderation.companyNotVerified': 'The company is not verified yet, so the product cannot go live: verify the company first.',
  'role.cannotDemoteSelf': 'You cannot remove your own admin role; ask another admin.',
};

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zh, en };

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(zh, value);
}

export function translate(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const template = dictionaries[locale][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
