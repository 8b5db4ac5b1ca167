import { describe, expect, it } from 'vitest';
import { type OpeningHours, type OpeningInterval, OpeningHoursSchema, openingStatus } from './opening-hours';
import { formatOpeningHoursText, parseOpeningHoursText } from './opening-hours-text';

const day = (...pairs: string[]): OpeningInterval[] =>
  pairs.map((pair) => {
    const [open, close] = pair.split('-') as [string, string];
    return { open, close };
  });
const closed: OpeningInterval[] = [];
const everyDay = (intervals: OpeningInterval[]) => Array.from({ length: 7 }, () => intervals);
const weekdays = (weekday: OpeningInterval[], weekend: OpeningInterval[]) => [
  ...Array.from({ length: 5 }, () => weekday),
  weekend,
  weekend,
];
const hoursOf = (weekly: OpeningInterval[][], alwaysOpen = false): OpeningHours => ({
  alwaysOpen,
  weekly,
  exceptions: [],
});

/** The weekly table a text parses to; fails the test with the parser's message otherwise. */
function weeklyOf(text: string): OpeningInterval[][] {
  const result = parseOpeningHoursText(text);
  if (!result.ok) throw new Error(`“${text}” was rejected: ${result.message}`);
  expect(result.hours.alwaysOpen).toBe(false);
  return result.hours.weekly;
}

function messageOf(text: string): string {
  const result = parseOpeningHoursText(text);
  if (result.ok) throw new Error(`“${text}” was accepted as ${JSON.stringify(result.hours)}`);
  return result.message;
}

describe('parseOpeningHoursText: 24-hour stations', () => {
  it.each(['24小时', '全天', '24小时营业', ' 24 小时 ', '每天24小时', '全天24小时营业', '24H', '２４小时'])(
    'reads “%s” as always open',
    (text) => {
      expect(parseOpeningHoursText(text)).toEqual({
        ok: true,
        hours: { alwaysOpen: true, weekly: everyDay(closed), exceptions: [] },
      });
    },
  );

  it('reads 24小时 after particular days as those days open round the clock', () => {
    expect(weeklyOf('周六、周日 24小时')).toEqual([
      closed,
      closed,
      closed,
      closed,
      closed,
      ...everyDay(day('00:00-24:00')).slice(0, 2),
    ]);
  });
});

describe('parseOpeningHoursText: days', () => {
  const nineToFive = day('09:00-17:00');

  it('reads 每天 as all seven days, and a time alone as every day', () => {
    expect(weeklyOf('每天 08:00-20:00')).toEqual(everyDay(day('08:00-20:00')));
    expect(weeklyOf('每日 08:00-20:00')).toEqual(everyDay(day('08:00-20:00')));
    expect(weeklyOf('08:00-20:00')).toEqual(everyDay(day('08:00-20:00')));
  });

  it('reads the example union offices write', () => {
    expect(weeklyOf('周一至周五 08:00-20:00；周六、周日 09:00-17:00')).toEqual(
      weekdays(day('08:00-20:00'), nineToFive),
    );
  });

  it.each([
    '周一至周五 09:00-17:00',
    '周一到周五 09:00-17:00',
    '周一-周五 09:00-17:00',
    '周一~周五 09:00-17:00',
    '周一—周五 09:00-17:00',
    '星期一至星期五 09:00-17:00',
    '礼拜一到礼拜五 09:00-17:00',
    '周一至五 09:00-17:00',
    '工作日 09:00-17:00',
    '周一至周五：09:00-17:00',
    '周一至周五09:00-17:00',
  ])('reads the weekday range in “%s”', (text) => {
    expect(weeklyOf(text)).toEqual(weekdays(nineToFive, closed));
  });

  it.each([
    '周六、周日 09:00-17:00',
    '周六,周日 09:00-17:00',
    '周六，周日 09:00-17:00',
    '周六 周日 09:00-17:00',
    '周六和周日 09:00-17:00',
    '星期六、星期天 09:00-17:00',
    '周末 09:00-17:00',
    '周六至周日 09:00-17:00',
  ])('reads the weekend in “%s”', (text) => {
    expect(weeklyOf(text)).toEqual(weekdays(closed, nineToFive));
  });

  it('reads a list of single days, with the later ones abbreviated', () => {
    expect(weeklyOf('周一、三、五 09:00-17:00')).toEqual([
      nineToFive,
      closed,
      nineToFive,
      closed,
      nineToFive,
      closed,
      closed,
    ]);
  });

  it('reads a range that wraps over the weekend as it reads', () => {
    expect(weeklyOf('周五至周一 09:00-17:00')).toEqual([
      nineToFive,
      closed,
      closed,
      closed,
      nineToFive,
      nineToFive,
      nineToFive,
    ]);
  });

  it('leaves the days a sheet does not mention closed', () => {
    expect(weeklyOf('周三 09:00-17:00')).toEqual([closed, closed, nineToFive, closed, closed, closed, closed]);
  });

  it('accepts a day said to be closed', () => {
    expect(weeklyOf('周一至周六 09:00-17:00；周日休息')).toEqual([
      ...Array.from({ length: 6 }, () => nineToFive),
      closed,
    ]);
    expect(weeklyOf('工作日 09:00-17:00；周末 不营业')).toEqual(weekdays(nineToFive, closed));
  });

  it('reads 休息 alone as closed all week', () => {
    expect(weeklyOf('休息')).toEqual(everyDay(closed));
    expect(weeklyOf('每天 休息')).toEqual(everyDay(closed));
  });

  it('accepts a day repeated with the same hours', () => {
    expect(weeklyOf('周一至周五 09:00-17:00；周五 09:00-17:00')).toEqual(weekdays(nineToFive, closed));
  });
});

