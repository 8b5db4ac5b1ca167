import { Picker, Text, View } from '@tarojs/components';
import { figurePeriodLabel, periodOfLabel } from '@union/shared';
import { Chip } from '../../components/Chip';
import { defaultPeriod, PERIOD_KINDS, quarterChoices, type PeriodChoice } from '../period';

/** How a chosen period reads: 2026年3月, 2026年第1季度, 2026年, 2026-01-01 至 2026-03-15. */
export function periodText(period: PeriodChoice): string {
  if (period.kind === 'custom') return figurePeriodLabel(period);
  const named = periodOfLabel(period.label);
  return named ? figurePeriodLabel(named) : period.label;
}

/** 月 / 季度 / 年 / 自定义, then the month, quarter, year or the two days. */
export function PeriodPicker({ period, onChange }: { period: PeriodChoice; onChange: (next: PeriodChoice) => void }) {
  const quarters = quarterChoices();
  return (
    <View className="panel">
      <View className="figures-kinds">
        {PERIOD_KINDS.map(({ kind, label }) => (
          <Chip
            key={kind}
            on={period.kind === kind}
            onClick={() => period.kind !== kind && onChange(defaultPeriod(kind))}
            testId={`figures-period-kind-${kind}`}
          >
            {label}
          </Chip>
        ))}
      </View>
      {period.kind === 'custom' ? (
        <View className="row">
          <Picker
            mode="date"
            value={period.from}
            onChange={(e) => onChange({ ...period, from: String(e.detail.value) })}
            data-testid="figures-period-from"
          >
            <Text className="figures-picker">{period.from}</Text>
          </Picker>
          <Text>至</Text>
          <Picker
            mode="date"
            value={period.to}
            onChange={(e) => onChange({ ...period, to: String(e.detail.value) })}
            data-testid="figures-period-to"
          >
            <Text className="figures-picker">{period.to}</Text>
          </Picker>
        </View>
      ) : period.kind === 'quarter' ? (
        <Picker
          mode="selector"
          range={quarters.map((quarter) => quarter.text)}
          value={Math.max(
            0,
            quarters.findIndex((quarter) => quarter.label === period.label),
          )}
          onChange={(e) => {
            const chosen = quarters[Number(e.detail.value)];
            if (chosen) onChange({ kind: 'quarter', label: chosen.label });
          }}
          data-testid="figures-period-picker"
        >
          <Text className="figures-picker">{`${periodText(period)} ▾`}</Text>
        </Picker>
      ) : (
        <Picker
          mode="date"
          fields={period.kind === 'month' ? 'month' : 'year'}
          value={period.label}
          onChange={(e) =>
            onChange({ kind: period.kind, label: String(e.detail.value).slice(0, period.kind === 'month' ? 7 : 4) })
          }
          data-testid="figures-period-picker"
        >
          <Text className="figures-picker">{`${periodText(period)} ▾`}</Text>
        </Picker>
      )}
    </View>
  );
}
