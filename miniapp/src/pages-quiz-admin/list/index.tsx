import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { chinaDateTime, QUIZ_STATUSES, type QuizStatus } from '@union/shared';
import { useState } from 'react';
import { Chip } from '../../components/Chip';
import { usePagedList } from '../../hooks/use-paged-list';
import { ROUTES } from '../../routes';
import { fetchStaffQuizzes } from '../services';
import { QUIZ_STATUS_LABELS } from '../strings';
import '../quiz-admin.css';

type StatusFilter = 'all' | QuizStatus;

/** The quizzes the organiser's offices host, by status; a tap opens one to manage. */
export default function QuizAdminListPage() {
  const [status, setStatus] = useState<StatusFilter>('all');
  const { items, nextCursor, loaded, error, busy, load, loadMore } = usePagedList(
    (filter: StatusFilter, cursor?: string) => fetchStaffQuizzes(filter === 'all' ? undefined : filter, cursor),
  );
  useDidShow(() => void load(status));

  return (
    <View className="page quiz-admin">
      <Button
        className="btn btn--primary"
        onClick={() => void Taro.navigateTo({ url: ROUTES.quizAdminEdit })}
        data-testid="quiz-create"
      >
        新建知识竞赛
      </Button>
      <View className="quiz-admin__chips">
        {(['all', ...QUIZ_STATUSES] as StatusFilter[]).map((option) => (
          <Chip
            key={option}
            on={status === option}
            onClick={() => {
              setStatus(option);
              void load(option);
            }}
            testId={`quiz-status-${option}`}
          >
            {option === 'all' ? '全部' : QUIZ_STATUS_LABELS[option]}
          </Chip>
        ))}
      </View>
      {error ? <Text className="notice notice--error">{error}</Text> : null}
      {loaded && !error && items.length === 0 ? (
        <Text className="notice notice--info" data-testid="quiz-admin-empty">
          还没有知识竞赛
        </Text>
      ) : null}
      {items.map((quiz) => (
        <View
          key={quiz.id}
          className="panel quiz-admin__lines"
          data-testid="quiz-admin-item"
          onClick={() => void Taro.navigateTo({ url: `${ROUTES.quizAdminManage}?id=${quiz.id}` })}
        >
          <View className="row">
            <Text className="panel__title">{quiz.title}</Text>
            <Text className="tag">{QUIZ_STATUS_LABELS[quiz.status]}</Text>
          </View>
          <Text className="muted">{`${quiz.orgName} · 面向${quiz.audienceOrgName}`}</Text>
          <Text className="muted">
            {`${chinaDateTime(new Date(quiz.opensAt))} 至 ${chinaDateTime(new Date(quiz.closesAt))} · ${quiz.questionCount}题 · ${quiz.timeLimitMinutes}分钟`}
          </Text>
        </View>
      ))}
      {nextCursor ? (
        <Button className="btn" disabled={busy} onClick={() => void loadMore()}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
