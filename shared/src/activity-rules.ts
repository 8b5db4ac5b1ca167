/**
 * Activities' (活动报名) vocabulary and the life of an entry, shared by the BFF and the
 * mini-program: the kinds of activity and how places are allocated (each declared once, as
 * a table), which status an entry may move to on which event, what a member reads as its
 * status, when a course counts as completed, and how a team's size is checked. Who may sign
 * up and when is activity-eligibility.ts; the extra questions are activity-questions.ts.
 */
import { z } from 'zod';
import { chinaMoment } from './china-time';
import { maskName } from './identity';

// ---- kinds and allocation --------------------------------------------------

export interface AllocationModeSpec {
  label: string;
  /** One line for the activity's rules section. */
  rule: string;
}

export const ALLOCATION_MODE_TABLE = {
  first_come: { label: '先到先得', rule: '名额报满后进入候补，有名额空出时按候补顺序依次递补' },
  lottery: { label: '抽签', rule: '报名截止后统一抽签，结果可凭公布的种子验证' },
  review: { label: '审核制', rule: '报名后由组织者审核，审核结果将通知您' },
} as const satisfies Record<string, AllocationModeSpec>;

export type AllocationMode = keyof typeof ALLOCATION_MODE_TABLE;
export const ALLOCATION_MODES = Object.keys(ALLOCATION_MODE_TABLE) as [AllocationMode, ...AllocationMode[]];
export const AllocationModeSchema = z.enum(ALLOCATION_MODES, { error: '请选择名额分配方式' });
export const ALLOCATION_MODE_LABELS = Object.fromEntries(
  ALLOCATION_MODES.map((mode) => [mode, ALLOCATION_MODE_TABLE[mode].label]),
) as Record<AllocationMode, string>;

export interface ActivityKindSpec {
  label: string;
  /** What the editor preselects for a new group; the organiser may choose another mode. */
  defaultAllocation: AllocationMode;
  /**
   * Whether completion is counted from attendance (a course: completed when N of its M
   * sessions were attended). Otherwise one check-in completes the entry.
   */
  countsAttendance: boolean;
}

export const ACTIVITY_KIND_TABLE = {
  sports_culture: { label: '文体活动', defaultAllocation: 'first_come', countsAttendance: false },
  skill_contest: { label: '技能竞赛', defaultAllocation: 'review', countsAttendance: false },
  training: { label: '培训班', defaultAllocation: 'first_come', countsAttendance: true },
  /** Few places and many applicants: a lottery is the fair default. */
  recuperation: { label: '疗休养', defaultAllocation: 'lottery', countsAttendance: false },
  volunteering: { label: '志愿服务', defaultAllocation: 'first_come', countsAttendance: false },
  welfare: { label: '福利发放', defaultAllocation: 'first_come', countsAttendance: false },
} as const satisfies Record<string, ActivityKindSpec>;

export type ActivityKind = keyof typeof ACTIVITY_KIND_TABLE;
/** In the table's order (the editor's and the filter's order). */
export const ACTIVITY_KINDS = Object.keys(ACTIVITY_KIND_TABLE) as [ActivityKind, ...ActivityKind[]];
export const ActivityKindSchema = z.enum(ACTIVITY_KINDS, { error: '请选择活动类型' });

/** The row of a kind. */
export const activityKind = (kind: ActivityKind): ActivityKindSpec => ACTIVITY_KIND_TABLE[kind];

export const ACTIVITY_KIND_LABELS = Object.fromEntries(
  ACTIVITY_KINDS.map((kind) => [kind, activityKind(kind).label]),
) as Record<ActivityKind, string>;

// ---- entry statuses --------------------------------------------------------

export interface EntryStatusSpec {
  label: string;
  /** Counts against the group's capacity. */
  occupiesPlace: boolean;
  /** No event moves the entry on; it stays for the record and the statistics. */
  final: boolean;
  /** 我的活动's tab: holding a place (or about to), waiting on someone else's decision, or over. */
  tab: 'active' | 'waiting' | 'ended';
}

export const ENTRY_STATUS_TABLE = {
  pending_review: { label: '待审核', occupiesPlace: false, final: false, tab: 'waiting' },
  awaiting_draw: { label: '待抽签', occupiesPlace: false, final: false, tab: 'waiting' },
  waitlisted: { label: '候补', occupiesPlace: false, final: false, tab: 'waiting' },
  /** A freed place offered to the first waiting entry, held for it until the deadline. */
  offered: { label: '待确认', occupiesPlace: true, final: false, tab: 'active' },
  /** Held until the order's deadline; an unpaid timeout frees it. */
  pending_payment: { label: '待支付', occupiesPlace: true, final: false, tab: 'active' },
  confirmed: { label: '已报名', occupiesPlace: true, final: false, tab: 'active' },
  checked_in: { label: '已签到', occupiesPlace: true, final: false, tab: 'active' },
  completed: { label: '已完成', occupiesPlace: true, final: true, tab: 'ended' },
  /** The place was held and not used: it counts in the no-show rule, not as free. */
  no_show: { label: '缺席', occupiesPlace: true, final: true, tab: 'ended' },
  /** Lost the draw in a group whose lottery keeps no waitlist. */
  not_drawn: { label: '未中签', occupiesPlace: false, final: true, tab: 'ended' },
  rejected: { label: '未通过', occupiesPlace: false, final: true, tab: 'ended' },
  cancelled: { label: '已取消', occupiesPlace: false, final: true, tab: 'ended' },
} as const satisfies Record<string, EntryStatusSpec>;

