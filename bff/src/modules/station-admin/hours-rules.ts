/**
 * Rules on opening hours that the contract's schema cannot express on its own:
 * one exception per date, and no two intervals of the same day overlapping
 * (an overlap is almost always a typo, e.g. 08:00–18:00 and 12:00–14:00).
 */
import type { OpeningHours, OpeningInterval } from '@union/shared';
import type { FieldProblem } from '../../http/errors';

const DAY_MINUTES = 24 * 60;

const minutesOf = (time: string) => {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
};

function overlappingIntervals(intervals: readonly OpeningInterval[], path: string): FieldProblem[] {
  const spans = intervals
    .map(({ open, close }, index) => {
      const start = minutesOf(open);
      let end = minutesOf(close);
      // Same convention as openingStatus: a close at or before the open runs past midnight.
      if (end <= start) end += DAY_MINUTES;
      return { start, end, index };
    })
    .sort((a, b) => a.start - b.start || a.index - b.index);
  const problems: FieldProblem[] = [];
  let latestEnd = -1;
  for (const span of spans) {
    if (span.start < latestEnd) problems.push({ path: `${path}.${span.index}`, message: '与同一天的其他时段重叠' });
    latestEnd = Math.max(latestEnd, span.end);
  }
  return problems;
}

/** Problems with field paths under `hours` (e.g. `hours.weekly.0.1`), empty when the hours are sound. */
export function openingHoursProblems(hours: OpeningHours): FieldProblem[] {
  const problems: FieldProblem[] = [];
  hours.weekly.forEach((day, index) => problems.push(...overlappingIntervals(day, `hours.weekly.${index}`)));
  const seenDates = new Set<string>();
  hours.exceptions.forEach((exception, index) => {
    if (seenDates.has(exception.date)) {
      problems.push({ path: `hours.exceptions.${index}.date`, message: `${exception.date} 已有一条例外安排` });
    }
    seenDates.add(exception.date);
    problems.push(...overlappingIntervals(exception.intervals, `hours.exceptions.${index}.intervals`));
  });
  return problems;
}
