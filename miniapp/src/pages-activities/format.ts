import { chinaDateTime } from '@union/shared';
import { formatFen } from '../utils/money';
import type { ActivitySummary } from '../services/activities';

/** China time whatever the phone's zone: sessions happen in China. */
export const formatDateTimeChina = (iso: string): string => chinaDateTime(new Date(iso));

export const feeText = (memberPaysFen: number): string => (memberPaysFen === 0 ? '免费' : formatFen(memberPaysFen));

/** The card's place line: 剩余N个名额 / 已截止 / 未开始. */
export function placesText(activity: ActivitySummary): string {
  if (activity.signUpState === 'closed') return '已截止';
  if (activity.signUpState === 'not_open') return '报名未开始';
  return activity.placesLeft > 0 ? `剩余${activity.placesLeft}个名额` : '名额已满，可候补';
}
export const chinaTime = formatDateTimeChina;
