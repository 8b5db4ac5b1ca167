import { Text, View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { AID_STATUSES, EDUCATION_LEVELS, HARDSHIP_CATEGORIES } from '@union/shared';
import { useState } from 'react';
import { fetchAidStats, type AidStats } from '../../../services/aid';
import { errorMessage } from '../../../services/http';
import { AID_STATUS_LABELS, EDUCATION_LEVEL_LABELS, HARDSHIP_LABELS, reviewStepLabel } from '../../../strings/aid';
import { formatFen } from '../../../utils/money';
import { textParam } from '../../../utils/params';
import '../../stats-bars.css';
import './index.css';

/** Counts in the contract's order with Chinese labels; keys the app does not know yet keep their code. */
function countRows<K extends string>(counts: Record<string, number>, order: readonly K[], labels: Record<K, string>) {
  const known = order
    .filter((key) => counts[key] !== undefined)
    .map((key) => ({ key, label: labels[key], count: counts[key]! }));
  const unknown = Object.keys(counts)
    .filter((key) => !(order as readonly string[]).includes(key))
    .map((key) => ({ key, label: key, count: counts[key]! }));
  return [...known, ...unknown];
}

function daysText(days: number | null): string {
  return days === null ? '暂无' : `${days.toFixed(1)} 天`;
}

/** 项目统计: applications by status, education level and hardship; money approved and paid; days per review step. */
export default function AidStatsPage() {
  const [name, setName] = useState('');
  const [stats, setStats] = useState<AidStats | null>(null);
  const [error, setError] = useState<string | null>(null);

  useLoad((params: Record<string, string | undefined>) => {
    if (!params.programmeId) return setError('缺少项目编号');
    setName(textParam(params.name));
    fetchAidStats(params.programmeId)
      .then(setStats)
      .catch((e: unknown) => setError(errorMessage(e)));
  });

  return (
    <View className="page">
      {name ? <Text className="panel__title">{name}</Text> : null}
      {error ? <Text className="notice notice--error">{error}</Text> : null}
      {stats ? (
        <>
          <View className="panel" data-testid="aid-stats-amounts">
            <Text className="panel__title">资助金额</Text>
            <View className="row" data-testid="aid-stats-approved">
              <Text>已批准</Text>
              <Text>{formatFen(stats.approvedFen)}</Text>
            </View>
            <View className="row" data-testid="aid-stats-disbursed">
              <Text>已发放</Text>
              <Text>{formatFen(stats.disbursedFen)}</Text>
            </View>
          </View>
          <CountTable
            title="申请状态"
            testId="aid-stats-status"
            rows={countRows(stats.byStatus, AID_STATUSES, AID_STATUS_LABELS)}
          />
          <CountTable
            title="录取层次"
            testId="aid-stats-level"
            rows={countRows(stats.byEducationLevel, EDUCATION_LEVELS, EDUCATION_LEVEL_LABELS)}
          />
          <CountTable
            title="家庭困难类型"
            testId="aid-stats-hardship"
            rows={countRows(stats.byHardshipCategory, HARDSHIP_CATEGORIES, HARDSHIP_LABELS)}
          />
          <View className="panel" data-testid="aid-stats-steps">
            <Text className="panel__title">各级平均审核天数</Text>
            {stats.averageDaysPerStep.map((step) => (
              <View key={step.step} className="row" data-testid="aid-stats-step">
                <Text>{reviewStepLabel(step.step, step.level)}</Text>
                <Text>{daysText(step.days)}</Text>
              </View>
            ))}
          </View>
        </>
      ) : null}
    </View>
  );
}

function CountTable({
  title,
  testId,
  rows,
}: {
  title: string;
  testId: string;
  rows: { key: string; label: string; count: number }[];
}) {
  const largest = Math.max(1, ...rows.map((row) => row.count));
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return (
    <View className="panel" data-testid={testId}>
      <View className="row">
        <Text className="panel__title">{title}</Text>
        <Text className="muted">{`共 ${total} 份`}</Text>
      </View>
      {rows.length === 0 ? <Text className="muted">暂无申请</Text> : null}
      {rows.map((row) => (
        <View key={row.key} className="stats-row" data-testid={`${testId}-row`}>
          <Text className="stats-row__label">{row.label}</Text>
          <View className="stats-row__bar">
            <View className="stats-row__fill" style={{ width: `${Math.round((row.count / largest) * 100)}%` }} />
          </View>
          <Text className="stats-row__value">{row.count}</Text>
        </View>
      ))}
    </View>
  );
}
