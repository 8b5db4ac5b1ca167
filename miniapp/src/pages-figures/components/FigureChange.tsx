import { Text } from '@tarojs/components';
import { figureChange } from '@union/shared';

/** 同比 with an arrow: ↑ 12.5% / ↓ 3.0% / 持平; 同比 — when last year gives no base (none, or 0). */
export function FigureChange({
  value,
  lastYear,
  testId,
}: {
  value: number | null;
  lastYear: number | null;
  testId?: string;
}) {
  const change = figureChange(value, lastYear);
  if (change === null || value === null || lastYear === null) {
    return (
      <Text className="figure-change" data-testid={testId}>
        同比 —
      </Text>
    );
  }
  const direction = value > lastYear ? 'up' : value < lastYear ? 'down' : 'flat';
  const text = direction === 'flat' ? '持平' : `${direction === 'up' ? '↑' : '↓'} ${change.replace(/^[+-]/, '')}`;
  return (
    <Text className={`figure-change figure-change--${direction}`} data-testid={testId}>
      {`同比 ${text}`}
    </Text>
  );
}
