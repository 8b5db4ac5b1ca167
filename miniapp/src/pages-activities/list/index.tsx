import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { ACTIVITY_KIND_LABELS, ACTIVITY_KINDS } from '@union/shared';
import { useCallback, useRef, useState } from 'react';
import { MemberPage } from '../../components/MemberPage';
import { usePagedList } from '../../hooks/use-paged-list';
import { ROUTES } from '../../routes';
import { listActivities, type ActivityFilter } from '../../services/activities';
import { chinaTime, distanceText, feeText, placesText } from '../format';
import { useNearest } from './use-nearest';
import '../activities.css';

const ALL: ActivityFilter = { kind: null, thisWeek: false, near: null };

/** 活动: activities open to me, by kind; 本周 and 离我最近 are asked of the server, over every page. */
export default function ActivityListPage() {
  const [filter, setFilter] = useState<ActivityFilter>(ALL);
  const current = useRef<ActivityFilter>(ALL);
  const list = usePagedList(listActivities);
  const nearest = useNearest();
  const { load, reset } = list;

  const choose = useCallback(
    (change: Partial<ActivityFilter>) => {
      const next = { ...current.current, ...change };
      current.current = next;
      setFilter(next);
      reset();
      void load(next);
    },
    [load, reset],
  );
  useDidShow(() => void load(current.current));
  usePullDownRefresh(() => {
    void load(current.current).finally(() => Taro.stopPullDownRefresh());
  });

  const toggleNearest = async () => {
    if (filter.near) {
      nearest.turnOff();
      choose({ near: null });
      return;
    }
    const here = await nearest.turnOn();
    if (here) choose({ near: here });
  };

  const items = list.received ? list.items : null;
  const kind = filter.kind;

  return (
    <MemberPage testId="activities-page">
      <View className="activity-tabs">
        <Text
          className={`activity-tab ${kind === null ? 'activity-tab--on' : ''}`}
          onClick={() => choose({ kind: null })}
          data-testid="activity-tab-all"
        >
          全部
        </Text>
        {ACTIVITY_KINDS.map((k) => (
          <Text
            key={k}
            className={`activity-tab ${kind === k ? 'activity-tab--on' : ''}`}
            onClick={() => choose({ kind: k })}
            data-testid={`activity-tab-${k}`}
          >
            {ACTIVITY_KIND_LABELS[k]}
          </Text>
        ))}
        <Text
          className={`activity-tab ${filter.thisWeek ? 'activity-tab--on' : ''}`}
          onClick={() => choose({ thisWeek: !filter.thisWeek })}
          data-testid="activity-this-week"
        >
          本周
        </Text>
        <Text
          className={`activity-tab ${filter.near ? 'activity-tab--on' : ''}`}
          onClick={() => void toggleNearest()}
          data-testid="activity-nearest"
        >
          {nearest.busy ? '定位中…' : '离我最近'}
        </Text>
      </View>
      {filter.near ? <Text className="muted">按会场与您的直线距离排序，线上活动排在最后</Text> : null}
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
            {a.distanceMetres === undefined ? a.venueName : `${a.venueName} · ${distanceText(a.distanceMetres)}`}
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
