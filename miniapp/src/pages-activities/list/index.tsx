import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { ACTIVITY_KIND_LABELS, ACTIVITY_KINDS, chinaDateOf, type ActivityKind } from '@union/shared';
import { useCallback, useRef, useState } from 'react';
import { MemberPage } from '../../components/MemberPage';
import { usePagedList } from '../../hooks/use-paged-list';
import { ROUTES } from '../../routes';
import { listActivities, type ActivitySummary } from '../../services/activities';
import { chinaTime, feeText, placesText } from '../format';
import { useNearest } from './use-nearest';
import '../activities.css';

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** Monday 00:00 China time of the week holding `now`, as an instant. */
function chinaWeekStart(now: number): number {
  const date = chinaDateOf(now);
  const midnight = Date.parse(`${date}T00:00:00+08:00`);
  const weekday = (new Date(midnight + 8 * 3600 * 1000).getUTCDay() + 6) % 7;
  return midnight - weekday * 24 * 3600 * 1000;
}

export function inThisChinaWeek(iso: string, now = Date.now()): boolean {
  const start = chinaWeekStart(now);
  const at = Date.parse(iso);
  return at >= start && at < start + WEEK_MS;
}

/** 活动: activities open to me, by kind; 本周 filters the loaded page. */
export default function ActivityListPage() {
  const [kind, setKind] = useState<ActivityKind | null>(null);
  const [thisWeek, setThisWeek] = useState(false);
  const current = useRef<ActivityKind | null>(null);
  const list = usePagedList(listActivities);
  const nearest = useNearest();
  const { load, reset } = list;

  const choose = useCallback(
    (next: ActivityKind | null) => {
      current.current = next;
      setKind(next);
      reset();
      void load(next);
    },
    [load, reset],
  );
  useDidShow(() => void load(current.current));
  usePullDownRefresh(() => {
    void load(current.current).finally(() => Taro.stopPullDownRefresh());
  });

  const items: ActivitySummary[] | null = list.received
    ? nearest.sort(list.items.filter((a) => !thisWeek || inThisChinaWeek(a.firstSessionStartsAt)))
    : null;

  return (
    <MemberPage testId="activities-page">
      <View className="activity-tabs">
        <Text
          className={`activity-tab ${kind === null ? 'activity-tab--on' : ''}`}
          onClick={() => choose(null)}
          data-testid="activity-tab-all"
        >
          全部
        </Text>
        {ACTIVITY_KINDS.map((k) => (
          <Text
            key={k}
            className={`activity-tab ${kind === k ? 'activity-tab--on' : ''}`}
            onClick={() => choose(k)}
            data-testid={`activity-tab-${k}`}
          >
            {ACTIVITY_KIND_LABELS[k]}
          </Text>
        ))}
        <Text
          className={`activity-tab ${thisWeek ? 'activity-tab--on' : ''}`}
          onClick={() => setThisWeek(!thisWeek)}
          data-testid="activity-this-week"
        >
          本周
        </Text>
        <Text
          className={`activity-tab ${nearest.on ? 'activity-tab--on' : ''}`}
          onClick={() => (nearest.on ? nearest.turnOff() : void nearest.turnOn(list.items))}
          data-testid="activity-nearest"
        >
          {nearest.busy ? '定位中…' : '离我最近'}
        </Text>
      </View>
      {nearest.on ? <Text className="muted">按已加载的活动与您的直线距离排序</Text> : null}
      {nearest.problem ? <Text className="muted">{nearest.problem}</Text> : null}
      {list.error ? (
        <View className="notice notice--error" data-testid="activities-error">
          <Text>{list.error}</Text>
          <Button className="btn btn--small" onClick={() => void list.reload()}>
            重试
          </Button>
        </View>
      ) : null}
      {!items && !list.error ? (
        <Text className="muted" data-testid="activities-loading">
          正在加载…
        </Text>
      ) : null}
      {items?.length === 0 ? (
        <View className="panel" data-testid="activities-empty">
          <Text>暂无可报名的活动</Text>
        </View>
      ) : null}
      {items?.map((a) => (
        <View
          key={a.id}
          className="activity-card"
          data-testid="activity-card"
          onClick={() => void Taro.navigateTo({ url: `${ROUTES.activityDetail}?id=${a.id}` })}
        >
          <Text className="activity-card__title">{a.title}</Text>
          <Text className="muted">{`${a.kindLabel} · ${chinaTime(a.firstSessionStartsAt)}`}</Text>
          <Text className="muted">
            {nearest.distanceText(a.id) ? `${a.venueName} · ${nearest.distanceText(a.id)}` : a.venueName}
          </Text>
          <Text className="activity-state" data-testid="activity-card-state">
            {`${placesText(a)} · ${feeText(a.memberPaysFen)}`}
          </Text>
        </View>
      ))}
      {list.nextCursor ? (
        <Button className="btn" loading={list.busy} onClick={() => void list.loadMore()} data-testid="activities-more">
          加载更多
        </Button>
      ) : null}
    </MemberPage>
  );
}
