/**
 * Mail about events, written into the outbox by one INSERT … SELECT over the registrations it concerns,
 * in the same batch as the change it announces (decision 018). The text is rendered here in both
 * languages with `{{name}}` and `{{position}}` left for SQL to fill per recipient, so one statement
 * mails any number of people in their own language. Every event mail has a dedupe key (outbox's
 * unique `dedupe_key`) naming its cause: replaying the cause — a retried request, two cron runs at
 * once — sends nothing twice. (An organizer's message is a new cause each time: its repeats are
 * caught by the form's idempotency key.)
 */
import { type SQL, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { formatRange } from '../../lib/format-instant';
import type { Locale } from '../../lib/locale';
import { siteLink } from '../outbox/templates';
import { type EventRecord, textIn } from './event-record';

export type EventMailKind =
  | 'confirmed'
  | 'waitlisted'
  | 'pending'
  | 'promoted'
  | 'approved'
  | 'declined'
  | 'changed'
  | 'cancelled'
  | 'reminder'
  | 'message';

const SIGNATURE = { 'zh-CN': '—— 武汉 OPC 一人公司社区门户', en: '— Wuhan OPC Community Portal' } as const;

const SUBJECT: Record<EventMailKind, { zh: string; en: string }> = {
  confirmed: { zh: '报名成功：{title}', en: 'You are registered: {title}' },
  waitlisted: { zh: '已加入候补：{title}', en: 'You are on the waitlist: {title}' },
  pending: { zh: '报名已提交，等待审核：{title}', en: 'Registration received, awaiting approval: {title}' },
  promoted: { zh: '候补转正，你的名额已确认：{title}', en: 'A place opened up, you are in: {title}' },
  approved: { zh: '报名已通过：{title}', en: 'Registration approved: {title}' },
  declined: { zh: '报名未通过：{title}', en: 'Registration declined: {title}' },
  changed: { zh: '活动时间或地点有变：{title}', en: 'Time or place changed: {title}' },
  cancelled: { zh: '活动已取消：{title}', en: 'Event cancelled: {title}' },
  reminder: { zh: '明天见：{title}', en: 'Tomorrow: {title}' },
  message: { zh: '主办方消息：{title}', en: 'A message from the organizers: {title}' },
};

const LEAD: Record<EventMailKind, { zh: string; en: string }> = {
  confirmed: {
    zh: '你已报名成功，名额已确认。入场时出示“我的活动”或活动页上的电子票。',
    en: 'Your place is confirmed. Show the ticket on the event page or under My events at the door.',
  },
  waitlisted: {
    zh: '名额已满，你在候补名单第 {{position}} 位。有人取消时会按顺序自动递补，并邮件通知你。',
    en: 'The event is full: you are number {{position}} on the waitlist. When a place frees up, people move up in order and are mailed.',
  },
  pending: {
    zh: '本活动需要主办方审核，审核结果会邮件通知你。',
    en: 'The organizers review each registration; you will be mailed their decision.',
  },
  promoted: {
    zh: '有人取消了报名，你已从候补转为正式参加，名额已确认。',
    en: 'Someone cancelled, and you moved up from the waitlist: your place is confirmed.',
  },
  approved: { zh: '主办方已通过你的报名。', en: 'The organizers approved your registration.' },
  declined: {
    zh: '很遗憾，主办方未通过你的报名。',
    en: 'Unfortunately the organizers declined your registration.',
  },
  changed: {
    zh: '主办方修改了活动的时间或地点，以下为最新信息。日历文件已更新，重新导入即可替换原日程。',
    en: 'The organizers changed the time or place; the details below are current. The calendar file is updated: importing it again replaces the old entry.',
  },
  cancelled: { zh: '很遗憾，本活动已取消。', en: 'Unfortunately this event has been cancelled.' },
  reminder: {
    zh: '提醒：你报名的活动将在 24 小时内开始。',
    en: 'A reminder: the event you registered for starts within 24 hours.',
  },
  message: { zh: '主办方给参加者发来消息：', en: 'The organizers sent this message to attendees:' },
};

/** Subject and body in one language, with `{{name}}` and `{{position}}` for SQL to fill. */
export function renderEventMail(
  ctx: Pick<ServiceContext, 'config' | 'origin'>,
  kind: EventMailKind,
  event: EventRecord,
  locale: Locale,
  extra: { reason?: string | null; message?: string } = {},
): { subject: string; body: string } {
  const zh = locale === 'zh-CN';
  const title = textIn(locale, event.title);
  const when = formatRange(locale, event.startsAt, event.endsAt);
  const place = textIn(locale, event.venue) || (zh ? '线上活动' : 'Online');
  const label = zh
    ? {
        event: '活动：',
        when: '时间：',
        where: '地点：',
        page: '活动页：',
        ics: '添加到日历：',
        reason: '原因：',
      }
    : {
        event: 'Event: ',
        when: 'When: ',
        where: 'Where: ',
        page: 'Event page: ',
        ics: 'Add to calendar: ',
        reason: 'Reason: ',
      };
  const lines = [zh ? '{{name}}，你好：' : 'Hello {{name}},', '', zh ? LEAD[kind].zh : LEAD[kind].en];
  if (kind === 'message' && extra.message) lines.push('', extra.message);
  if ((kind === 'declined' || kind === 'cancelled') && extra.reason)
    lines.push(`${label.reason}${extra.reason}`);
  lines.push(
    '',
    `${label.event}${title}`,
    `${label.when}${when}`,
    `${label.where}${place}`,
    '',
    `${label.page}${siteLink(ctx, `/events/${event.slug}`, locale)}`,
  );
  if (kind !== 'cancelled' && kind !== 'declined') {
    lines.push(`${label.ics}${siteLink(ctx, `/events/${event.slug}.ics`, locale)}`);
  }
  lines.push('', SIGNATURE[locale]);
  const subject = (zh ? SUBJECT[kind].zh : SUBJECT[kind].en).replace('{title}', title);
  return { subject, body: lines.join('\n') };
}

/**
 * The outbox rows for one event mail to every registration `recipients` selects (over
 * `event_registrations r JOIN users u`), as one statement for a batch. `dedupe` is an SQL
 * expression over r that names this mail for this person once.
 */
export function eventMailQuery(
  ctx: Pick<ServiceContext, 'db' | 'now' | 'config' | 'origin'>,
  input: {
    kind: EventMailKind;
    event: EventRecord;
    recipients: SQL;
    dedupe: SQL;
    reason?: string | null;
    message?: string;
  },
) {
  const zh = renderEventMail(ctx, input.kind, input.event, 'zh-CN', input);
  const en = renderEventMail(ctx, input.kind, input.event, 'en', input);
  const now = ctx.now.getTime();
  return ctx.db.run(sql`INSERT INTO outbox
      (to_email, template, locale, subject, body, status, attempts, next_attempt_at, created_at, dedupe_key)
    SELECT u.email, ${`event-${input.kind}`}, u.locale,
      CASE u.locale WHEN 'en' THEN ${en.subject} ELSE ${zh.subject} END,
      replace(replace(CASE u.locale WHEN 'en' THEN ${en.body} ELSE ${zh.body} END, '{{name}}', u.name),
        '{{position}}', (SELECT count(*) FROM event_registrations w
          WHERE w.event_id = r.event_id AND w.status = 'waitlisted' AND w.queue_seq <= r.queue_seq)),
      'pending', 0, ${now}, ${now}, ${input.dedupe}
    FROM event_registrations r JOIN users u ON u.id = r.user_id
    WHERE ${input.recipients}
    ON CONFLICT (dedupe_key) DO NOTHING`);
}
