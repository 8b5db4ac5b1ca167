import { chinaDateTime } from '@union/shared';
import { formatFen } from '../utils/money';
import type { ActivitySummary } from '../services/activities';

/** China time whatever the phone's zone: sessions happen in China. */
export const formatDateTimeChina = (iso: string): string => chinaDateTime(new Date(iso));

export const feeText = (memberPaysFen: number): string => (memberPaysFen === 0 ? '免费' : formatFen(memberPaysFen));

/**
 * The card's place line: 剩余N个名额 / 抽签 / 审核制 / 可候补 / 已截止 / 未开始. A lottery or
 * review group's free count is not a place the member can take, so it is never shown as one.
 */
export function placesText(activity: ActivitySummary): string {
  if (activity.signUpState === 'closed') return '已截止';
  if (activity.signUpState === 'not_open') return '报名未开始';
  switch (activity.allocationState) {
    case 'lottery':
      return '抽签';
    case 'review':
      return '审核制';
    case 'waitlist':
      return '名额已满，可候补';
    default:
      return `剩余${activity.placesLeft}个名额`;
  }
}

/** 850米 / 3.2公里, straight-line from the member. */
export const distanceText = (metres: number): string =>
  metres < 1000 ? `${Math.round(metres)}米` : `${(metres / 1000).toFixed(1)}公里`;
export const chinaTime = formatDateTimeChina;

/** A team group's size rule as the member reads it before joining or creating a team. */
export function teamSizeRule(team: { min: number; max: number }): string {
  const size = team.min === team.max ? `${team.min}` : `${team.min}–${team.max}`;
  return `需 ${size} 人，报名截止时锁定，届时不足${team.min}人的队伍将被取消`;
}

/** A team beside its entry: 队伍「飞鹰队」· 队长 · 3人（需2–5人）. */
export function teamLine(team: { name: string; role: 'captain' | 'member'; size: number; min: number; max: number }) {
  const size = team.min === team.max ? `${team.min}` : `${team.min}–${team.max}`;
  return `队伍「${team.name}」· ${team.role === 'captain' ? '队长' : '队员'} · ${team.size}人（需${size}人）`;
}
