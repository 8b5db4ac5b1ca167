import { Picker, Text, View } from '@tarojs/components';
import type { OpeningInterval } from '@union/shared';
import { DEFAULT_INTERVAL } from '../../draft';

const MAX_INTERVALS = 4;

/** A 00:00 close is midnight (pickers cannot say 24:00); an earlier close is the next morning. */
function closeLabel({ open, close }: OpeningInterval): string {
  if (close === '00:00' || close === '24:00') return '24:00';
  return close <= open ? `次日${close}` : close;
}

interface IntervalListProps {
  intervals: OpeningInterval[];
  onChange: (intervals: OpeningInterval[]) => void;
  /** Base for data-testid: `<testId>-<n>-open`, `<testId>-<n>-close`, `<testId>-<n>-remove`, `<testId>-add`. */
  testId: string;
  emptyText?: string;
}

/** A day's opening intervals; a close at or before the open runs past midnight (次日). */
export function IntervalList({ intervals, onChange, testId, emptyText = '休息' }: IntervalListProps) {
  const update = (index: number, change: Partial<OpeningInterval>) =>
    onChange(intervals.map((interval, i) => (i === index ? { ...interval, ...change } : interval)));

  return (
    <View className="interval-list">
      {intervals.length === 0 ? <Text className="muted">{emptyText}</Text> : null}
      {intervals.map((interval, index) => (
        <View key={index} className="interval">
          <Picker
            mode="time"
            value={interval.open}
            onChange={(e) => update(index, { open: e.detail.value })}
            data-testid={`${testId}-${index}-open`}
          >
            <Text className="time-box">{interval.open}</Text>
          </Picker>
          <Text>至</Text>
          <Picker
            mode="time"
            value={interval.close === '24:00' ? '00:00' : interval.close}
            onChange={(e) => update(index, { close: e.detail.value })}
            data-testid={`${testId}-${index}-close`}
          >
            <Text className="time-box">{closeLabel(interval)}</Text>
          </Picker>
          <Text
            className="link"
            onClick={() => onChange(intervals.filter((_, i) => i !== index))}
            data-testid={`${testId}-${index}-remove`}
          >
            删除
          </Text>
        </View>
      ))}
      {intervals.length < MAX_INTERVALS ? (
        <Text
          className="link interval-list__add"
          onClick={() => onChange([...intervals, { ...DEFAULT_INTERVAL }])}
          data-testid={`${testId}-add`}
        >
          + 添加时段
        </Text>
      ) : null}
    </View>
  );
}