describe('parseOpeningHoursText: segments and intervals', () => {
  const expected = weekdays(day('08:00-20:00'), day('09:00-17:00'));

  it.each([
    '周一至周五 08:00-20:00；周六、周日 09:00-17:00',
    '周一至周五 08:00-20:00;周六、周日 09:00-17:00',
    '周一至周五 08:00-20:00\n周六、周日 09:00-17:00',
    '周一至周五 08:00-20:00\r\n周六、周日 09:00-17:00；',
    '周一至周五 08:00-20:00，周六、周日 09:00-17:00',
    '周一至周五 08:00-20:00 周六、周日 09:00-17:00',
  ])('splits segments in %j', (text) => {
    expect(weeklyOf(text)).toEqual(expected);
  });

  it.each([
    '周一至周五 08:00-12:00,14:00-20:00',
    '周一至周五 08:00-12:00，14:00-20:00',
    '周一至周五 08:00-12:00、14:00-20:00',
    '周一至周五 08:00-12:00 14:00-20:00',
  ])('reads several intervals a day in “%s”', (text) => {
    expect(weeklyOf(text)).toEqual(weekdays(day('08:00-12:00', '14:00-20:00'), closed));
  });

  it('keeps the intervals in the order written', () => {
    expect(weeklyOf('每天 14:00-20:00,08:00-12:00')[0]).toEqual(day('14:00-20:00', '08:00-12:00'));
  });

  it.each([
    '每天 08:00-20:00',
    '每天 08:00—20:00',
    '每天 08:00–20:00',
    '每天 08:00~20:00',
    '每天 08:00～20:00',
    '每天 08:00至20:00',
    '每天 08:00到20:00',
    '每天 08:00 - 20:00',
    '每天 08：00-20：00',
    '每天 8:00-20:00',
    '每天 ０８：００－２０：００',
  ])('reads the interval in “%s”', (text) => {
    expect(weeklyOf(text)).toEqual(everyDay(day('08:00-20:00')));
  });

  it('reads overnight hours with or without 次日', () => {
    const fridayNight = [closed, closed, closed, closed, day('22:00-06:00'), closed, closed];
    expect(weeklyOf('周五 22:00-次日06:00')).toEqual(fridayNight);
    expect(weeklyOf('周五 22:00-翌日06:00')).toEqual(fridayNight);
    expect(weeklyOf('周五 22:00-06:00')).toEqual(fridayNight);
    // A morning interval and that evening's night shift do not overlap.
    expect(weeklyOf('周五 05:00-08:00,22:00-次日06:00')[4]).toEqual(day('05:00-08:00', '22:00-06:00'));
    expect(weeklyOf('周五 00:00-次日00:00')).toEqual([
      closed,
      closed,
      closed,
      closed,
      day('00:00-00:00'),
      closed,
      closed,
    ]);
  });

  it('reads 24:00 as a closing time', () => {
    expect(weeklyOf('每天 18:00-24:00')).toEqual(everyDay(day('18:00-24:00')));
  });

  it('gives hours that openingStatus reads as written: Friday night is open at 05:00 on Saturday', () => {
    const result = parseOpeningHoursText('周五 22:00-次日06:00');
    expect(result.ok && openingStatus(result.hours, new Date('2025-06-14T05:00:00+08:00'))).toMatchObject({
      open: true,
      closesInMinutes: 60,
    });
  });

  it('gives hours the contract accepts, with no exceptions', () => {
    for (const text of ['24小时', '休息', '周一至周五 08:00-12:00,14:00-20:00；周六 22:00-次日02:00']) {
      const result = parseOpeningHoursText(text);
      expect(result.ok).toBe(true);
      if (result.ok) {
        expect(result.hours.exceptions).toEqual([]);
        expect(OpeningHoursSchema.parse(result.hours)).toEqual(result.hours);
      }
    }
  });
});

