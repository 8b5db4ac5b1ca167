import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useRouter } from '@tarojs/taro';
import type { QuizAttempt } from '@union/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { MemberPage } from '../../components/MemberPage';
import { PageLoading } from '../../components/PageLoading';
import { ROUTES } from '../../routes';
import { errorMessage } from '../../services/http';
import { fetchAttempt, submitAttempt } from '../../services/quizzes';
import { confirm } from '../../utils/toast';
import { countdownText } from '../format';
import { AnswerSheet, isAnswered } from './components/AnswerSheet';
import { QuestionCard } from './components/QuestionCard';
import { useServerCountdown } from './server-clock';
import { useAnswerSync, type SaveState } from './use-answer-sync';
import '../quiz.css';

/** Warned once, this long before the deadline. */
export const WARN_AT_MS = 60_000;
/** Unsaved answers go up this long before the deadline: what the submission carries after it is not counted. */
const LAST_SAVE_AT_MS = 5_000;

const SAVE_LABELS: Record<SaveState, string> = {
  saved: '已保存',
  pending: '待保存',
  saving: '保存中…',
  failed: '保存失败，将自动重试',
};

/**
 * Taking a paper: one question at a time, an answer sheet, and the server's countdown. At the
 * deadline the page hands in what it has; a reload resumes from the server's copy.
 */
export default function QuizAnswerPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [attempt, setAttempt] = useState<QuizAttempt | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [index, setIndex] = useState(0);
  const [showSheet, setShowSheet] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const handingIn = useRef(false);
  const warned = useRef(false);
  const lastSaved = useRef(false);
  const timeUpHandled = useRef(false);

  const toResult = useCallback(() => void Taro.redirectTo({ url: `${ROUTES.quizResult}?id=${id}` }), [id]);
  const countdown = useServerCountdown(attempt?.deadline ?? null, attempt?.serverNow ?? null);
  const sync = useAnswerSync(id, {
    onSaved: countdown.sync,
    // The server takes no more answers: hand in (a replayed submission answers with the result).
    onClosed: () => void handIn(),
  });

  useEffect(() => {
    fetchAttempt(id).then(
      (loaded) => {
        if (loaded.status !== 'in_progress') return toResult();
        sync.begin(loaded.saved);
        setAttempt(loaded);
      },
      (error: unknown) => setLoadError(errorMessage(error)),
    );
    // Loaded once per attempt id.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  useDidHide(() => void sync.flush());

  async function handIn() {
    if (handingIn.current) return;
    handingIn.current = true;
    setSubmitting(true);
    setSubmitError(null);
    try {
      await submitAttempt(id, sync.all());
      sync.finish();
      toResult();
    } catch (error) {
      handingIn.current = false;
      setSubmitError(errorMessage(error));
    } finally {
      setSubmitting(false);
    }
  }

  const left = countdown.left;
  useEffect(() => {
    if (!attempt || left === null) return;
    if (left <= 0) {
      // Once: if handing in fails (offline), 重新交卷 retries; the server grades what it saved anyway.
      if (!timeUpHandled.current) {
        timeUpHandled.current = true;
        void handIn();
      }
      return;
    }
    if (left <= LAST_SAVE_AT_MS && !lastSaved.current) {
      lastSaved.current = true;
      void sync.flush();
    }
    if (left <= WARN_AT_MS && !warned.current) {
      warned.current = true;
      void Taro.showToast({ title: '距答题结束还剩1分钟，请抓紧时间', icon: 'none', duration: 3000 });
    }
    // Runs on every tick of the countdown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [left, attempt]);

  if (!attempt) return <PageLoading error={loadError} testId="quiz-answer-error" />;

  const questions = attempt.questions;
  const question = questions[index];
  const go = (next: number) => {
    setIndex(Math.max(0, Math.min(questions.length - 1, next)));
    setShowSheet(false);
    void sync.flush();
  };

  async function askToHandIn() {
    const unanswered = questions.filter((q) => !isAnswered(sync.answers, q.id)).length;
    const message =
      unanswered > 0
        ? `还有 ${unanswered} 题未作答，交卷后不能修改。确定交卷吗？`
        : '已全部作答，交卷后不能修改。确定交卷吗？';
    if (await confirm('交卷', message)) await handIn();
  }

  const timeUp = left !== null && left <= 0;
  return (
    <MemberPage testId="quiz-answer-page" className="quiz-answer">
      <View className="quiz-bar">
        <Text
          className={`quiz-countdown ${left !== null && left <= WARN_AT_MS ? 'quiz-countdown--warn' : ''}`}
          data-testid="quiz-countdown"
        >
          {left === null ? '--:--' : countdownText(left)}
        </Text>
        <Text className="muted" data-testid="quiz-save-state">
          {SAVE_LABELS[sync.saveState]}
        </Text>
        <Button className="btn btn--small" onClick={() => setShowSheet(!showSheet)} data-testid="quiz-sheet-toggle">
          答题卡
        </Button>
      </View>
      {timeUp ? (
        <Text className="notice notice--warn" data-testid="quiz-time-up">
          {submitting ? '答题时间到，正在交卷…' : '答题时间到'}
        </Text>
      ) : null}
      {submitError ? (
        <View className="notice notice--error" data-testid="quiz-submit-error">
          <Text>{submitError}</Text>
          <Button className="btn btn--small" onClick={() => void handIn()}>
            重新交卷
          </Button>
        </View>
      ) : null}
      {showSheet ? (
        <AnswerSheet questions={questions} answers={sync.answers} current={index} onJump={go} />
      ) : question ? (
        <QuestionCard
          question={question}
          total={questions.length}
          chosen={sync.answers[question.id] ?? []}
          onChoose={(letters) => sync.choose(question.id, letters)}
        />
      ) : null}
      <View className="quiz-nav">
        <Button className="btn" disabled={index === 0} onClick={() => go(index - 1)} data-testid="quiz-prev">
          上一题
        </Button>
        <Button
          className="btn"
          disabled={index >= questions.length - 1}
          onClick={() => go(index + 1)}
          data-testid="quiz-next"
        >
          下一题
        </Button>
      </View>
      <Button
        className="btn btn--primary"
        disabled={submitting}
        onClick={() => void askToHandIn()}
        data-testid="quiz-submit"
      >
        交卷
      </Button>
    </MemberPage>
  );
}
