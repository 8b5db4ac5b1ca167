import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import type { QuizAttemptSummary, QuizDetail } from '@union/shared';
import { useCallback, useRef, useState } from 'react';
import { MemberPage } from '../../components/MemberPage';
import { PageLoading } from '../../components/PageLoading';
import { ROUTES } from '../../routes';
import { ApiError, errorMessage } from '../../services/http';
import { fetchQuiz, startAttempt } from '../../services/quizzes';
import { newRequestId } from '../../utils/request-id';
import { confirm } from '../../utils/toast';
import { durationText, QUIZ_STATE_LABELS, quizTime, quizWindow, scoreText } from '../format';
import '../quiz.css';

const ATTEMPT_STATUS_LABELS: Record<QuizAttemptSummary['status'], string> = {
  in_progress: '答题中',
  submitted: '已交卷',
  expired: '超时交卷',
};

/** 竞赛详情: the rules, my attempts and best, and 开始答题 (after a warning that the clock starts). */
export default function QuizDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [quiz, setQuiz] = useState<QuizDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Kept until the server answers, so a retry after a lost answer returns the same paper.
  const requestId = useRef<string | null>(null);

  const load = useCallback(() => {
    fetchQuiz(id).then(
      (loaded) => {
        setQuiz(loaded);
        setError(null);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [id]);
  useDidShow(load);

  if (!quiz) return <PageLoading error={error} testId="quiz-detail-error" />;

  const openAnswer = (attemptId: string) => void Taro.navigateTo({ url: `${ROUTES.quizAnswer}?id=${attemptId}` });

  async function start() {
    if (!quiz) return;
    const ok = await confirm(
      '开始答题',
      `共${quiz.questionCount}题，限时${quiz.timeLimitMinutes}分钟。开始后立即计时，中途退出计时不会暂停，时间到自动交卷。`,
    );
    if (!ok) return;
    setBusy(true);
    setNotice(null);
    requestId.current ??= newRequestId('quiz');
    try {
      const attempt = await startAttempt(quiz.id, requestId.current);
      requestId.current = null;
      openAnswer(attempt.id);
    } catch (e) {
      if (!(e instanceof ApiError && e.isNetworkError)) requestId.current = null;
      setNotice(errorMessage(e));
      load();
    } finally {
      setBusy(false);
    }
  }

  return (
    <MemberPage testId="quiz-detail-page">
      <View className="panel quiz-lines">
        <Text className="quiz-card__title" data-testid="quiz-title">
          {quiz.title}
        </Text>
        <Text className="muted">{`${quiz.orgName} · ${QUIZ_STATE_LABELS[quiz.state]}`}</Text>
        {quiz.description ? <Text>{quiz.description}</Text> : null}
      </View>
      <View className="panel quiz-lines" data-testid="quiz-rules">
        <Text className="panel__title">竞赛规则</Text>
        <Text>{`时间：${quizWindow(quiz)}`}</Text>
        <Text>{`题量：${quiz.questionCount}题，满分${quiz.totalPoints}分，每次限时${quiz.timeLimitMinutes}分钟`}</Text>
        {quiz.rules.map((rule, index) => (
          <Text key={index} className="muted">
            {`${rule.category ? `${rule.category} · ` : ''}${rule.typeLabel} ${rule.count}题，每题${rule.points}分`}
          </Text>
        ))}
        <Text className="muted">多选题须全部选对才得分；成绩取最好的一次，同分用时短者排名靠前。</Text>
        <Text>{`面向：${quiz.audienceOrgName}会员，每人可答${quiz.attemptsPerMember}次`}</Text>
      </View>
      <View className="panel quiz-lines" data-testid="quiz-mine">
        <Text className="panel__title">我的成绩</Text>
        <Text data-testid="quiz-attempts-left">{`已答${quiz.attemptsUsed}次，还可答${quiz.attemptsLeft}次`}</Text>
        {quiz.best ? (
          <Text data-testid="quiz-best">
            {`最好成绩：${scoreText(quiz.best.score)}分，用时${durationText(quiz.best.durationSeconds)}${
              quiz.best.rank ? `，总排名第${quiz.best.rank}名` : ''
            }`}
          </Text>
        ) : null}
        {quiz.attempts.map((attempt) => (
          <View
            key={attempt.id}
            className="row quiz-attempt"
            data-testid="quiz-attempt"
            onClick={() =>
              attempt.status === 'in_progress'
                ? openAnswer(attempt.id)
                : void Taro.navigateTo({ url: `${ROUTES.quizResult}?id=${attempt.id}` })
            }
          >
            <Text>{quizTime(attempt.startedAt)}</Text>
            <Text className="link">
              {attempt.score === null
                ? ATTEMPT_STATUS_LABELS[attempt.status]
                : `${scoreText(attempt.score)}分 · ${ATTEMPT_STATUS_LABELS[attempt.status]}`}
            </Text>
          </View>
        ))}
      </View>
      {notice ? (
        <Text className="notice notice--error" data-testid="quiz-start-error">
          {notice}
        </Text>
      ) : null}
      {quiz.openAttemptId ? (
        <Button className="btn btn--primary" onClick={() => openAnswer(quiz.openAttemptId!)} data-testid="quiz-resume">
          继续答题
        </Button>
      ) : quiz.startProblem ? (
        <Text className="notice" data-testid="quiz-start-problem">
          {quiz.startProblem}
        </Text>
      ) : (
        <Button className="btn btn--primary" loading={busy} onClick={() => void start()} data-testid="quiz-start">
          开始答题
        </Button>
      )}
      {quiz.state !== 'not_open' ? (
        <Button
          className="btn"
          onClick={() => void Taro.navigateTo({ url: `${ROUTES.quizRanking}?id=${quiz.id}` })}
          data-testid="quiz-ranking-link"
        >
          排行榜
        </Button>
      ) : null}
    </MemberPage>
  );
}
