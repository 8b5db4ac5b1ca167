import { Switch, Text, View } from '@tarojs/components';
import type { OpeningHours, OpeningInterval } from '@union/shared';
import { WEEKDAY_LABELS } from '../../../../../strings/stations';
import { IntervalList } from '../IntervalList';

interface WeeklyHoursEditorProps {
  hours: OpeningHours;
  onChange: (hours: OpeningHours) => void;
}

const copy = (intervals: OpeningInterval[]) => intervals.map((interval) => ({ ...interval }));

/** 24小时, or each day's intervals, with shortcuts to copy Monday to the other days. */
export function WeeklyHoursEditor({ hours, onChange }: WeeklyHoursEditorProps) {
  const setDay = (day: number, intervals: OpeningInterval[]) =>
    onChange({ ...hours, weekly: hours.weekly.map((current, d) => (d === day ? intervals : current)) });

  const copyMondayTo = (days: number[]) => {
    const monday = hours.weekly[0] ?? [];
    onChange({ ...hours, weekly: hours.weekly.map((current, d) => (days.includes(d) ? copy(monday) : current)) });
  };

  return (
    <View data-testid="hours-editor">
      <View className="row">
        <Text>24小时营业</Text>
        <Switch
          checked={hours.alwaysOpen}
          color="#c8161d"
          onChange={(e) => onChange({ ...hours, alwaysOpen: e.detail.value })}
          data-testid="hours-always-open"
        />
      </View>
      {hours.alwaysOpen ? null : (
        <>
          <View className="hours-shortcuts">
            <Text className="link" onClick={() => copyMondayTo([1, 2, 3, 4])} data-testid="hours-copy-weekdays">
              周一时间应用到周二至周五
            </Text>
            <Text className="link" onClick={() => copyMondayTo([1, 2, 3, 4, 5, 6])} data-testid="hours-copy-all">
              应用到每天
            </Text>
          </View>
          {WEEKDAY_LABELS.map((label, day) => (
            <View key={label} className="hours-day" data-testid={`hours-day-${day}`}>
              <Text className="hours-day__label">{label}</Text>
              <IntervalList
                intervals={hours.weekly[day] ?? []}
                onChange={(intervals) => setDay(day, intervals)}
                testId={`hours-day-${day}`}
              />
            </View>
          ))}
        </>
      )}
    </View>
  );
}
