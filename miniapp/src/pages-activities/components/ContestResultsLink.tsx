import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { ROUTES } from '../../routes';
import { fetchContestResults } from '../../services/contests';

/** 比赛成绩 on a skill contest's page, once its results are published. */
export function ContestResultsLink({ activityId }: { activityId: string }) {
  const [award, setAward] = useState<string | null | undefined>(undefined);
  useDidShow(() => {
    fetchContestResults(activityId)
      .then((results) =>
        setAward(
          results.published ? (results.groups.flatMap((g) => g.rows).find((r) => r.isMine)?.award ?? null) : undefined,
        ),
      )
      // No results yet, or none to show: the page stays as it is.
      .catch(() => setAward(undefined));
  });
  if (award === undefined) return null;
  return (
    <View className="panel activity-lines" data-testid="activity-contest-results">
      <Text className="panel__title">比赛成绩</Text>
      <Text>{award ? `成绩已公布，您获得${award}` : '成绩已公布'}</Text>
      <Button
        className="btn btn--small"
        onClick={() => void Taro.navigateTo({ url: `${ROUTES.contestResults}?id=${activityId}` })}
        data-testid="activity-contest-results-open"
      >
        查看排名
      </Button>
    </View>
  );
}
