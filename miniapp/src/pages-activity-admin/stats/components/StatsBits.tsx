/** The pieces both statistics views draw: a labelled figure, and one bar row. */
import { Text, View } from '@tarojs/components';

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

/** `2026-07-14` → `7月14日`. */
export function dayLabel(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}
