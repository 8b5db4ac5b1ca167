/** The pieces both statistics views draw: a labelled figure, bar rows, and a panel of them. */
import { Text, View } from '@tarojs/components';
import { STATS_TEXT as T } from '../../strings';

export function Figure({ label, value, testId }: { label: string; value: string | number; testId: string }) {
  return (
    <View className="activity-stats__figure">
      <Text className="muted">{label}</Text>
      <Text className="activity-stats__value" data-testid={testId}>
        {String(value)}
      </Text>
    </View>
  );
}

interface BarRowProps {
  label: string;
  /** 0–1 of the widest row. */
  share: number;
  value: string;
  testId: string;
}

export function BarRow({ label, share, value, testId }: BarRowProps) {
  return (
    <View className="activity-stats__row" data-testid={testId}>
      <Text className="activity-stats__label">{label}</Text>
      <View className="activity-stats__bar">
        <View className="activity-stats__fill" style={{ width: `${Math.round(Math.min(1, share) * 100)}%` }} />
      </View>
      <Text>{value}</Text>
    </View>
  );
}

/** A titled panel of bar rows, with 暂无数据 when there are none. */
export function BarPanel({ title, rows }: { title: string; rows: (BarRowProps & { key: string | number })[] }) {
  return (
    <View className="panel">
      <Text className="panel__title">{title}</Text>
      {rows.length === 0 ? <Text className="muted">{T.nothing}</Text> : null}
      {rows.map(({ key, ...row }) => (
        <BarRow key={key} {...row} />
      ))}
    </View>
  );
}

/** `2026-07-14` → `7月14日`. */
export function dayLabel(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}
