/**
 * Opening hours as union offices write them in their station sheets
 * ("周一至周五 08:00-20:00；周六、周日 09:00-17:00"), read by the BFF's xlsx/csv import
 * and written by its export. Only the weekly table and `alwaysOpen` live in a sheet;
 * dated exceptions are edited in the app, so parsing returns none and formatting skips them.
 *
 * Formatting then parsing gives the same weekly table back for every table the parser
 * accepts (at most four non-overlapping intervals a day).
 */
import type { OpeningHours, OpeningInterval } from './opening-hours';

export type OpeningHoursTextResult = { ok: true; hours: OpeningHours } | { ok: false; message: string };

const DAY_NAMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
/** What a sheet says for a station closed all week; parsing accepts it alone or after days. */
export const CLOSED_ALL_WEEK_TEXT = '休息';
export const ALWAYS_OPEN_TEXT = '24小时';
const EXAMPLE = '示例：周一至周五 08:00-20:00；周六、周日 09:00-17:00';
const MAX_INTERVALS_PER_DAY = 4;
const DAY_MINUTES = 24 * 60;

/** The whole cell saying "open round the clock", with spaces removed. */
const ALWAYS_OPEN =
  /^(?:(?:每天|每日|全年|全周|周一至周日)?(?:24小时|全天)(?:营业|开放)?|全天24小时(?:营业|开放)?|24h)$/i;

type Token =
  | { kind: 'interval'; open: string; close: string; source: string }
  | { kind: 'closed' | 'allDay' | 'range'; source: string }
  | { kind: 'days'; days: number[]; source: string }
  /** 三 in 周一、三、五 or 五 in 周一至五: a weekday only after another one. */
  | { kind: 'bareDay'; day: number; source: string };

const WEEKDAY_CHARS: Record<string, number> = { 一: 0, 二: 1, 三: 2, 四: 3, 五: 4, 六: 5, 日: 6, 天: 6 };
const ALL_DAYS = [0, 1, 2, 3, 4, 5, 6];
const GROUP_WORDS: Record<string, number[]> = {
  每天: ALL_DAYS,
  每日: ALL_DAYS,
  天天: ALL_DAYS,
  全周: ALL_DAYS,
  工作日: [0, 1, 2, 3, 4],
  周末: [5, 6],
};

const TIME = String.raw`(\d{1,2})\s*:\s*(\d{2})`;
// NFKC has already turned full-width ：－～ into : - ~; dashes and 至/到 remain as written.
const INTERVAL = new RegExp(String.raw`${TIME}\s*(?:-|~|〜|—|–|−|至|到)\s*(次日|翌日)?\s*${TIME}`, 'y');
const SEPARATORS = /[\s;,、/:|和及]+/y;
const WORDS: [RegExp, (match: RegExpExecArray) => Token][] = [
  [INTERVAL, (m) => interval(m)],
  [/(?:24小时|全天)(?:营业|开放)?/y, (m) => ({ kind: 'allDay', source: m[0] })],
  [/休息|不营业|停业|闭馆|关闭/y, (m) => ({ kind: 'closed', source: m[0] })],
  [/(?:周|星期|礼拜)([一二三四五六日天])/y, (m) => ({ kind: 'days', days: [WEEKDAY_CHARS[m[1]!]!], source: m[0] })],
  [/每天|每日|天天|全周|工作日|周末/y, (m) => ({ kind: 'days', days: GROUP_WORDS[m[0]]!, source: m[0] })],
  [/至|到|-|~|〜|—|–|−/y, (m) => ({ kind: 'range', source: m[0] })],
  [/[一二三四五六日天]/y, (m) => ({ kind: 'bareDay', day: WEEKDAY_CHARS[m[0]]!, source: m[0] })],
];

class TextError extends Error {}

