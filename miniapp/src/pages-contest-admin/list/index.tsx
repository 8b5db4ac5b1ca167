import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { StaffContestSummary } from '@union/shared';
import { useState } from 'react';
import { ROUTES } from '../../routes';
import { fetchStaffContests } from '../../services/contests';
import { errorMessage } from '../../services/http';
import { formatDateTime } from '../../utils/datetime';
import { ROUND_STATUS_TEXT } from '../strings';
import '../contest-admin.css';

/** The skill contests in my offices' scope, newest first, with where their judging stands. */
export default function ContestAdminListPage() {
  const [contests, setContests] = useState<StaffContestSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    fetchStaffContests().then(
      ({ items }) => {
        setContests(items);
        setError(null);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  return (
    <View className="page" data-testid="contest-admin-list-page">
      {error ? <Text className="notice notice--error">{error}</Text> : null}
      {!contests && !error ? <Text className="muted">正在加载…</Text> : null}
      {contests?.length === 0 ? (
        <Text className="notice notice--info" data-testid="contest-admin-list-empty">
          还没有技能竞赛。在“活动管理”中新建类型为“技能竞赛”的活动后，可在这里设置评分与评委。
        </Text>
      ) : null}
      {contests?.map((contest) => (
        <View
          key={contest.activityId}
          className="panel"
          onClick={() => void Taro.navigateTo({ url: `${ROUTES.contestAdmin}?id=${contest.activityId}` })}
          data-testid="contest-admin-list-item"
        >
          <View className="row">
            <Text className="panel__title">{contest.title}</Text>
            <Text className={contest.publishedAt ? 'tag tag--approved' : 'tag'}>
              {contest.publishedAt ? '成绩已公布' : contest.setUp ? '评审中' : '待设置'}
            </Text>
          </View>
          <Text className="muted">{`${contest.orgName} · ${formatDateTime(contest.firstSessionStartsAt)} · 评委${contest.judges}位`}</Text>
          {contest.rounds.length > 0 ? (
            <Text className="muted">
              {contest.rounds.map((round) => `${round.name}${ROUND_STATUS_TEXT[round.status]}`).join(' · ')}
            </Text>
          ) : null}
        </View>
      ))}
    </View>
  );
}
