/** An org and its sub-orgs over a date range: 场次, 报名人次, 参与人次, 签到率, by kind and by day. */
import { View } from '@tarojs/components';
import type { ActivityOrgStats } from '@union/shared';
import { formatRate, STATS_TEXT as T } from '../../strings';
import { BarPanel, dayLabel, Figure } from './StatsBits';

export function OrgStatsView({ stats }: { stats: ActivityOrgStats }) {
  const busiestKind = Math.max(1, ...stats.byKind.map((kind) => kind.signUps));
  const busiestDay = Math.max(1, ...stats.byDay.map((day) => day.signUps + day.checkIns));
  return (
    <>
      <View className="panel" data-testid="org-stats">
        <View className="activity-stats__figures">
          <Figure label={T.activities} value={stats.totals.activities} testId="org-stats-activities" />
          <Figure label={T.sessions} value={stats.totals.sessions} testId="org-stats-sessions" />
          <Figure label={T.signUps} value={stats.totals.signUps} testId="org-stats-sign-ups" />
          <Figure label={T.participants} value={stats.totals.participants} testId="org-stats-participants" />
          <Figure label={T.checkInRate} value={formatRate(stats.totals.checkInRate)} testId="org-stats-rate" />
        </View>
      </View>
      <BarPanel
        title={T.byKind}
        rows={stats.byKind.map((kind) => ({
          key: kind.kind,
          label: kind.kindLabel,
          share: kind.signUps / busiestKind,
          value: T.kindLine(kind.activities, kind.sessions, kind.signUps, kind.participants),
          testId: 'org-stats-kind',
        }))}
      />
      <BarPanel
        title={T.byDay}
        rows={stats.byDay.map((day) => ({
          key: day.date,
          label: dayLabel(day.date),
          share: (day.signUps + day.checkIns) / busiestDay,
          value: T.orgDayLine(day.sessions, day.signUps, day.checkIns),
          testId: 'org-stats-day',
        }))}
      />
    </>
  );
}
