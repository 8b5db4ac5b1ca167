import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import {
  ACTIVITY_STATUSES,
  CancelActivityRequestSchema,
  STAFF_ACTIVITY_TODOS,
  type ActivityStatus,
} from '@union/shared';
import { useState } from 'react';
import { Chip } from '../../components/Chip';
import { ReasonForm } from '../../components/ReasonForm';
import { usePagedList } from '../../hooks/use-paged-list';
import { ROUTES } from '../../routes';
import { errorMessage } from '../../services/http';
import { formatDateTime } from '../../utils/datetime';
import { confirm, showSuccess } from '../../utils/toast';
import {
  cancelActivity,
  fetchStaffActivities,
  pauseActivity,
  publishActivity,
  type StaffActivitySummary,
} from '../services';
import { ACTIVITY_STATUS_LABELS } from '../strings';

type StatusFilter = 'all' | ActivityStatus;
type Todo = (typeof STAFF_ACTIVITY_TODOS)[number];

/** The workbench's activity to-dos open this list narrowed to them (`?todo=`). */
const TODO_LABELS: Record<Todo, string> = { review: '有报名待审核', lottery: '待抽签', checkInToday: '今日签到' };
const todoOf = (value: string | undefined): Todo | undefined => STAFF_ACTIVITY_TODOS.find((todo) => todo === value);

/** Activities the organiser's offices host, by status, with publish / pause / cancel. */
export default function ActivityAdminListPage() {
  const { params } = useRouter();
  const [status, setStatus] = useState<StatusFilter>('all');
  const [todo, setTodo] = useState(todoOf(params.todo));
  const [cancelling, setCancelling] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const { items, nextCursor, loaded, error, busy, load, loadMore } = usePagedList(
    (search: { status: StatusFilter; todo?: Todo }, cursor?: string) =>
      fetchStaffActivities({ status: search.status === 'all' ? undefined : search.status, todo: search.todo, cursor }),
  );

  const reload = (chosen = status, narrowed = todo) => load({ status: chosen, todo: narrowed });
  useDidShow(() => void reload());

  const open = (url: string) => void Taro.navigateTo({ url });

  async function act(run: () => Promise<unknown>, done: string) {
    setNotice('');
    try {
      await run();
      showSuccess(done);
      void reload();
    } catch (failure) {
      setNotice(errorMessage(failure));
    }
  }

  async function confirmCancel(id: string) {
    const parsed = CancelActivityRequestSchema.safeParse({ reason });
    if (!parsed.success) {
      setReasonError(parsed.error.issues[0]?.message ?? '请说明取消原因');
      return;
    }
    setReasonError(null);
    await act(() => cancelActivity(id, parsed.data.reason), '活动已取消');
    setCancelling(null);
    setReason('');
  }

  async function publish(id: string) {
    if (await confirm('发布活动', '发布后会员即可看到并报名')) await act(() => publishActivity(id), '已发布');
  }

  function actions(activity: StaffActivitySummary) {
    const id = activity.id;
    return (
      <View className="row activity-admin-actions" onClick={(e) => e.stopPropagation()}>
        <Button className="btn btn--small" onClick={() => open(`${ROUTES.activityAdminEdit}?id=${id}`)}>
          编辑
        </Button>
        <Button className="btn btn--small" onClick={() => open(`${ROUTES.activityAdminEntries}?id=${id}`)}>
          报名名单
        </Button>
        <Button className="btn btn--small" onClick={() => open(`${ROUTES.activityAdminCheckIn}?id=${id}`)}>
          签到
        </Button>
        {activity.kind === 'skill_contest' ? (
          <Button
            className="btn btn--small"
            onClick={() => open(`${ROUTES.contestAdmin}?id=${id}`)}
            data-testid="activity-contest"
          >
            竞赛评审
          </Button>
        ) : null}
        <Button
          className="btn btn--small"
          onClick={() => open(`${ROUTES.activityAdminStats}?id=${id}`)}
          data-testid="activity-stats"
        >
          统计
        </Button>
        {activity.status === 'draft' || activity.status === 'paused' ? (
          <Button
            className="btn btn--small btn--primary"
            data-testid="activity-publish"
            onClick={() => void publish(id)}
          >
            发布
          </Button>
        ) : null}
        {activity.status === 'published' ? (
          <Button
            className="btn btn--small"
            data-testid="activity-pause"
            onClick={() => void act(() => pauseActivity(id), '已暂停报名')}
          >
            暂停
          </Button>
        ) : null}
        {activity.status !== 'cancelled' ? (
          <Button className="btn btn--small" data-testid="activity-cancel" onClick={() => setCancelling(id)}>
            取消活动
          </Button>
        ) : null}
      </View>
    );
  }

  return (
    <View className="page">
      <Button className="btn btn--primary" onClick={() => open(ROUTES.activityAdminEdit)} data-testid="activity-create">
        新建活动
      </Button>
      <Button className="btn" onClick={() => open(ROUTES.activityAdminStats)} data-testid="activity-org-stats">
        活动统计（本单位）
      </Button>
      <View className="row">
        {(['all', ...ACTIVITY_STATUSES] as StatusFilter[]).map((option) => (
          <Chip
            key={option}
            on={status === option}
            onClick={() => {
              setStatus(option);
              void reload(option);
            }}
            testId={`activity-status-${option}`}
          >
            {option === 'all' ? '全部' : ACTIVITY_STATUS_LABELS[option]}
          </Chip>
        ))}
      </View>
      {todo ? (
        <View className="row">
          <Chip
            on
            onClick={() => {
              setTodo(undefined);
              void reload(status, undefined);
            }}
            testId="activity-todo"
          >
            {`仅看${TODO_LABELS[todo]} ✕`}
          </Chip>
        </View>
      ) : null}
      {error || notice ? <Text className="notice notice--error">{error || notice}</Text> : null}
      {loaded && !error && items.length === 0 ? (
        <Text className="notice notice--info" data-testid="activity-empty">
          还没有活动
        </Text>
      ) : null}
      {items.map((activity) => (
        <View key={activity.id} className="panel" data-testid="activity-item">
          <View className="row">
            <Text className="panel__title">{activity.title}</Text>
            <Text className="tag">{ACTIVITY_STATUS_LABELS[activity.status]}</Text>
          </View>
          <Text className="muted">
            {activity.kindLabel} · {activity.venueName} · {formatDateTime(activity.firstSessionStartsAt)}
          </Text>
          <Text className="muted">
            报名 {formatDateTime(activity.signUpOpensAt)} 至 {formatDateTime(activity.signUpClosesAt)}，剩余名额{' '}
            {activity.placesLeft}
          </Text>
          {actions(activity)}
          {cancelling === activity.id ? (
            <ReasonForm
              title="取消活动"
              value={reason}
              onChange={setReason}
              placeholder="取消原因，将通知已报名的会员"
              maxlength={200}
              picks={['天气原因', '场地临时不可用', '报名人数不足']}
              error={reasonError}
              testId="activity-cancel-reason"
            >
              <Button
                className="btn btn--primary"
                onClick={() => void confirmCancel(activity.id)}
                data-testid="activity-cancel-confirm"
              >
                确认取消
              </Button>
              <Button className="btn" onClick={() => setCancelling(null)}>
                返回
              </Button>
            </ReasonForm>
          ) : null}
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
