import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { MyContestResult } from '@union/shared';
import { useState } from 'react';
import { ROUTES } from '../../routes';
import { fetchMyContestResults } from '../../services/contests';

/** My published contest results by activity, fetched once per visit to 我的活动. */
export function useMyContestAwards(): Map<string, MyContestResult> {
  const [results, setResults] = useState<Map<string, MyContestResult>>(new Map());
  useDidShow(() => {
    fetchMyContestResults()
      .then(({ items }) => setResults(new Map(items.map((item) => [item.activityId, item]))))
      .catch(() => undefined);
  });
  return results;
}

/** The award (or rank) on an entry of a published contest, with the certificate when there is one. */
export function ContestAward({ result }: { result: MyContestResult | undefined }) {
  if (!result) return null;
  const line = result.award ?? (result.rank !== null ? `第${result.rank}名` : '成绩已公布');
  return (
    <View className="row" data-testid="my-entry-award">
      <Text className="activity-state">{`比赛成绩：${line}`}</Text>
      {result.certificateAvailable ? (
        <Text
          className="link"
          onClick={() => void Taro.navigateTo({ url: `${ROUTES.certificate}?id=${result.activityId}` })}
          data-testid="my-entry-certificate"
        >
          查看证书 ›
        </Text>
      ) : (
        <Text
          className="link"
          onClick={() => void Taro.navigateTo({ url: `${ROUTES.contestResults}?id=${result.activityId}` })}
        >
          查看排名 ›
        </Text>
      )}
    </View>
  );
}
