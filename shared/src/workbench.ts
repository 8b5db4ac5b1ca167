/**
 * The cadre workbench's rules both sides need: which to-dos and notices exist, which staff
 * entry each to-do opens (a to-do is shown only to those who may use that entry), the
 * thresholds of the notices, and how an age reads.
 */
import { DAY_MS } from './china-time';
import type { StaffEntryKey } from './staff-entries';

/** To-dos, in workbench order. Each opens a queue whose length is its count. */
export const WORKBENCH_TODOS = {
  joinReview: { label: '待审核入会申请', entry: 'joinReview' },
  /** One per programme and review step the cadre decides: the applications waiting at that step. */
  aidReview: { label: '助学待审', entry: 'aidReview' },
  stationFeedback: { label: '驿站评价未回复', entry: 'stations' },
  activityReview: { label: '报名待审核的活动', entry: 'activities' },
  activityLottery: { label: '待抽签的活动', entry: 'activities' },
  activityCheckInToday: { label: '今日签到的活动', entry: 'activities' },
  /** Active merchants with no clerk bound and no live invitation: nobody can redeem at their counter. */
  merchantInvitations: { label: '商户邀请待处理', entry: 'benefitMerchants' },
  /** Closed months with redemptions whose settlement sheet nobody exported after the month ended. */
  settlementExports: { label: '结算待导出', entry: 'benefitSettlement' },
} as const satisfies Record<string, { label: string; entry: StaffEntryKey }>;
export type WorkbenchTodoKey = keyof typeof WORKBENCH_TODOS;
export const WORKBENCH_TODO_KEYS = Object.keys(WORKBENCH_TODOS) as [WorkbenchTodoKey, ...WorkbenchTodoKey[]];

/** Notices: things to look at, not queues; shown to those who may use the entry they concern. */
export const WORKBENCH_NOTICES = {
  stationsIdle: { label: '7 天无人到访的驿站', entry: 'stations' },
  stationsClosedToday: { label: '今日不开放的驿站', entry: 'stations' },
  offersLowStock: { label: '库存将尽的优惠', entry: 'benefitOffers' },
  activitiesTomorrow: { label: '明天开始的活动', entry: 'activities' },
} as const satisfies Record<string, { label: string; entry: StaffEntryKey }>;
export type WorkbenchNoticeKey = keyof typeof WORKBENCH_NOTICES;
export const WORKBENCH_NOTICE_KEYS = Object.keys(WORKBENCH_NOTICES) as [WorkbenchNoticeKey, ...WorkbenchNoticeKey[]];

/** A station with no counted check-in and no walk-in in this many days is idle. */
export const STATION_IDLE_DAYS = 7;
/** A notice lists this many of its items; its count is all of them. */
export const NOTICE_ITEM_LIMIT = 5;

/**
 * Running out: at most 10 units left, or at most a tenth of the stock (so a 5,000-unit offer
 * is flagged at 500 left, a 40-unit one at 10). An offer with nothing left is sold out, not
 * running out, and is not flagged.
 */
export function runningOutOfStock(offer: { stockTotal: number; stockRemaining: number }): boolean {
  return offer.stockRemaining > 0 && offer.stockRemaining <= Math.max(10, offer.stockTotal / 10);
}

/** “最早 3 天前”: how long the oldest item has waited, in whole days (hours, minutes below a day). */
export function waitingAgeLabel(oldestAt: Date | string, now: Date | number = Date.now()): string {
  const waited = Math.max(0, new Date(now).getTime() - new Date(oldestAt).getTime());
  if (waited >= DAY_MS) return `最早 ${Math.floor(waited / DAY_MS)} 天前`;
  if (waited >= 3_600_000) return `最早 ${Math.floor(waited / 3_600_000)} 小时前`;
  return `最早 ${Math.max(1, Math.floor(waited / 60_000))} 分钟前`;
}
