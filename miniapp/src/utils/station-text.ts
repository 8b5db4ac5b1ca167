/** How a station's distance and open state read in the list, on the map and on its page. */
import { chinaMoment, type StationSummary } from '@union/shared';
import { monthDayText } from './china-time';
import { WEEKDAY_LABELS } from '../strings/stations';

/** `350米`, `1.2公里`; metres are rounded to tens because GPS is no better than that. */
export function distanceText(meters: number): string {
  if (meters < 1000) return `${Math.max(10, Math.round(meters / 10) * 10)}米`;
  if (meters < 100_000) return `${(meters / 1000).toFixed(1)}公里`;
  return `${Math.round(meters / 1000)}公里`;
}

/** `步行6分钟 · 骑行2分钟`, or null without a position. */
export function travelText(station: Pick<StationSummary, 'walkMinutes' | 'rideMinutes'>): string | null {
  if (station.walkMinutes === null || station.rideMinutes === null) return null;
  return `步行${station.walkMinutes}分钟 · 骑行${station.rideMinutes}分钟`;
}

export type OpenTone = 'open' | 'soon' | 'closed';

/** `今天` is left out: `14:00开门` reads as today. */
function dayWord(instant: Date, now: Date): string {
  const days = chinaMoment(instant).dayNumber - chinaMoment(now).dayNumber;
  if (days <= 0) return '';
  if (days === 1) return '明天';
  if (days === 2) return '后天';
  const moment = chinaMoment(instant);
  return days < 7 ? WEEKDAY_LABELS[moment.weekday]! : monthDayText(moment.date);
}

/**
 * `营业中 · 还有25分钟打烊`, `营业中 · 22:00打烊`, `已打烊 · 明天08:00开门`, `24小时营业`.
 * The BFF decides open or not (in China time, with exceptions); this only words it.
 */
export function openStateText(
  station: Pick<StationSummary, 'status' | 'opening'>,
  now: Date = new Date(),
): { text: string; tone: OpenTone } {
  const { opening } = station;
  if (station.status === 'closed') return { text: '暂停服务', tone: 'closed' };
  if (opening.openNow) {
    if (opening.closesInMinutes === null) return { text: '24小时营业', tone: 'open' };
    if (opening.closingSoon) return { text: `营业中 · 还有${opening.closesInMinutes}分钟打烊`, tone: 'soon' };
    // Counted from the start of this minute, as the BFF rounds the minutes up.
    const closesAt = new Date(Math.floor(now.getTime() / 60_000) * 60_000 + opening.closesInMinutes * 60_000);
    return { text: `营业中 · ${dayWord(closesAt, now)}${chinaMoment(closesAt).time}打烊`, tone: 'open' };
  }
  if (!opening.opensAt) return { text: '已打烊', tone: 'closed' };
  const opensAt = new Date(opening.opensAt);
  return { text: `已打烊 · ${dayWord(opensAt, now)}${chinaMoment(opensAt).time}开门`, tone: 'closed' };
}

/**
 * A district as riders name it: areas are keyed by their union federation
 * (滨江区总工会), but distances are measured from the middle of its stations,
 * so the list should say 滨江区, not the federation's office.
 */
export function areaLabel(federationName: string): string {
  return federationName.replace(/总工会$/, '') || federationName;
}