function clock(hoursText: string, minutesText: string, source: string): number {
  const hours = Number(hoursText);
  const minutes = Number(minutesText);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) {
    throw new TextError(`时间“${source}”不正确，应在 00:00 到 24:00 之间`);
  }
  return hours * 60 + minutes;
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function interval(match: RegExpExecArray): Token {
  const [source, openH = '', openM = '', nextDay, closeH = '', closeM = ''] = match;
  const open = clock(openH, openM, `${openH}:${openM}`);
  const close = clock(closeH, closeM, `${closeH}:${closeM}`);
  if (open === DAY_MINUTES) throw new TextError(`“${source}”的开始时间不能是 24:00`);
  if (nextDay && (close > open || close === DAY_MINUTES)) {
    throw new TextError(`“${source}”不是跨夜时段，“次日”只用于如 22:00-次日06:00 的时段`);
  }
  // Without 次日 an equal pair is most likely a slip; a whole day is written 00:00-24:00.
  if (!nextDay && close === open) throw new TextError(`“${source}”的开始和结束时间相同，全天营业请写 00:00-24:00`);
  return { kind: 'interval', open: hhmm(open), close: hhmm(close), source };
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  scan: while (at < text.length) {
    SEPARATORS.lastIndex = at;
    if (SEPARATORS.exec(text)) {
      at = SEPARATORS.lastIndex;
      continue;
    }
    for (const [pattern, build] of WORDS) {
      pattern.lastIndex = at;
      const match = pattern.exec(text);
      if (match) {
        tokens.push(build(match));
        at = pattern.lastIndex;
        continue scan;
      }
    }
    const rest = text
      .slice(at)
      .split(/[\s;,、]/)[0]!
      .slice(0, 12);
    if (/^\d/.test(rest)) throw new TextError(`无法识别时段“${rest}”，应写成如 08:00-20:00`);
    throw new TextError(`无法识别“${rest}”，${EXAMPLE}`);
  }
  return tokens;
}

interface Segment {
  dayTokens: Token[];
  timeTokens: Token[];
}

/** Days followed by their hours; a new day after hours starts the next segment. */
function segmentsOf(tokens: Token[]): Segment[] {
  const segments: Segment[] = [];
  let current: Segment = { dayTokens: [], timeTokens: [] };
  for (const token of tokens) {
    const isDay = token.kind === 'days' || token.kind === 'bareDay' || token.kind === 'range';
    if (isDay && current.timeTokens.length > 0) {
      segments.push(current);
      current = { dayTokens: [], timeTokens: [] };
    }
    (isDay ? current.dayTokens : current.timeTokens).push(token);
  }
  if (current.dayTokens.length > 0 || current.timeTokens.length > 0) segments.push(current);
  return segments;
}

const sourceOf = (tokens: Token[]) => tokens.map((token) => token.source).join('');

function daysOf(tokens: Token[]): number[] {
  const days = new Set<number>();
  const dayAt = (index: number): number | null => {
    const token = tokens[index];
    if (token?.kind === 'days' && token.days.length === 1) return token.days[0]!;
    if (token?.kind === 'bareDay' && index > 0) return token.day;
    return null;
  };
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (tokens[index + 1]?.kind === 'range') {
      const from = dayAt(index);
      const to = dayAt(index + 2);
      if (from === null || to === null)
        throw new TextError(`无法识别星期范围“${sourceOf(tokens)}”，应写成如 周一至周五`);
      // 周五至周一 wraps over the weekend, as it reads.
      for (let day = from; ; day = (day + 1) % 7) {
        days.add(day);
        if (day === to) break;
      }
      index += 2;
    } else if (token.kind === 'days') {
      token.days.forEach((day) => days.add(day));
    } else if (token.kind === 'bareDay' && index > 0) {
      days.add(token.day);
    } else {
      throw new TextError(`无法识别星期“${sourceOf(tokens)}”，${EXAMPLE}`);
    }
  }
  return [...days];
}

function intervalsOf(tokens: Token[], label: string): OpeningInterval[] {
  if (tokens.length === 1 && tokens[0]!.kind === 'closed') return [];
  if (tokens.length === 1 && tokens[0]!.kind === 'allDay') return [{ open: '00:00', close: '24:00' }];
  if (tokens.some((token) => token.kind !== 'interval')) {
    throw new TextError(`“${label}”的营业时间“${sourceOf(tokens)}”无法识别，应写成如 08:00-12:00,14:00-20:00`);
  }
  return tokens.flatMap((token) => (token.kind === 'interval' ? [{ open: token.open, close: token.close }] : []));
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));