describe('parseOpeningHoursText: mistakes', () => {
  it.each([
    ['', '营业时间为空'],
    ['   ', '营业时间为空'],
    ['周一至周五 08:00-20:00；周五 09:00-17:00', '周五的营业时间填写了两次且不一致'],
    ['每天 08:00-20:00；周日休息', '周日的营业时间填写了两次且不一致'],
    ['每天 25:00-26:00', '时间“25:00”不正确'],
    ['每天 08:60-20:00', '时间“08:60”不正确'],
    ['每天 08:00-24:30', '时间“24:30”不正确'],
    ['每天 24:00-06:00', '开始时间不能是 24:00'],
    ['每天 08:00-08:00', '开始和结束时间相同'],
    ['每天 08:00-次日09:00', '不是跨夜时段'],
    ['每天 20:00-次日24:00', '不是跨夜时段'],
    ['周一 08:00-12:00,11:00-14:00', '周一的时段 08:00-12:00 与 11:00-14:00 重叠'],
    ['周一 21:00-23:00,20:00-02:00', '周一的时段 20:00-02:00 与 21:00-23:00 重叠'],
    ['周一 06:00-07:00,08:00-09:00,10:00-11:00,12:00-13:00,14:00-15:00', '周一最多填写 4 个时段'],
    ['周八 08:00-20:00', '无法识别“周八”'],
    ['周一至周五', '“周一至周五”缺少营业时间'],
    ['08:00-20:00；周日 休息', '“08:00-20:00”需注明适用的星期'],
    ['每天 08:00', '无法识别时段“08:00”'],
    ['每天 8点到20点', '无法识别时段“8点到20点”'],
    ['周一至 08:00-20:00', '无法识别星期范围“周一至”'],
    ['三 08:00-20:00', '无法识别星期“三”'],
    ['工作日至周六 08:00-20:00', '无法识别星期范围'],
    ['每天 08:00-20:00 休息', '营业时间“08:00-20:00休息”无法识别'],
    ['营业中', '无法识别“营业中”'],
  ])('explains what is wrong with %j', (text, expected) => {
    const message = messageOf(text);
    expect(message).toContain(expected);
  });

  it('explains in Chinese, with an example where the shape is wrong', () => {
    expect(messageOf('open 9-5')).toMatch(/^无法识别“open”，示例：周一至周五 08:00-20:00；周六、周日 09:00-17:00$/);
  });
});

describe('formatOpeningHoursText', () => {
  it('writes 24小时 for a 24-hour station and 休息 for one closed all week', () => {
    expect(formatOpeningHoursText(hoursOf(everyDay(closed), true))).toBe('24小时');
    expect(formatOpeningHoursText(hoursOf(everyDay(day('08:00-20:00')), true))).toBe('24小时');
    expect(formatOpeningHoursText(hoursOf(everyDay(closed)))).toBe('休息');
  });

  it('writes 每天 when all seven days are the same', () => {
    expect(formatOpeningHoursText(hoursOf(everyDay(day('08:00-12:00', '14:00-20:00'))))).toBe(
      '每天 08:00-12:00,14:00-20:00',
    );
  });

  it('groups consecutive days with the same hours and leaves closed days out', () => {
    expect(formatOpeningHoursText(hoursOf(weekdays(day('08:00-20:00'), day('09:00-17:00'))))).toBe(
      '周一至周五 08:00-20:00；周六至周日 09:00-17:00',
    );
    expect(formatOpeningHoursText(hoursOf(weekdays(day('08:00-20:00'), closed)))).toBe('周一至周五 08:00-20:00');
    const alternate = [day('09:00-17:00'), closed, day('09:00-17:00'), closed, closed, closed, day('10:00-12:00')];
    expect(formatOpeningHoursText(hoursOf(alternate))).toBe('周一 09:00-17:00；周三 09:00-17:00；周日 10:00-12:00');
  });

  it('marks overnight intervals with 次日 and keeps 24:00', () => {
    const hours = hoursOf([day('22:00-06:00'), day('18:00-24:00'), day('00:00-00:00'), closed, closed, closed, closed]);
    expect(formatOpeningHoursText(hours)).toBe('周一 22:00-次日06:00；周二 18:00-24:00；周三 00:00-次日00:00');
  });

  it('leaves dated exceptions out of the sheet', () => {
    const hours = { ...hoursOf(everyDay(day('08:00-20:00'))), exceptions: [{ date: '2025-10-01', intervals: [] }] };
    expect(formatOpeningHoursText(hours)).toBe('每天 08:00-20:00');
  });
});

