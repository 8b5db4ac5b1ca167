import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ROUTES } from '../../routes';
import { fetchJudgeRoundEntrants, type JudgeRoundEntrants } from '../../services/contests';
import { errorMessage } from '../../services/http';
import { ROUND_STATUS_LABELS, SHEET_STATUS_LABELS, SHEET_STATUS_TAGS, scoreText } from '../format';
import '../contests.css';

/** The entrants or teams of one round assigned to me, unscored first, each with my sheet's status. */
export default function JudgeRoundPage() {
  const { params } = useRouter();
  const activityId = params.id ?? '';
  const roundId = params.roundId ?? '';
  const [data, setData] = useState<JudgeRoundEntrants | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    fetchJudgeRoundEntrants(activityId, roundId)
      .then((fresh) => {
        setData(fresh);
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const order = { none: 0, draft: 1, submitted: 2 } as const;
  const entrants = [...(data?.items ?? [])].sort(
    (a, b) => Number(a.absent) - Number(b.absent) || order[a.sheetStatus] - order[b.sheetStatus],
  );
  const unit = data?.round.scoring.kind === 'measure' ? data.round.scoring.unit : null;

  return (
    <View className="page" data-testid="judge-round-page">
      {error ? (
        <View className="notice notice--error" data-testid="judge-round-error">
          <Text>{error}</Text>
          <Button className="btn btn--small" onClick={() => void load()}>
            重试
          </Button>
        </View>
      ) : null}
      {data ? (
        <View className="panel">
          <Text className="panel__title">{`${data.round.name}（${ROUND_STATUS_LABELS[data.round.status]}）`}</Text>
          <Text
            className="muted"
            data-testid="judge-round-count"
          >{`已提交 ${data.round.submitted}/${data.round.assigned}`}</Text>
          {entrants.length === 0 ? <Text className="muted">本轮没有分配给您的参赛者</Text> : null}
          {entrants.map((entrant) => (
            <View
              key={entrant.entrantId}
              className="contest-row"
              data-testid="judge-entrant"
              onClick={() =>
                void Taro.navigateTo({
                  url: `${ROUTES.scoreSheet}?id=${activityId}&roundId=${roundId}&entrantId=${entrant.entrantId}`,
                })
              }
            >
              <View className="contest-lines">
                <Text data-testid="judge-entrant-name">{entrant.name}</Text>
                <Text className="muted">{entrant.groupName}</Text>
              </View>
              {entrant.absent ? (
                <Text className="tag">缺考</Text>
              ) : (
                <Text className={SHEET_STATUS_TAGS[entrant.sheetStatus]} data-testid="judge-entrant-status">
                  {entrant.sheetStatus === 'none'
                    ? SHEET_STATUS_LABELS.none
                    : `${SHEET_STATUS_LABELS[entrant.sheetStatus]} ${scoreText(entrant.total, unit)}`}
                </Text>
              )}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
