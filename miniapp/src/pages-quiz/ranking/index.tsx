import { Text } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { QuizRanking as Ranking } from '@union/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { MemberPage } from '../../components/MemberPage';
import { QuizRanking } from '../../components/QuizRanking';
import { errorMessage } from '../../services/http';
import { fetchRanking } from '../../services/quizzes';
import '../quiz.css';

/** 排行榜: everyone, or one of the orgs I belong to (my street, my district …), with my own row pinned. */
export default function QuizRankingPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [ranking, setRanking] = useState<Ranking | null>(null);
  const [scope, setScope] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  const load = useCallback(
    (orgId: string | undefined) => {
      const call = ++latest.current;
      return fetchRanking(id, orgId).then(
        (loaded) => {
          if (call !== latest.current) return;
          setRanking(loaded);
          setError(null);
        },
        (e: unknown) => call === latest.current && setError(errorMessage(e)),
      );
    },
    [id],
  );

  useEffect(() => void load(undefined), [load]);
  usePullDownRefresh(() => void load(scope).finally(() => Taro.stopPullDownRefresh()));

  const choose = (orgId: string | undefined) => {
    setScope(orgId);
    void load(orgId);
  };

  return (
    <MemberPage testId="quiz-ranking-page">
      {error ? (
        <Text className="notice notice--error" data-testid="quiz-ranking-error">
          {error}
        </Text>
      ) : null}
      {ranking ? (
        <QuizRanking ranking={ranking} selected={scope} onScope={choose} />
      ) : error ? null : (
        <Text className="muted">正在加载…</Text>
      )}
    </MemberPage>
  );
}
