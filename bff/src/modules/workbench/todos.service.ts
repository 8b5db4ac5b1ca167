/**
 * The workbench's to-dos. Each count is computed by the filter function its queue uses (named
 * beside each call), so a count always equals the queue the to-do opens.
 */
import {
  AID_REVIEW_STEP_TEXT,
  WORKBENCH_TODO_KEYS,
  WORKBENCH_TODOS,
  waitingAgeLabel,
  type OrgLevel,
  type WorkbenchTodo,
  type WorkbenchTodoKey,
} from '@union/shared';
import type { Actor } from '../auth/actor';
import { activityTodoCount } from '../activities/todo-filters';
import { programmesForStaff } from '../aid/programmes.service';
import { awaitingOwnSteps } from '../aid-review/queue.service';
import { merchantsAwaitingInvitation } from '../merchants/clerk-todo';
import { pendingJoinApplications } from '../membership/join-review.service';
import { openFeedbackCount } from '../station-visits/feedback.service';
import { pendingSettlementExports } from '../vouchers/settlement-exports.service';
import { workbenchPolicy } from './policy';

interface Tally {
  count: number;
  oldestAt: Date | null;
}

function todo(key: WorkbenchTodoKey, tally: Tally, now: Date, extra: Partial<WorkbenchTodo> = {}): WorkbenchTodo {
  return {
    key,
    label: WORKBENCH_TODOS[key].label,
    count: tally.count,
    oldestAt: tally.oldestAt?.toISOString() ?? null,
    ...(tally.oldestAt ? { oldestAgeLabel: waitingAgeLabel(tally.oldestAt, now) } : {}),
    ...extra,
  };
}

/**
 * 助学待审, one per programme and review step the caller decides with applications waiting there
 * (one empty to-do when none has), each opening the queue of that programme at that step.
 */
async function aidTodos(actor: Actor, now: Date): Promise<WorkbenchTodo[]> {
  const todos: WorkbenchTodo[] = [];
  for (const programme of await programmesForStaff(actor)) {
    // aid-review/queue.service.ts: aidQueueFilter with `step`, as the queue in review lists it.
    for (const [step, tally] of await awaitingOwnSteps(actor, programme)) {
      const level = programme.reviewChain[step] as OrgLevel;
      todos.push(
        todo('aidReview', tally, now, {
          label: `${WORKBENCH_TODOS.aidReview.label} · ${programme.name} · ${AID_REVIEW_STEP_TEXT[level]}`,
          params: { programmeId: String(programme._id), step: String(step) },
        }),
      );
    }
  }
  return todos.length > 0 ? todos : [todo('aidReview', { count: 0, oldestAt: null }, now)];
}

/** 结算待导出: the months the settlement page lists as 待导出, opened at the oldest. */
async function settlementTodos(actor: Actor, now: Date): Promise<WorkbenchTodo[]> {
  const pending = await pendingSettlementExports(actor, now);
  const oldest = pending[0];
  const tally = { count: pending.length, oldestAt: oldest ? new Date(oldest.closedAt) : null };
  return [
    todo('settlementExports', tally, now, oldest ? { params: { month: oldest.month, orgId: oldest.orgId } } : {}),
  ];
}

const counters: Record<WorkbenchTodoKey, (actor: Actor, now: Date) => Promise<WorkbenchTodo[]>> = {
  // membership/join-review.service.ts: joinQueueFilter(actor, 'pending').
  joinReview: async (actor, now) => [todo('joinReview', await pendingJoinApplications(actor), now)],
  aidReview: aidTodos,
  // station-visits/feedback.service.ts: openFeedbackFilter.
  stationFeedback: async (actor, now) => [todo('stationFeedback', await openFeedbackCount(actor), now)],
  // activities/todo-filters.ts: staffActivityFilter with `todo`.
  activityReview: async (actor, now) => [todo('activityReview', await activityTodoCount(actor, 'review', now), now)],
  activityLottery: async (actor, now) => [todo('activityLottery', await activityTodoCount(actor, 'lottery', now), now)],
  activityCheckInToday: async (actor, now) => [
    todo('activityCheckInToday', await activityTodoCount(actor, 'checkInToday', now), now),
  ],
  // merchants/clerk-todo.ts: needsClerkFilter, the admin merchant list's `needsClerk=true`.
  merchantInvitations: async (actor, now) => [
    todo('merchantInvitations', await merchantsAwaitingInvitation(actor, now), now),
  ],
  // vouchers/settlement-exports.service.ts: the list the settlement page shows as 待导出.
  settlementExports: settlementTodos,
};

export async function workbenchTodos(actor: Actor, now: Date): Promise<WorkbenchTodo[]> {
  const keys = WORKBENCH_TODO_KEYS.filter((key) => workbenchPolicy.can(actor, 'seeTodo', key));
  return (await Promise.all(keys.map((key) => counters[key](actor, now)))).flat();
}
