import { Button, Text, View } from '@tarojs/components';
import { activityLotteryEndpoints, type PublishedLotteryResult } from '@union/shared';
import { useEffect, useState } from 'react';
import { request } from '../../services/http';
import { verifyPublishedDraw } from '../lottery-verify';

/** 抽签公示: the commitment, after the draw the seed and a 验证 button that recomputes on the phone. */
export function LotteryPanel({ activityId, myEntryId }: { activityId: string; myEntryId: string | null }) {
  const [result, setResult] = useState<PublishedLotteryResult | null>(null);
  const [verdict, setVerdict] = useState<boolean | null>(null);

  useEffect(() => {
    request(activityLotteryEndpoints.activityLottery, { params: { id: activityId } })
      .then(setResult)
      .catch(() => setResult(null));
  }, [activityId]);

  if (!result?.commitment) return null;
  const mine = myEntryId
    ? result.groups.flatMap((g) => g.entries.map((e) => ({ ...e, places: g.places }))).find((e) => e.id === myEntryId)
    : undefined;
  return (
    <View className="panel" data-testid="lottery-panel">
      <Text className="panel__title">抽签公示</Text>
      <Text className="muted activity-hash" data-testid="lottery-commitment">{`承诺值：${result.commitment}`}</Text>
      {result.seed ? (
        <>
          <Text className="muted activity-hash" data-testid="lottery-seed">{`种子：${result.seed}`}</Text>
          {mine ? (
            <Text data-testid="lottery-mine">
              {`我的抽签顺位：第${mine.rank}位（${mine.rank <= mine.places ? '中签' : '未中签'}）`}
            </Text>
          ) : null}
          <Button
            className="btn btn--small"
            onClick={() => setVerdict(verifyPublishedDraw(result))}
            data-testid="lottery-verify"
          >
            验证
          </Button>
          {verdict === null ? null : (
            <Text className={verdict ? 'activity-state' : 'activity-field-error'} data-testid="lottery-verdict">
              {verdict ? '验证通过' : '不一致'}
            </Text>
          )}
        </>
      ) : (
        <Text className="muted">报名截止后开奖，届时公布种子，任何人可复算</Text>
      )}
    </View>
  );
}
