/** UI strings of contest teams and their members. */
import type { Localized } from '~/functions/schemas/common';

export const teamsStrings = {
  'team.new.title': { zh: '创建参赛队伍', en: 'Create a contest team' },
  'team.new.lead': {
    zh: '创建后你将成为队长，并获得一个邀请码分享给队友。',
    en: 'You will lead the team and get an invite code to share with teammates.',
  },
  'team.name': { zh: '队伍名称', en: 'Team name' },
  'team.track': { zh: '赛道', en: 'Track' },
  'team.company': { zh: '所属公司（可选）', en: 'Company (optional)' },
  'team.company.none': { zh: '不关联公司', en: 'No company' },
  'team.create': { zh: '创建队伍', en: 'Create team' },
  'team.join.title': { zh: '加入队伍', en: 'Join a team' },
  'team.join.lead': {
    zh: '输入队长分享给你的 16 位邀请码。每人每个赛事只能加入一支队伍。',
    en: 'Enter the 16-character invite code your team leader shared. One team per person per contest.',
  },
  'team.inviteCode': { zh: '邀请码', en: 'Invite code' },
  'team.join': { zh: '加入', en: 'Join' },
  'team.signInFirst': { zh: '请先登录后再报名参赛。', en: 'Please sign in to enter a contest.' },
  'team.page.members': { zh: '队伍成员', en: 'Members' },
  'team.page.leader': { zh: '队长', en: 'Leader' },
  'team.page.invite': { zh: '邀请码', en: 'Invite code' },
  'team.page.inviteHelp': {
    zh: '把邀请码发给队友，他们在“加入队伍”页面输入即可加入（报名截止前有效）。',
    en: 'Send this code to teammates; they enter it on the "Join a team" page (until registration closes).',
  },
  'team.page.remove': { zh: '移出队伍', en: 'Remove' },
  'team.page.handOver': { zh: '设为队长', en: 'Make leader' },
  'team.page.leave': { zh: '退出队伍', en: 'Leave team' },
  'team.page.dissolve': { zh: '解散队伍', en: 'Dissolve team' },
  'team.page.rosterLocked': {
    zh: '报名已截止，队伍名单已锁定。',
    en: 'Registration has closed; the roster is locked.',
  },
  'team.page.size': {
    zh: '队伍人数：{count} 人（要求 {min}–{max} 人）',
    en: 'Team size: {count} (required {min}–{max})',
  },
  'team.entry.title': { zh: '参赛作品', en: 'Entry' },
  'team.entry.fieldTitle': { zh: '作品名称', en: 'Title' },
  'team.entry.summary': { zh: '作品简介', en: 'Summary' },
  'team.entry.demoUrl': { zh: '演示地址', en: 'Demo URL' },
  'team.entry.repoUrl': { zh: '代码仓库地址', en: 'Repository URL' },
  'team.entry.product': { zh: '关联已上线的产品（可选）', en: 'Link a listed product (optional)' },
  'team.entry.product.none': { zh: '不关联', en: 'None' },
  'team.entry.save': { zh: '保存作品', en: 'Save entry' },
  'team.entry.saved': { zh: '作品已保存。', en: 'Entry saved.' },
  'team.entry.status': { zh: '状态', en: 'Status' },
  'team.entry.deadline': { zh: '提交截止：{deadline}', en: 'Submissions close: {deadline}' },
  'team.entry.locked': {
    zh: '作品提交已截止，以下为最终提交的版本。',
    en: 'Submissions have closed; this is the entry as submitted.',
  },
  'team.entry.none': { zh: '尚未提交作品。', en: 'No entry submitted yet.' },
} satisfies Record<string, Localized>;
