/**
 * How a China calendar date reads on a page. The calendar itself (China time whatever zone
 * the phone is set to) is @union/shared's china-time.
 */

/** `7月14日` */
export function monthDayText(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}
