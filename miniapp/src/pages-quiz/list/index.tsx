import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { MemberPage } from '../../components/MemberPage';
import { usePagedList } from '../../hooks/use-paged-list';
import { ROUTES } from '../../routes';
import { listQuizzes } from '../../services/quizzes';
import { quizWindow, scoreText } from '../format';
import '../quiz.css';

type Tab = 'open' | 'ended';

/** 知识竞赛: the quizzes open to me now, and ended ones for their results and ranking. */
export default function QuizListPage() {
  const [tab, setTab] = useState<Tab>('open');
  const current = useRef<Tab>('open');
  const list = usePagedList(listQuizzes);
  const { load, reset } = list;

  const choose = (next: Tab) => {
    current.current = next;
    setTab(next);
    reset();
    void load(next);
  };
  useDidShow(() => void load(current.current));
  usePullDownRefresh(() => void load(current.current).finally(() => Taro.stopPullDownRefresh()));

  const items = list.received ? list.items : null;
  return (
    <MemberPage testId="quiz-list-page">
      <View className="quiz-tabs">
        {(['open', 'ended'] as const).map((option) => (
          <Text
            key={option}
            className={`quiz-tab ${tab === option ? 'quiz-tab--on' : ''}`}
            onClick={() => choose(option)}
            data-testid={`quiz-tab-${option}`}
          >
            {option === 'open' ? '进行中' : '已结束'}
          </Text>
        ))}
      </View>
      {list.error ? (
        <View className="notice notice--error" data-testid="quiz-list-error">
          <Text>{list.error}</Text>
          <Button className="btn btn--small" onClick={() => void list.reload()}>
            重试
          </Button>
        </View>
      ) : null}
      {!items && !list.error ? <Text className="muted">正在加载…</Text> : null}
      {items?.length === 0 ? (
        <View className="panel" data-testid="quiz-list-empty">
          <Text>{tab === 'open' ? '暂无进行中的知识竞赛' : '暂无已结束的知识竞赛'}</Text>
        </View>
      ) : null}
      {items?.map((quiz) => {
        const left = Math.max(0, quiz.attemptsPerMember - quiz.attemptsUsed);
        return (
          <View
            key={quiz.id}
            className="quiz-card"
            data-testid="quiz-card"
            onClick={() => void Taro.navigateTo({ url: `${ROUTES.quizDetail}?id=${quiz.id}` })}
          >
            <Text className="quiz-card__title">{quiz.title}</Text>
            <Text className="muted">{quizWindow(quiz)}</Text>
            <Text className="muted">{`${quiz.questionCount}题 · 限时${quiz.timeLimitMinutes}分钟 · 满分${quiz.totalPoints}分`}</Text>
            <Text className="quiz-state" data-testid="quiz-card-state">
              {`剩余${left}次` + (quiz.bestScore === null ? '' : ` · 最好成绩${scoreText(quiz.bestScore)}分`)}
            </Text>
          </View>
        );
      })}
      {list.nextCursor ? (
        <Button className="btn" loading={list.busy} onClick={() => void list.loadMore()}>
          加载更多
        </Button>
      ) : null}
    </MemberPage>
  );
}
