/** One activity: 报名人次, 参与人次, 签到率, 未到, 完成, attendance per session, and by day. */
import { View } from '@tarojs/components';
import type { ActivityStats } from '@union/shared';
import { formatRate, STATS_TEXT as T } from '../../strings';
import { BarPanel, dayLabel, Figure } from './StatsBits';

export function ActivityStatsView({ stats }: { stats: ActivityStats }) {
  const busiestDay = Math.max(1, ...stats.byDay.map((day) => day.signUps + day.checkIns));
  return (
    <>
      <View className="panel" data-testid="activity-stats">
        <View className="activity-stats__figures">
          <Figure label={T.signUps} value={stats.signUps} testId="activity-stats-sign-ups" />
          <Figure label={T.participants} value={stats.participants} testId="activity-stats-participants" />
          <Figure label={T.checkInRate} value={formatRate(stats.checkInRate)} testId="activity-stats-rate" />
          <Figure label={T.noShows} value={stats.noShows} testId="activity-stats-no-shows" />
          <Figure label={T.completed} value={stats.completed} testId="activity-stats-completed" />
          <Figure label={T.confirmed} value={stats.confirmed} testId="activity-stats-confirmed" />
          <Figure label={T.waitlisted} value={stats.waitlisted} testId="activity-stats-waitlisted" />
        </View>
      </View>
      <BarPanel
        title={T.sessionsTitle}
        rows={stats.sessions.map((session) => ({
          key: session.sessionIndex,
          label: T.session(session.sessionIndex, dayLabel(session.date)),
          share: session.expected ? session.checkedIn / session.expected : 0,
          value: T.sessionLine(session.checkedIn, session.expected, formatRate(session.checkInRate)),
          testId: 'activity-stats-session',
        }))}
      />
      <BarPanel
        title={T.byDay}
        rows={stats.byDay.map((day) => ({
          key: day.date,
          label: dayLabel(day.date),
          share: (day.signUps + day.checkIns) / busiestDay,
          value: T.dayLine(day.signUps, day.checkIns),
          testId: 'activity-stats-day',
        }))}
      />
    </>
  );
}
