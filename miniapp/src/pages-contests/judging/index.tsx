import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { JudgeContest } from '@union/shared';
import { useState } from 'react';
import { ROUTES } from '../../routes';
import { fetchJudgedContests } from '../../services/contests';
import { errorMessage } from '../../services/http';
import { ROUND_STATUS_LABELS, scoringText } from '../format';
import '../contests.css';

/** The contests I judge, each round with how many of my entrants I have submitted. */
export default function JudgingPage() {
  const [contests, setContests] = useState<JudgeContest[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    fetchJudgedContests()
      .then(({ items }) => {
        setContests(items);
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const openRound = (activityId: string, roundId: string) =>
    void Taro.navigateTo({ url: `${ROUTES.judgeRound}?id=${activityId}&roundId=${roundId}` });

  return (
    <View className="page" data-testid="judging-page">
      {error ? (
        <View className="notice notice--error" data-testid="judging-error">
          <Text>{error}</Text>
          <Button className="btn btn--small" onClick={() => void load()}>
            重试
          </Button>
        </View>
      ) : null}
      {!contests && !error ? <Text className="muted">正在加载…</Text> : null}
      {contests?.length === 0 ? (
        <View className="panel" data-testid="judging-empty">
          <Text>您还不是任何竞赛的评委。请向组织者索取评委邀请码。</Text>
        </View>
      ) : null}
      {contests?.map((contest) => (
        <View key={contest.activityId} className="contest-card" data-testid="judging-contest">
          <Text className="contest-card__title">{contest.title}</Text>
          <Text className="muted">{`${contest.orgName} · 评委 ${contest.judgeName} · ${contest.groups
            .map((g) => g.name)
            .join('、')}`}</Text>
          {contest.published ? <Text className="tag tag--approved">成绩已公布</Text> : null}
          {contest.rounds.map((round) => (
            <View
              key={round.id}
              className="contest-row"
              onClick={() => (round.status === 'pending' ? undefined : openRound(contest.activityId, round.id))}
              data-testid={`judging-round-${round.id}`}
            >
              <View className="contest-lines">
                <Text>{`${round.name}（${ROUND_STATUS_LABELS[round.status]}）`}</Text>
                <Text className="muted">{scoringText(round.scoring)}</Text>
              </View>
              <Text className={round.submitted < round.assigned ? 'tag tag--pending' : 'tag tag--approved'}>
                {`已交 ${round.submitted}/${round.assigned}`}
              </Text>
            </View>
          ))}
        </View>
      ))}
      <Button
        className="btn"
        onClick={() => void Taro.navigateTo({ url: ROUTES.judgeBind })}
        data-testid="judging-bind"
      >
        输入评委邀请码
      </Button>
    </View>
  );
}
