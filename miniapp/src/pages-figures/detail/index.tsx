import { Text, View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { formatFigure, type FigureDetail } from '@union/shared';
import { useRef, useState } from 'react';
import { PageLoading } from '../../components/PageLoading';
import { errorMessage } from '../../services/http';
import { textParam } from '../../utils/params';
import { FigureChange } from '../components/FigureChange';
import { FigureChart } from '../components/FigureChart';
import { periodOfParams, periodQuery, type PeriodChoice } from '../period';
import { fetchFigure } from '../services';
import '../figures.css';

/**
 * One figure of an org over the period chosen on 统计: its value and 同比, the series by day or
 * month against last year, its breakdown, and the same figure for each sub-org (tap one to look
 * at that sub-org instead).
 */
export default function FigureDetailPage() {
  const [figureKey, setFigureKey] = useState('');
  const [period, setPeriod] = useState<PeriodChoice | null>(null);
  const [detail, setDetail] = useState<FigureDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  async function load(key: string, chosen: PeriodChoice, orgId: string | undefined) {
    const ticket = ++latest.current;
    setError(null);
    try {
      const answer = await fetchFigure(key, { orgId, ...periodQuery(chosen) });
      if (ticket === latest.current) setDetail(answer);
    } catch (failure) {
      if (ticket === latest.current) setError(errorMessage(failure));
    }
  }

  useLoad((params: Record<string, string | undefined>) => {
    const key = textParam(params.figure);
    if (!key) return setError('缺少统计项');
    const chosen = periodOfParams(params);
    setFigureKey(key);
    setPeriod(chosen);
    void load(key, chosen, params.orgId || undefined);
  });

  if (!detail || !period) return <PageLoading error={error} testId="figure-detail-error" />;
  const { figure } = detail;
  const largestChild = Math.max(0, ...detail.byChild.map((row) => row.value ?? 0));
  return (
    <View className="page figures-page">
      <View className="panel">
        <Text className="muted" data-testid="figure-detail-org">{`${detail.org.name} · ${detail.period.label}`}</Text>
        <View className="figure-card__head">
          <Text className="panel__title">{figure.label}</Text>
          {figure.current ? <Text className="tag figure-card__current">当前</Text> : null}
        </View>
        <Text
          className={`figure-card__value ${figure.value === null ? 'figure-card__value--none' : ''}`}
          data-testid="figure-detail-value"
        >
          {formatFigure(figure.value, figure.format)}
        </Text>
        {figure.current ? null : (
          <View className="row">
            <Text className="muted" data-testid="figure-detail-last-year">
              {`${detail.comparedWith.label}：${formatFigure(figure.lastYear, figure.format)}`}
            </Text>
            <FigureChange value={figure.value} lastYear={figure.lastYear} testId="figure-detail-change" />
          </View>
        )}
        {figure.note ? <Text className="figure-card__note">{figure.note}</Text> : null}
      </View>
      {error ? (
        <Text className="notice notice--error" data-testid="figure-detail-error">
          {error}
        </Text>
      ) : null}
      <View className="panel">
        <Text className="panel__title">走势</Text>
        <FigureChart series={detail.series} format={figure.format} testId="figure-detail-chart" />
      </View>
      {figure.breakdown?.length ? (
        <View className="panel" data-testid="figure-breakdown">
          <Text className="panel__title">分类</Text>
          {figure.breakdown.map((row) => (
            <View key={row.key} className="row" data-testid={`figure-breakdown-${row.key}`}>
              <Text>{row.label}</Text>
              <Text>{formatFigure(row.value, figure.format)}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className="panel" data-testid="figure-children">
        <Text className="panel__title">下级组织</Text>
        {detail.byChild.length === 0 ? <Text className="muted">无下级组织</Text> : null}
        {detail.byChild.map((row) => (
          <View
            key={row.org.id}
            className="figure-child"
            onClick={() => void load(figureKey, period, row.org.id)}
            data-testid={`figure-child-${row.org.id}`}
          >
            <Text className="figure-child__name link">{row.org.name}</Text>
            <View className="figure-child__bar">
              <View
                className="figure-child__fill"
                style={{ width: `${largestChild > 0 ? Math.round(((row.value ?? 0) / largestChild) * 100) : 0}%` }}
              />
            </View>
            <Text className="figure-child__value">{formatFigure(row.value, figure.format)}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
