/** China wall-clock time (UTC+8, no daylight saving) for messages, the day's list and the sheet. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** `2026-03-15 14:05` in China time. */
export function chinaDateTime(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** First instant of a China calendar day (`YYYY-MM-DD`) and of the next one: [start, end). */
export function chinaDayRange(date: string): { start: Date; end: Date } {
  const start = new Date(Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS);
  return { start, end: new Date(start.getTime() + 86_400_000) };
}
