import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { ENTRY_TABS, type EntryTab } from '@union/shared';
import { MemberPage } from '../../components/MemberPage';
import { usePagedList } from '../../hooks/use-paged-list';
import { ROUTES } from '../../routes';
import { fetchMyEntries } from '../../services/activities';
import { formatDateTimeChina, teamLine } from '../format';
import { EntryActions } from '../components/EntryActions';
import { ContestAward, useMyContestAwards } from '../components/ContestAward';
import '../activities.css';

/**
 * 我的活动: every entry with the status text the BFF words (候补第N位, 待确认（截止…）), by tab.
 * The BFF filters by tab, so 加载更多 pages through that tab alone.
 */
export default function MyActivitiesPage() {
  const list = usePagedList(fetchMyEntries);
  const [tab, setTab] = useState<EntryTab>('all');
  useDidShow(() => void list.load(tab));
  usePullDownRefresh(() => {
    void list.load(tab).finally(() => Taro.stopPullDownRefresh());
  });
  const choose = (next: EntryTab) => {
    if (next === tab) return;
    setTab(next);
    list.reset();
    void list.load(next);
  };
  const items = list.received ? list.items : null;
  const awards = useMyContestAwards();

  return (
    <MemberPage testId="my-activities-page">
      <View className="activity-tabs">
        {ENTRY_TABS.map(({ key, label }) => (
          <Text
            key={key}
            className={`activity-tab ${tab === key ? 'activity-tab--on' : ''}`}
            onClick={() => choose(key)}
            data-testid={`my-activities-tab-${key}`}
          >
            {label}
          </Text>
        ))}
      </View>
      {list.error ? (
        <View className="notice notice--error" data-testid="my-activities-error">
          <Text>{list.error}</Text>
          <Button className="btn btn--small" onClick={() => void list.load(tab)}>
            重试
          </Button>
        </View>
      ) : null}
      {!items && !list.error ? <Text className="muted">正在加载…</Text> : null}
      {items?.length === 0 ? (
        <View className="panel" data-testid="my-activities-empty">
          <Text>{tab === 'all' ? '还没有报名活动' : '没有这类报名'}</Text>
          {tab === 'all' ? (
            <Button className="btn" onClick={() => void Taro.navigateTo({ url: ROUTES.activities })}>
              去看看活动
            </Button>
          ) : null}
        </View>
      ) : null}
      {items?.map((entry) => (
        <View key={entry.id} className="activity-card" data-testid="my-entry">
          <View onClick={() => void Taro.navigateTo({ url: `${ROUTES.activityEntry}?id=${entry.id}` })}>
            <Text className="activity-card__title">{entry.activityTitle}</Text>
            <Text className="muted">{`${entry.groupName} · 报名于 ${formatDateTimeChina(entry.createdAt)}`}</Text>
            <Text className="activity-state" data-testid="my-entry-status">
              {entry.statusText}
            </Text>
            {entry.team ? (
              <Text className="muted" data-testid="my-entry-team">
                {`${teamLine(entry.team)}${entry.team.code ? ` · 邀请码 ${entry.team.code}` : ''}`}
              </Text>
            ) : null}
          </View>
          <ContestAward result={awards.get(entry.activityId)} />
          <EntryActions entry={entry} paid={null} onChanged={() => void list.load(tab)} />
        </View>
      ))}
      {list.nextCursor ? (
        <Button className="btn" loading={list.busy} onClick={() => void list.loadMore()}>
          加载更多
        </Button>
      ) : null}
    </MemberPage>
  );
}
