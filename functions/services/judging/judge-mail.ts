/**
 * Not a verb: the mail a judge gets when assigned to a contest, in the judge's language, as an outbox
 * row for the assigning batch (so a refused assignment mails nobody). Rendered here, like the event
 * mails, because the outbox's shared templates cover account mail only.
 */
import type { Contest } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import { outbox } from '../../db/schema';
import { formatRange } from '../../lib/format-instant';
import type { Locale } from '../../lib/locale';
import { siteLink } from '../outbox/templates';

const SIGNATURE = { 'zh-CN': '—— 武汉 OPC 一人公司社区门户', en: '— Wuhan OPC Community Portal' } as const;

export function renderJudgeAssigned(
  ctx: Pick<ServiceContext, 'config' | 'origin'>,
  contest: Contest,
  judge: { name: string; locale: Locale },
): { subject: string; body: string } {
  const { locale } = judge;
  const title = locale === 'en' ? contest.title.en : contest.title.zh;
  // One phrase for the scoring window (the one formatter, decision 020).
  const scoring = formatRange(locale, contest.timeline.submissionCloses, contest.timeline.judgingCloses);
  const url = siteLink(ctx, `/judge/contests/${contest.slug}`, locale);
  if (locale === 'en') {
    return {
      subject: `You are a judge of ${title}`,
      body: [
        `Hello ${judge.name},`,
        '',
        `The organizers assigned you as a judge of ${title}.`,
        `Scoring runs ${scoring}. Entries you have a conflict of interest with are withheld from you.`,
        '',
        `Your entries to score: ${url}`,
        '',
        SIGNATURE.en,
      ].join('\n'),
    };
  }
  return {
    subject: `你已被指派为「${title}」的评委`,
    body: [
      `${judge.name}，你好：`,
      '',
      `组委会已指派你担任「${title}」的评委。`,
      `评分时间：${scoring}。与你存在利益关系的作品不会分配给你。`,
      '',
      `查看待评作品：${url}`,
      '',
      SIGNATURE['zh-CN'],
    ].join('\n'),
  };
}

/** The outbox row announcing the assignment, for the same batch as the assignment. */
export function judgeAssignedMail(
  ctx: Pick<ServiceContext, 'db' | 'now' | 'config' | 'origin'>,
  contest: Contest,
  judge: { name: string; email: string; locale: Locale },
) {
  const { subject, body } = renderJudgeAssigned(ctx, contest, judge);
  return ctx.db.insert(outbox).values({
    toEmail: judge.email,
    template: 'judge-assigned',
    locale: judge.locale,
    subject,
    body,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: ctx.now,
    createdAt: ctx.now,
  });
}