export type EntryStatus = keyof typeof ENTRY_STATUS_TABLE;
export const ENTRY_STATUSES = Object.keys(ENTRY_STATUS_TABLE) as [EntryStatus, ...EntryStatus[]];
export const EntryStatusSchema = z.enum(ENTRY_STATUSES);

/** Whether an entry in this status counts against its group's capacity. */
export const occupiesPlace = (status: EntryStatus): boolean => ENTRY_STATUS_TABLE[status].occupiesPlace;

/** 我的活动's tabs, in the order shown; `all` lists every entry. */
export const ENTRY_TABS = [
  { key: 'all', label: '全部' },
  { key: 'active', label: '进行中' },
  { key: 'waiting', label: '候补与待定' },
  { key: 'ended', label: '已结束' },
] as const;
export type EntryTab = (typeof ENTRY_TABS)[number]['key'];
export const EntryTabSchema = z.enum(ENTRY_TABS.map((tab) => tab.key) as [EntryTab, ...EntryTab[]], {
  error: '没有这个分类',
});

/** The statuses listed under a tab. */
export const statusesInTab = (tab: EntryTab): EntryStatus[] =>
  ENTRY_STATUSES.filter((status) => tab === 'all' || ENTRY_STATUS_TABLE[status].tab === tab);

export const ENTRY_STATUS_LABELS = Object.fromEntries(
  ENTRY_STATUSES.map((status) => [status, ENTRY_STATUS_TABLE[status].label]),
) as Record<EntryStatus, string>;

/** The status a new entry starts in: the group's mode decides, and a free place for first come. */
export function initialEntryStatus(
  group: { allocation: AllocationMode; paid: boolean },
  placeFree: boolean,
): EntryStatus {
  switch (group.allocation) {
    case 'review':
      return 'pending_review';
    case 'lottery':
      return 'awaiting_draw';
    case 'first_come':
      if (!placeFree) return 'waitlisted';
      return group.paid ? 'pending_payment' : 'confirmed';
  }
}

// ---- transitions -----------------------------------------------------------

export const ENTRY_EVENTS = [
  'approve',
  'reject',
  /** Drawn within capacity. */
  'draw_won',
  /** Drawn above capacity: joins the ordered waitlist. */
  'draw_waitlisted',
  /** Drawn above capacity in a group that keeps no waitlist. */
  'draw_lost',
  /** A place freed and this is the first waiting entry. */
  'offer',
  /** The member confirms an offered place. */
  'accept',
  'paid',
  /** The member cancels (or declines an offer). */
  'cancel',
  /** The organiser removes the entry, with a reason. */
  'remove',
  /** The offer's or the order's deadline passed. */
  'expire',
  'activity_cancelled',
  'check_in',
  'complete',
  'mark_no_show',
  /** The activity closed while the entry still had no place (closing.ts). */
  'closed_unplaced',
  /** The activity closed while the entry waited on a lottery group's drawn waitlist: it lost the draw. */
  'closed_draw_waitlist',
] as const;
export type EntryEvent = (typeof ENTRY_EVENTS)[number];

const cancellations = { cancel: 'cancelled', remove: 'cancelled', activity_cancelled: 'cancelled' } as const;
/** An entry still undecided when the activity closes ends: no place comes any more. */
const closedUnplaced = { closed_unplaced: 'cancelled' } as const;

/**
 * The one place that says which status may go to which, by which event, for a free activity.
 * A paid activity takes one more step: the events that grant a place (approve, draw_won,
 * accept) land on `pending_payment`, and only `paid` confirms (see nextStatus). An offered
 * place in a paid activity comes with its order, so paying it also accepts it.
 * A checked-in entry checks in again at a course's later sessions; attendance per session is
 * recorded beside the entry, which is why `check_in` may repeat.
 */