/** Overlapping intervals on one day are a typo; an import should say so rather than guess. */
function checkDay(day: number, intervals: OpeningInterval[]): void {
  if (intervals.length > MAX_INTERVALS_PER_DAY) {
    throw new TextError(`${DAY_NAMES[day]}最多填写 ${MAX_INTERVALS_PER_DAY} 个时段`);
  }
  const spans = intervals
    .map(({ open, close }) => {
      const start = minutesOf(open);
      const end = minutesOf(close);
      return { start, end: end <= start ? end + DAY_MINUTES : end, text: `${open}-${close}` };
    })
    .sort((a, b) => a.start - b.start);
  for (let index = 1; index < spans.length; index++) {
    if (spans[index]!.start < spans[index - 1]!.end) {
      throw new TextError(`${DAY_NAMES[day]}的时段 ${spans[index - 1]!.text} 与 ${spans[index]!.text} 重叠`);
    }
  }
}

const sameIntervals = (a: OpeningInterval[], b: OpeningInterval[]) =>
  a.length === b.length && a.every((entry, index) => entry.open === b[index]!.open && entry.close === b[index]!.close);

function parseWeekly(text: string): OpeningInterval[][] {
  const segments = segmentsOf(tokenize(text));
  if (segments.length === 0) throw new TextError(`营业时间为空，${EXAMPLE}`);
  const weekly: (OpeningInterval[] | undefined)[] = Array.from({ length: 7 }, () => undefined);
  for (const { dayTokens, timeTokens } of segments) {
    const label = sourceOf(dayTokens);
    if (timeTokens.length === 0) throw new TextError(`“${label}”缺少营业时间，${EXAMPLE}`);
    if (dayTokens.length === 0 && segments.length > 1) {
      throw new TextError(`“${sourceOf(timeTokens)}”需注明适用的星期，${EXAMPLE}`);
    }
    // A lone "08:00-20:00" or "休息" speaks for the whole week.
    const days = dayTokens.length === 0 ? ALL_DAYS : daysOf(dayTokens);
    const intervals = intervalsOf(timeTokens, label || '每天');
    for (const day of days) {
      const earlier = weekly[day];
      if (earlier && !sameIntervals(earlier, intervals)) {
        throw new TextError(`${DAY_NAMES[day]}的营业时间填写了两次且不一致`);
      }
      checkDay(day, intervals);
      weekly[day] = intervals.map((entry) => ({ ...entry }));
    }
  }
  // Days a sheet does not mention are closed.
  return weekly.map((intervals) => intervals ?? []);
}

export function parseOpeningHoursText(text: string): OpeningHoursTextResult {
  // NFKC folds full-width digits and punctuation (０８：００－２０：００, ；, ，) into ASCII.
  const normalized = text.normalize('NFKC').trim();
  if (ALWAYS_OPEN.test(normalized.replace(/\s+/g, ''))) {
    return { ok: true, hours: { alwaysOpen: true, weekly: Array.from({ length: 7 }, () => []), exceptions: [] } };
  }
  try {
    return { ok: true, hours: { alwaysOpen: false, weekly: parseWeekly(normalized), exceptions: [] } };
  } catch (error) {
    if (error instanceof TextError) return { ok: false, message: error.message };
    throw error;
  }
}

function intervalText({ open, close }: OpeningInterval): string {
  const overnight = close !== '24:00' && minutesOf(close) <= minutesOf(open);
  return `${open}-${overnight ? '次日' : ''}${close}`;
}

/** The sheet text for a station's weekly hours: consecutive days with equal hours share one segment. */
export function formatOpeningHoursText(hours: OpeningHours): string {
  if (hours.alwaysOpen) return ALWAYS_OPEN_TEXT;
  const { weekly } = hours;
  if (weekly.every((intervals) => intervals.length === 0)) return CLOSED_ALL_WEEK_TEXT;
  const text = (intervals: OpeningInterval[]) => intervals.map(intervalText).join(',');
  if (weekly.every((intervals) => sameIntervals(intervals, weekly[0]!))) return `每天 ${text(weekly[0]!)}`;
  const segments: string[] = [];
  for (let first = 0; first < 7;) {
    let last = first;
    while (last + 1 < 7 && sameIntervals(weekly[last + 1]!, weekly[first]!)) last++;
    if (weekly[first]!.length > 0) {
      const days = first === last ? DAY_NAMES[first] : `${DAY_NAMES[first]}至${DAY_NAMES[last]}`;
      segments.push(`${days} ${text(weekly[first]!)}`);
    }
    first = last + 1;
  }
  return segments.join('；');
}
