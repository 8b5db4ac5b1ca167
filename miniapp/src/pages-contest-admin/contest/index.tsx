import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import type { ContestSetupView } from '@union/shared';
import { useState } from 'react';
import { PageLoading } from '../../components/PageLoading';
import { ROUTES } from '../../routes';
import { fetchContestSetup } from '../../services/contests';
import { errorMessage } from '../../services/http';
import { formatDateTime } from '../../utils/datetime';
import { ROUND_STATUS_TEXT } from '../strings';
import '../contest-admin.css';

/** One skill contest's judging at a glance: rounds and their state, and the way to setup, judges, progress and results. */
export default function ContestAdminPage() {
  const { params } = useRouter();
  const activityId = params.id ?? '';
  const [view, setView] = useState<ContestSetupView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useDidShow(() => {
    fetchContestSetup(activityId).then(setView, (e: unknown) => setError(errorMessage(e)));
  });
  if (!view) return <PageLoading error={error} testId="contest-admin-error" />;

  const open = (route: string, extra = '') => void Taro.navigateTo({ url: `${route}?id=${activityId}${extra}` });
  return (
    <View className="page" data-testid="contest-admin-page">
      <View className="panel">
        <Text className="panel__title">{view.title}</Text>
        <Text className="muted">{`${view.orgName} · ${view.groups.map((g) => `${g.name}${g.entrants}`).join('、')}`}</Text>
        {view.publication ? (
          <Text className="tag tag--approved" data-testid="contest-admin-published">
            {`成绩已于 ${formatDateTime(view.publication.publishedAt)} 公布`}
          </Text>
        ) : null}
      </View>
      <View className="panel">
        <Text className="panel__title">轮次</Text>
        {view.rounds.length === 0 ? <Text className="muted">尚未设置轮次与评分表</Text> : null}
        {view.rounds.map((round) => (
          <View
            key={round.id}
            className="contest-admin__line"
            onClick={() => open(ROUTES.contestAdminProgress, `&roundId=${round.id}`)}
            data-testid={`contest-admin-round-${round.id}`}
          >
            <Text>{round.name}</Text>
            <Text className="tag">{ROUND_STATUS_TEXT[round.status]}</Text>
          </View>
        ))}
      </View>
      <Button className="btn" onClick={() => open(ROUTES.contestAdminSetup)} data-testid="contest-admin-setup">
        {view.setup ? '修改竞赛设置' : '设置轮次与评分'}
      </Button>
      <Button
        className="btn"
        disabled={!view.setup}
        onClick={() => open(ROUTES.contestAdminJudges)}
        data-testid="contest-admin-judges"
      >
        评委
      </Button>
      <Button
        className="btn btn--primary"
        disabled={!view.setup}
        onClick={() => open(ROUTES.contestAdminResults)}
        data-testid="contest-admin-results"
      >
        {view.publication ? '查看已公布成绩' : '成绩预览与发布'}
      </Button>
    </View>
  );
}
