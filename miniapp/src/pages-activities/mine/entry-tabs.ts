/** 我的活动's tabs: every entry status of the contract belongs to exactly one (the Record makes a new status a compile error here). */
import type { EntryStatus } from '@union/shared';

export type EntryTab = 'all' | 'active' | 'waiting' | 'ended';

export const ENTRY_TABS: { key: EntryTab; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'active', label: '进行中' },
  { key: 'waiting', label: '候补与待定' },
  { key: 'ended', label: '已结束' },
];

const TAB_OF_STATUS: Record<EntryStatus, Exclude<EntryTab, 'all'>> = {
  // Holding a place, or about to (an offered place to confirm, an order to pay).
  offered: 'active',
  pending_payment: 'active',
  confirmed: 'active',
  checked_in: 'active',
  // No place yet: the decision is someone else's (waitlist, draw, review).
  waitlisted: 'waiting',
  awaiting_draw: 'waiting',
  pending_review: 'waiting',
  completed: 'ended',
  no_show: 'ended',
  not_drawn: 'ended',
  rejected: 'ended',
  cancelled: 'ended',
};

export const inTab = (tab: EntryTab, status: EntryStatus): boolean => tab === 'all' || TAB_OF_STATUS[status] === tab;