export const ENTRY_TRANSITIONS: Record<EntryStatus, Partial<Record<EntryEvent, EntryStatus>>> = {
  pending_review: { approve: 'confirmed', reject: 'rejected', ...cancellations, ...closedUnplaced },
  awaiting_draw: {
    draw_won: 'confirmed',
    draw_waitlisted: 'waitlisted',
    draw_lost: 'not_drawn',
    ...cancellations,
    ...closedUnplaced,
  },
  waitlisted: { offer: 'offered', ...cancellations, ...closedUnplaced, closed_draw_waitlist: 'not_drawn' },
  offered: { accept: 'confirmed', paid: 'confirmed', expire: 'cancelled', ...cancellations, ...closedUnplaced },
  pending_payment: { paid: 'confirmed', expire: 'cancelled', ...cancellations, ...closedUnplaced },
  confirmed: { check_in: 'checked_in', mark_no_show: 'no_show', ...cancellations },
  checked_in: { check_in: 'checked_in', complete: 'completed', activity_cancelled: 'cancelled' },
  completed: {},
  no_show: {},
  not_drawn: {},
  rejected: {},
  cancelled: {},
};

const GRANTING_EVENTS: readonly EntryEvent[] = ['approve', 'draw_won', 'accept'];

export function canTransition(from: EntryStatus, event: EntryEvent): boolean {
  return ENTRY_TRANSITIONS[from][event] !== undefined;
}

/**
 * The status after `event`, or null when the event is not allowed from `from`. Callers persist
 * it with a conditional update on the status they read, so a concurrent change loses.
 */
export function nextStatus(
  from: EntryStatus,
  event: EntryEvent,
  activity: { paid: boolean } = { paid: false },
): EntryStatus | null {
  const to = ENTRY_TRANSITIONS[from][event];
  if (to === undefined) return null;
  return activity.paid && GRANTING_EVENTS.includes(event) ? 'pending_payment' : to;
}

// ---- what a member reads -----------------------------------------------------

/** `12月3日 18:00`, in China time. */
export function deadlineText(deadline: Date): string {
  const { date, time } = chinaMoment(deadline);
  const [, month, day] = date.split('-').map(Number);
  return `${month}月${day}日 ${time}`;
}

export interface EntryForText {
  status: EntryStatus;
  allocation: AllocationMode;
  /** 1-based place in the waitlist, while waitlisted. */
  waitlistPosition?: number | null;
  /** The offer's or the order's deadline, while offered or pending payment. */
  deadline?: Date | null;
}

/** 已报名, 中签, 候补第3位, 待确认（截止 12月3日 18:00） … as 我的活动 shows it. */
export function entryStatusText(entry: EntryForText): string {
  const label = ENTRY_STATUS_LABELS[entry.status];
  switch (entry.status) {
    case 'confirmed':
      return entry.allocation === 'lottery' ? '中签' : label;
    case 'waitlisted':
      return entry.waitlistPosition ? `候补第${entry.waitlistPosition}位` : label;
    case 'offered':
    case 'pending_payment':
      return entry.deadline ? `${label}（截止 ${deadlineText(entry.deadline)}）` : label;
    default:
      return label;
  }
}

/**
 * A name on a published winner list: the house mask (张*, 欧**娜) and the last four digits of
 * the member number, so members can find themselves and nobody can find anyone else.
 */
export function maskedEntrantName(name: string, memberNo: string): string {
  return `${maskName(name)}（尾号${memberNo.slice(-4)}）`;
}

// ---- completion and teams ----------------------------------------------------

/**
 * Whether a course is completed: at least `requiredSessions` attended, never more than the
 * course has (an organiser who cuts a session does not make completion impossible).
 */
export function courseCompleted(attendedSessions: number, totalSessions: number, requiredSessions: number): boolean {
  if (totalSessions < 1) return false;
  const needed = Math.max(1, Math.min(requiredSessions, totalSessions));
  return attendedSessions >= needed;
}

/**
 * The event that closes a checked-in or confirmed entry when the activity has ended, or null to
 * leave it as it is (a course attended too rarely stays 已签到, not 已完成).
 */
export function closingEvent(
  entry: { status: EntryStatus; attendedSessions: number },
  activity: { kind: ActivityKind; totalSessions: number; requiredSessions: number },
): EntryEvent | null {
  if (entry.status === 'confirmed') return 'mark_no_show';
  if (entry.status !== 'checked_in') return null;
  if (!activityKind(activity.kind).countsAttendance) return 'complete';
  return courseCompleted(entry.attendedSessions, activity.totalSessions, activity.requiredSessions) ? 'complete' : null;
}

export interface TeamSize {
  teamSizeMin: number;
  teamSizeMax: number;
}

/** What keeps a team of `memberCount` from entering (too few or too many), or null when it fits. */
export function teamSizeProblem(group: TeamSize, memberCount: number): string | null {
  if (memberCount < group.teamSizeMin) {
    return `队伍至少需要${group.teamSizeMin}人，目前${memberCount}人`;
  }
  if (memberCount > group.teamSizeMax) return `队伍最多${group.teamSizeMax}人，目前${memberCount}人`;
  return null;
}

/** Whether one more member may join a team of `memberCount`. */
export const teamHasRoom = (group: TeamSize, memberCount: number): boolean => memberCount < group.teamSizeMax;
