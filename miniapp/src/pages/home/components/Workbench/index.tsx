import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { Me, Workbench as WorkbenchData, WorkbenchTodo, WorkbenchTodoKey } from '@union/shared';
import { useState } from 'react';
import { ROUTES } from '../../../../routes';
import { fetchWorkbench } from '../../../../services/workbench';
import { openPage } from '../../../../utils/navigation';
import './index.css';

/** The queue each to-do opens: the page whose list its count equals. */
const TODO_ROUTES: Record<WorkbenchTodoKey, string> = {
  joinReview: ROUTES.joinReviewQueue,
  aidReview: ROUTES.staffAidQueue,
  stationFeedback: ROUTES.staffStationFeedback,
  activityReview: `${ROUTES.activityAdmin}?todo=review`,
  activityLottery: `${ROUTES.activityAdmin}?todo=lottery`,
  activityCheckInToday: `${ROUTES.activityAdmin}?todo=checkInToday`,
  merchantInvitations: `${ROUTES.adminMerchants}?needsClerk=1`,
  settlementExports: ROUTES.adminSettlement,
};

function todoUrl(todo: WorkbenchTodo): string {
  const query = Object.entries(todo.params ?? {}).map(([name, value]) => `${name}=${encodeURIComponent(value)}`);
  const route = TODO_ROUTES[todo.key];
  return query.length ? `${route}${route.includes('?') ? '&' : '?'}${query.join('&')}` : route;
}

const todoTestId = (todo: WorkbenchTodo) => ['workbench-todo', todo.key, ...Object.values(todo.params ?? {})].join('-');

/** Loaded on every show, so work done on a queue page is gone from the count on return. */
function useWorkbench(me: Me | null): WorkbenchData | null {
  const [data, setData] = useState<WorkbenchData | null>(null);
  const staff = me?.kind === 'staff';
  useDidShow(() => {
    if (!staff) return;
    // The home page must render whatever comes back: a workbench it cannot read is left out.
    fetchWorkbench()
      .then((found) => setData(Array.isArray(found?.todos) && Array.isArray(found?.notices) ? found : null))
      .catch(() => setData(null));
  });
  return staff ? data : null;
}

/** 待办 (each with its count and oldest age, one tap to its queue) and 提醒, above the staff entries. */
export function Workbench({ me }: { me: Me | null }) {
  const data = useWorkbench(me);
  if (!data) return null;
  const notices = data.notices.filter((notice) => notice.count > 0);
  return (
    <>
      {data.todos.length > 0 ? (
        <View className="panel" data-testid="workbench-todos">
          <Text className="panel__title">待办</Text>
          {data.todos.map((todo) => (
            <View
              key={todoTestId(todo)}
              className={`workbench-row${todo.count === 0 ? ' workbench-row--done' : ''}`}
              onClick={() => openPage(todoUrl(todo))}
              data-testid={todoTestId(todo)}
            >
              <Text className="workbench-row__label">{todo.label}</Text>
              {todo.oldestAgeLabel ? <Text className="muted">{todo.oldestAgeLabel}</Text> : null}
              <Text className="workbench-row__count">{todo.count}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {notices.length > 0 ? (
        <View className="panel" data-testid="workbench-notices">
          <Text className="panel__title">提醒</Text>
          {notices.map((notice) => (
            <View key={notice.key} className="workbench-notice" data-testid={`workbench-notice-${notice.key}`}>
              <Text className="workbench-row__label">{`${notice.label}（${notice.count}）`}</Text>
              {notice.items.map((item) => (
                <Text key={item.id} className="muted workbench-notice__item">
                  {item.detail ? `${item.title} · ${item.detail}` : item.title}
                </Text>
              ))}
            </View>
          ))}
        </View>
      ) : null}
    </>
  );
}
