import type { ActivityStatus } from '@union/shared';

export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, string> = {
  draft: '草稿',
  published: '已发布',
  paused: '已暂停',
  cancelled: '已取消',
};

export const QUESTION_KIND_LABELS = {
  short_text: '简答',
  single_choice: '单选',
  multiple_choice: '多选',
} as const;

/** Entries page: filters, removal, export and the lottery draw. */
export const ENTRIES_TEXT = {
  allGroups: '全部组别',
  allStatuses: '全部',
  search: '搜索',
  searchPlaceholder: '会员号或姓名',
  empty: '暂无报名',
  noMatch: '没有找到该会员的报名',
  onBehalfTag: '（代报名）',
  approved: '已通过',
  rejected: '已驳回',
  remove: '移除',
  removeTitle: '移除报名',
  removePlaceholder: '会员将看到这条原因，名额将顺延给候补',
  removePicks: ['本人要求退出', '不符合报名条件', '重复报名'],
  removeConfirm: '确认移除',
  removed: '已移除',
  back: '返回',
  onBehalf: '代报名',
  stats: '统计',
} as const;

export const EXPORT_TEXT = {
  title: '导出名单',
  masked: '导出名单（脱敏）',
  reveal: '查看完整信息',
  revealHint: '完整姓名、手机号与证件号仅用于核对，导出将记录原因与操作人',
  reasonLabel: '查看原因',
  reasonPlaceholder: '如：购买活动保险',
  revealConfirm: '确认导出（将记录日志）',
  cancel: '取消',
} as const;

export const DRAW_TEXT = {
  button: '开奖',
  confirmTitle: '开奖',
  confirmBody: '开奖只能进行一次，结果与种子将公开，任何人可验证。确定现在开奖？',
  done: (drawn: number, winners: number) => `已开奖：共 ${drawn} 条报名参与抽签，中签 ${winners} 人`,
} as const;

export const ON_BEHALF_TEXT = {
  title: '代报名',
  hint: '为没有智能手机或未绑定微信的会员报名，须与会员名册中的姓名、身份证号一致',
  group: '组别',
  pickGroup: '请选择组别',
  noGroup: '本活动没有可代报名的组别（团体组别须由队长报名）',
  submit: '提交代报名',
  done: '已代报名',
} as const;

export const CHECK_IN_TEXT = {
  modeScan: '扫会员卡',
  modeCode: '出示签到码',
  modeManual: '手工签到',
  session: (index: number, date: string) => `第${index + 1}场 ${date}`,
  attendanceTotal: (checkedIn: number, total: number) => `已签到 ${checkedIn} / ${total} 人`,
  markCheckedIn: '签到',
  markConfirmTitle: '手工签到',
  markConfirmBody: (name: string) => `确认 ${name} 已到场？`,
  emptyRoster: '本场次暂无确认报名',
} as const;

export const STATS_TEXT = {
  activityTitle: '活动统计',
  orgTitle: '组织统计',
  signUps: '报名人次',
  participants: '参与人次',
  checkInRate: '签到率',
  noShows: '未到',
  completed: '完成',
  confirmed: '已确认',
  waitlisted: '候补',
  sessionsTitle: '各场次出勤',
  session: (index: number, date: string) => `第${index + 1}场 ${date}`,
  sessionLine: (checkedIn: number, expected: number, rate: string) => `${checkedIn} / ${expected}（${rate}）`,
  byDay: '按日',
  byKind: '按类型',
  activities: '活动数',
  sessions: '场次',
  from: '开始日期',
  to: '结束日期',
  dayLine: (signUps: number, checkIns: number) => `报名 ${signUps} · 签到 ${checkIns}`,
  orgDayLine: (sessions: number, signUps: number, checkIns: number) =>
    `场次 ${sessions} · 报名 ${signUps} · 签到 ${checkIns}`,
  kindLine: (activities: number, sessions: number, signUps: number, participants: number) =>
    `活动 ${activities} · 场次 ${sessions} · 报名 ${signUps} · 参与 ${participants}`,
  nothing: '暂无数据',
  rateNone: '—',
} as const;

/** 0.853 → `85.3%`; no one expected yet → `—`. */
export function formatRate(rate: number | null): string {
  return rate === null ? STATS_TEXT.rateNone : `${Math.round(rate * 1000) / 10}%`;
}

export const POSTER_TEXT = {
  title: '活动海报',
  none: '尚未上传海报',
  upload: '上传海报',
  replace: '更换海报',
  uploading: '正在上传…',
  done: '海报已上传',
  saveFirst: '保存活动后即可上传海报',
} as const;
