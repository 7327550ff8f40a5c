/**
 * The organizers' CSV of one contest: a row per team (ranked entries first, then unscored entries,
 * then teams without an entry) with leader, members, entry, status, prize, each judge's weighted
 * score (judges by name: only organizers download this), mean, median, n of m and rank. Times are
 * Asia/Shanghai wall time. The export reads personal data, so it is audited in the same batch.
 */
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { auditInsert } from '../../lib/audit';
import { toCsv } from '../../lib/csv';
import type { Locale } from '../../lib/locale';
import { shanghaiIso } from '../../lib/shanghai-time';
import { contestOf } from '../teams/rules';
import { adminQueries, assembleContestAdmin } from './shared';
import { standingsQueries } from './standings';

type HeaderKey =
  | 'team'
  | 'track'
  | 'leader'
  | 'members'
  | 'registeredAt'
  | 'title'
  | 'updatedAt'
  | 'status'
  | 'prize'
  | 'mean'
  | 'median'
  | 'scored'
  | 'rank'
  | 'recused'
  | 'judge'
  | 'deletedJudge';

const HEADERS: Record<Locale, Record<HeaderKey, string>> = {
  'zh-CN': {
    team: '队伍',
    track: '赛道',
    leader: '队长',
    members: '队员',
    registeredAt: '报名时间',
    title: '作品标题',
    updatedAt: '作品最后修改时间',
    status: '状态',
    prize: '奖项',
    mean: '平均分',
    median: '中位数',
    scored: '已评评委/评委',
    rank: '排名',
    recused: '回避',
    judge: '评委',
    deletedJudge: '已注销的评委',
  },
  en: {
    team: 'Team',
    track: 'Track',
    leader: 'Leader',
    members: 'Members',
    registeredAt: 'Registered at',
    title: 'Entry title',
    updatedAt: 'Entry last changed at',
    status: 'Status',
    prize: 'Prize',
    mean: 'Mean',
    median: 'Median',
    scored: 'Judges scored/judges',
    rank: 'Rank',
    recused: 'recused',
    judge: 'Judge',
    deletedJudge: 'deleted judge',
  },
};

const STATUS: Record<Locale, Record<string, string>> = {
  'zh-CN': { submitted: '已提交', shortlisted: '入围', winner: '获奖', not_selected: '未入选' },
  en: { submitted: 'Submitted', shortlisted: 'Shortlisted', winner: 'Winner', not_selected: 'Not selected' },
};

/** "2026-10-31 23:59:59" in Asia/Shanghai. */
export const shanghaiDateTime = (d: Date) => shanghaiIso(d).slice(0, 19).replace('T', ' ');
const score = (value: number | null) => (value === null ? '' : value.toFixed(2));

export async function exportContestCsv({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string };
}): Promise<{ filename: string; csv: string }> {
  requireRole(ctx, 'organizer');
  const contest = contestOf(ctx, input.slug);
  const [publication, entryRows, judges, scoreRows, conflictRows, objectionRows, teamRows, memberRows] =
    await ctx.db.batch([
      ...standingsQueries(ctx, contest.slug),
      ...adminQueries(ctx, contest.slug),
      auditInsert(ctx, { action: 'contest.export', targetType: 'contest', targetId: contest.slug }),
    ]);
  const { standings, teams } = assembleContestAdmin(
    ctx,
    contest,
    [publication, entryRows, judges, scoreRows, conflictRows],
    [objectionRows, teamRows, memberRows],
  );
  const h = HEADERS[ctx.locale];
  const pick = (v: { zh: string; en: string }) => (ctx.locale === 'en' ? v.en : v.zh);
  const trackName = (key: string) => {
    const track = contest.tracks.find((t) => t.key === key);
    return track ? pick(track.name) : key;
  };
  const prizeName = (key: string | null) => {
    const prize = contest.prizes.find((p) => p.key === key);
    return prize ? pick(prize.name) : (key ?? '');
  };
  const teamCells = (teamId: number) => {
    const team = teams.find((t) => t.id === teamId);
    const leader = team?.members.find((m) => m.userId === team.leaderId);
    return [
      team?.name ?? '',
      trackName(team?.track ?? ''),
      leader?.name ?? '',
      (team?.members ?? []).map((m) => m.name).join(ctx.locale === 'en' ? ', ' : '、'),
      team ? shanghaiDateTime(team.createdAt) : '',
    ];
  };
  const header = [
    h.team,
    h.track,
    h.leader,
    h.members,
    h.registeredAt,
    h.title,
    h.updatedAt,
    h.status,
    h.prize,
    ...standings.judges.map((j) => `${h.judge}: ${j.name ?? `${h.deletedJudge} ${j.judgePseudonym}`}`),
    h.mean,
    h.median,
    h.scored,
    h.rank,
  ];
  const rows = standings.items.map((s) => [
    ...teamCells(s.entry.teamId),
    s.entry.title,
    shanghaiDateTime(s.entry.updatedAt),
    STATUS[ctx.locale][s.entry.status] ?? s.entry.status,
    prizeName(s.entry.prizeKey),
    ...s.judges.map((j) => (j.conflicted ? h.recused : score(j.weighted))),
    score(s.mean),
    score(s.median),
    `${s.scoredBy}/${s.judgeCount}`,
    s.rank ?? '',
  ]);
  const withEntry = new Set(standings.items.map((s) => s.entry.teamId));
  for (const team of teams) {
    if (withEntry.has(team.id)) continue;
    rows.push([...teamCells(team.id), '', '', '', '', ...standings.judges.map(() => ''), '', '', '', '']);
  }
  return { filename: `${contest.slug}-export.csv`, csv: toCsv(header, rows) };
}
