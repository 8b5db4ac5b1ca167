import { Text, View } from '@tarojs/components';
import { useLoad, useRouter } from '@tarojs/taro';
import { chinaDateAfter, chinaDateOf } from '@union/shared';
import { useState } from 'react';
import { errorMessage } from '../../../services/http';
import { fetchStationStats, type StationStats } from '../../../services/stations';
import { textParam } from '../../../utils/params';
import '../../stats-bars.css';
import './index.css';

const DAYS = 30;

type Granularity = 'day' | 'month';

/** 驿站服务人次: check-ins and recorded walk-ins, by day for the last 30 days and by month this year. */
export default function StationStatsPage() {
  const { params } = useRouter();
  const stationId = params.stationId || undefined;
  const [daily, setDaily] = useState<StationStats | null>(null);
  const [monthly, setMonthly] = useState<StationStats | null>(null);
  const [error, setError] = useState<string | null>(null);

  useLoad(() => {
    const now = new Date();
    const today = chinaDateOf(now);
    const load = (granularity: Granularity, from: string) =>
      fetchStationStats({ stationId, granularity, from, to: today });
    Promise.all([load('day', chinaDateAfter(now, -(DAYS - 1))), load('month', `${today.slice(0, 4)}-01-01`)])
      .then(([byDay, byMonth]) => {
        setDaily(byDay);
        setMonthly(byMonth);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  });

  return (
    <View className="page">
      <Text className="panel__title">{params.name ? textParam(params.name) : '管辖范围内全部驿站'}</Text>
      {error ? <Text className="notice notice--error">{error}</Text> : null}
      {daily ? <StatsTable title={`近${DAYS}天（按日）`} stats={daily} granularity="day" /> : null}
      {monthly ? <StatsTable title="本年（按月）" stats={monthly} granularity="month" /> : null}
    </View>
  );
}

/** `2026-07-14` → `7月14日`, `2026-07` → `7月`. */
function periodLabel(period: string, granularity: Granularity): string {
  const month = Number(period.slice(5, 7));
  return granularity === 'day' ? `${month}月${Number(period.slice(8, 10))}日` : `${month}月`;
}

function StatsTable({ title, stats, granularity }: { title: string; stats: StationStats; granularity: Granularity }) {
  const largest = Math.max(1, ...stats.rows.map((row) => row.checkIns + row.walkIns));
  // Newest first: this week is what a keeper checks most.
  const rows = [...stats.rows].reverse();
  return (
    <View className="panel" data-testid={`staff-stats-${granularity}`}>
      <Text className="panel__title">{title}</Text>
      <View className="row stats-total" data-testid={`staff-stats-${granularity}-total`}>
        <Text>{`合计 ${stats.totals.checkIns + stats.totals.walkIns} 人次`}</Text>
        <Text className="muted">{`扫码 ${stats.totals.checkIns} · 登记 ${stats.totals.walkIns}`}</Text>
      </View>
      {rows.map((row) => {
        const total = row.checkIns + row.walkIns;
        return (
          <View
            key={row.period}
            className="stats-row"
            data-testid={`staff-stats-${granularity}-row`}
            data-period={row.period}
          >
            <Text className="stats-row__label">{periodLabel(row.period, granularity)}</Text>
            <View className="stats-row__bar">
              <View className="stats-row__fill" style={{ width: `${Math.round((total / largest) * 100)}%` }} />
            </View>
            <Text className="stats-row__value">{`${total}（扫码${row.checkIns}）`}</Text>
          </View>
        );
      })}
    </View>
  );
}
