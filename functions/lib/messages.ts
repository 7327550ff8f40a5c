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
