import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { QuizAttempt } from '@union/shared';
import { useEffect, useState } from 'react';
import { MemberPage } from '../../components/MemberPage';
import { PageLoading } from '../../components/PageLoading';
import { ROUTES } from '../../routes';
import { errorMessage } from '../../services/http';
import { fetchAttempt } from '../../services/quizzes';
import { durationText, scoreText } from '../format';
import { ReviewedQuestion } from './components/ReviewedQuestion';
import '../quiz.css';

/** The quiz's page is usually the one below (answering redirected here); opened from a link, it is opened anew. */
function backToQuiz(quizId: string) {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.redirectTo({ url: `${ROUTES.quizDetail}?id=${quizId}` });
}

/** 答题结果: score and time used, then each question with my answer, the key and its explanation. */
export default function QuizResultPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [attempt, setAttempt] = useState<QuizAttempt | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    fetchAttempt(id).then(
      (loaded) => {
        // Still open (opened from an old link): back to answering, the clock is still running.
        if (loaded.status === 'in_progress') void Taro.redirectTo({ url: `${ROUTES.quizAnswer}?id=${id}` });
        else setAttempt(loaded);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [id]);

  if (!attempt?.result) return <PageLoading error={error} testId="quiz-result-error" />;
  const { result } = attempt;
  const reviews = new Map((result.review ?? []).map((r) => [r.questionId, r]));

  return (
    <MemberPage testId="quiz-result-page">
      <View className="panel quiz-score" data-testid="quiz-score">
        <Text className="muted">{attempt.quizTitle}</Text>
        <Text className="quiz-score__value" data-testid="quiz-score-value">
          {`${scoreText(result.score)}分`}
        </Text>
        <Text className="muted">{`满分 ${result.totalPoints} 分`}</Text>
        <Text data-testid="quiz-score-detail">
          {`答对 ${result.correctCount} / ${result.questionCount} 题 · 用时 ${durationText(result.durationSeconds)}`}
        </Text>
        {attempt.status === 'expired' ? (
          <Text className="notice notice--warn">答题时间到，已按截止前保存的答案计分</Text>
        ) : null}
        <View className="quiz-nav">
          <Button
            className="btn"
            onClick={() => void Taro.navigateTo({ url: `${ROUTES.quizRanking}?id=${attempt.quizId}` })}
            data-testid="quiz-result-ranking"
          >
            查看排名
          </Button>
          <Button className="btn" onClick={() => backToQuiz(attempt.quizId)} data-testid="quiz-result-back">
            返回竞赛
          </Button>
        </View>
      </View>
      {result.review === null ? (
        <Text className="notice notice--info" data-testid="quiz-no-review">
          本次竞赛不公布标准答案与解析
        </Text>
      ) : (
        attempt.questions.map((question) => {
          const review = reviews.get(question.id);
          return review ? <ReviewedQuestion key={question.id} question={question} review={review} /> : null;
        })
      )}
    </MemberPage>
  );
}