/** mulberry32: a small seeded generator, so a failing case can be replayed. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Up to four non-overlapping intervals, sometimes ending at 24:00 or running overnight. */
function randomDay(random: () => number): OpeningInterval[] {
  const count = Math.floor(random() * 4);
  const points = new Set<number>();
  // Whole quarter hours mostly, odd minutes sometimes; 1440 (24:00) can only be a closing time.
  while (points.size < count * 2) {
    const step = random() < 0.8 ? 15 : 1;
    points.add(Math.floor((random() * 1441) / step) * step);
  }
  const sorted = [...points].sort((a, b) => a - b);
  const intervals: OpeningInterval[] = [];
  for (let index = 0; index < sorted.length; index += 2) {
    intervals.push({ open: hhmm(sorted[index]!), close: hhmm(sorted[index + 1]!) });
  }
  const first = sorted[0] ?? 1440;
  const last = sorted.at(-1) ?? 0;
  if (count < 4 && last < 1380 && first > 60 && random() < 0.3) {
    // An overnight shift after the day's last interval, closing before its first one next morning.
    const open = last + 1 + Math.floor(random() * (1380 - last));
    intervals.push({ open: hhmm(open), close: hhmm(Math.floor(random() * Math.min(first, open))) });
  }
  return intervals;
}

function randomHours(random: () => number): OpeningHours {
  if (random() < 0.05) return hoursOf(everyDay(closed), true);
  const weekly: OpeningInterval[][] = [];
  for (let index = 0; index < 7; index++) {
    // Repeat the day before often, as real weeks do, so days get grouped.
    const repeat = index > 0 && random() < 0.5;
    weekly.push(repeat ? weekly[index - 1]!.map((entry) => ({ ...entry })) : randomDay(random));
  }
  return hoursOf(random() < 0.1 ? everyDay(weekly[0]!) : weekly);
}

describe('formatting then parsing', () => {
  it.each([
    '24小时',
    '休息',
    '每天 08:00-20:00',
    '周一至周五 08:00-20:00；周六至周日 09:00-17:00',
    '周一至周五 08:00-12:00,14:00-20:00',
    '周一 09:00-17:00；周三 09:00-17:00；周日 10:00-12:00',
    '周五至周六 22:00-次日06:00',
    '每天 00:00-24:00',
  ])('leaves the canonical text %j unchanged', (text) => {
    const result = parseOpeningHoursText(text);
    expect(result.ok && formatOpeningHoursText(result.hours)).toBe(text);
  });

  it('gives back the same weekly hours for 2,000 random weeks', () => {
    const random = seededRandom(20250609);
    for (let round = 0; round < 2_000; round++) {
      const hours = randomHours(random);
      const text = formatOpeningHoursText(hours);
      const parsed = parseOpeningHoursText(text);
      expect(parsed, `${JSON.stringify(hours.weekly)} as “${text}”`).toEqual({ ok: true, hours });
      expect(OpeningHoursSchema.safeParse(hours).success).toBe(true);
    }
  });

  it('generates weeks varied enough to mean something', () => {
    const random = seededRandom(20250609);
    const texts = Array.from({ length: 2_000 }, () => formatOpeningHoursText(randomHours(random)));
    expect(texts.some((text) => text === '24小时')).toBe(true);
    expect(texts.some((text) => text.startsWith('每天 '))).toBe(true);
    expect(texts.some((text) => text.includes('次日'))).toBe(true);
    expect(texts.some((text) => text.includes('24:00'))).toBe(true);
    expect(texts.some((text) => /周.至周.*；/.test(text))).toBe(true);
    expect(texts.some((text) => /(\d\d:\d\d-\d\d:\d\d,){3}/.test(text))).toBe(true);
    expect(new Set(texts).size).toBeGreaterThan(1_500);
  });
});
