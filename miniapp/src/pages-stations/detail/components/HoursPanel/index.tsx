import { Text, View } from '@tarojs/components';
import type { OpeningHours } from '@union/shared';
import { todayHours, upcomingExceptions, weekRows } from '../../../../utils/station-hours';

/** Today's hours first (an exception says why it differs), then the regular week and dates that differ. */
export function HoursPanel({ hours }: { hours: OpeningHours }) {
  const now = new Date();
  const today = todayHours(hours, now);
  const exceptions = upcomingExceptions(hours, now);
  return (
    <View className="panel" data-testid="station-detail-hours">
      <Text className="panel__title">开放时间</Text>
      <View className="hours-today" data-testid="station-detail-today-hours" data-exception={today.isException}>
        <Text className="hours-today__label">{today.isException ? `今天（${today.exceptionNote}）` : '今天'}</Text>
        <Text className="hours-today__text">{today.text}</Text>
      </View>
      <View data-testid="station-detail-week">
        {weekRows(hours, now).map((row) => (
          <View
            key={row.label}
            className={`row hours-row ${row.isToday ? 'hours-row--today' : ''}`}
            data-testid="station-hours-row"
            data-today={row.isToday}
          >
            <Text>{row.label}</Text>
            <Text>{row.text}</Text>
          </View>
        ))}
      </View>
      {exceptions.length > 0 ? (
        <View className="hours-exceptions" data-testid="station-detail-exceptions">
          <Text className="muted">近期特殊安排</Text>
          {exceptions.map((entry) => (
            <View key={entry.date} className="row hours-row">
              <Text>{entry.note ? `${entry.label}（${entry.note}）` : entry.label}</Text>
              <Text>{entry.text}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
