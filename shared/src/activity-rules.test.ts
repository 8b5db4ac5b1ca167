/** Activities: kinds, the life of an entry, what a member reads, completion and teams. */
import { describe, expect, it } from 'vitest';
import {
  ENTRY_TABS,
  statusesInTab,
  ACTIVITY_KINDS,
  ACTIVITY_KIND_LABELS,
  ALLOCATION_MODE_LABELS,
  ActivityKindSchema,
  ENTRY_EVENTS,
  ENTRY_STATUSES,
  ENTRY_STATUS_TABLE,
  ENTRY_TRANSITIONS,
  activityKind,
  canTransition,
  closingEvent,
  courseCompleted,
  entryStatusText,
  initialEntryStatus,
  maskedEntrantName,
  nextStatus,
  occupiesPlace,
  teamHasRoom,
  teamSizeProblem,
  type EntryStatus,
} from './activity-rules';
import { chinaInstant } from './china-time';

describe('activity kinds', () => {
  it('lists the six kinds in the editor’s order with their Chinese names', () => {
    expect(ACTIVITY_KINDS).toEqual([
      'sports_culture',
      'skill_contest',
      'training',
      'recuperation',
      'volunteering',
      'welfare',
    ]);
    expect(Object.values(ACTIVITY_KIND_LABELS)).toEqual([
      '文体活动',
      '技能竞赛',
      '培训班',
      '疗休养',
      '志愿服务',
      '福利发放',
    ]);
  });

  it('validates a kind with the enum built from the table', () => {
    expect(ActivityKindSchema.parse('training')).toBe('training');
    expect(ActivityKindSchema.safeParse('party').error?.issues[0]?.message).toBe('请选择活动类型');
  });

  it('counts attendance only for training courses, and defaults recuperation to a lottery', () => {
    expect(ACTIVITY_KINDS.filter((kind) => activityKind(kind).countsAttendance)).toEqual(['training']);
    expect(activityKind('recuperation').defaultAllocation).toBe('lottery');
    expect(activityKind('sports_culture').defaultAllocation).toBe('first_come');
  });

  it('names the allocation modes', () => {
    expect(ALLOCATION_MODE_LABELS).toEqual({ first_come: '先到先得', lottery: '抽签', review: '审核制' });
  });
});

describe('a new entry', () => {
  const free = { paid: false };
  const paid = { paid: true };

  it('takes a free place at once when first come, and waits when the group is full', () => {
    expect(initialEntryStatus({ allocation: 'first_come', ...free }, true)).toBe('confirmed');
    expect(initialEntryStatus({ allocation: 'first_come', ...paid }, true)).toBe('pending_payment');
    expect(initialEntryStatus({ allocation: 'first_come', ...free }, false)).toBe('waitlisted');
  });

  it('waits for the draw or for review whether or not a place is free', () => {
    expect(initialEntryStatus({ allocation: 'lottery', ...paid }, true)).toBe('awaiting_draw');
    expect(initialEntryStatus({ allocation: 'review', ...free }, true)).toBe('pending_review');
  });
});

describe('entry transitions', () => {
  it('states every status and every event it allows, and nothing else', () => {
    expect(Object.keys(ENTRY_TRANSITIONS).sort()).toEqual([...ENTRY_STATUSES].sort());
    for (const status of ENTRY_STATUSES) {
      for (const event of Object.keys(ENTRY_TRANSITIONS[status])) expect(ENTRY_EVENTS).toContain(event);
    }
  });

  it('moves nothing out of a final status', () => {
    for (const status of ENTRY_STATUSES.filter((status) => ENTRY_STATUS_TABLE[status].final)) {
      for (const event of ENTRY_EVENTS) expect(canTransition(status, event), `${status} ${event}`).toBe(false);
    }
  });

  it('follows a lottery: won, waitlisted in draw order, or out when the group keeps no waitlist', () => {
    expect(nextStatus('awaiting_draw', 'draw_won')).toBe('confirmed');
    expect(nextStatus('awaiting_draw', 'draw_waitlisted')).toBe('waitlisted');
    expect(nextStatus('awaiting_draw', 'draw_lost')).toBe('not_drawn');
    expect(nextStatus('confirmed', 'draw_won')).toBeNull();
  });

  it('ends the entries still without a place when the activity closes', () => {
    for (const status of ['pending_review', 'awaiting_draw', 'waitlisted', 'offered', 'pending_payment'] as const) {
      expect(nextStatus(status, 'closed_unplaced')).toBe('cancelled');
    }
    expect(nextStatus('waitlisted', 'closed_draw_waitlist')).toBe('not_drawn');
    expect(nextStatus('confirmed', 'closed_unplaced')).toBeNull();
    expect(nextStatus('awaiting_draw', 'closed_draw_waitlist')).toBeNull();
  });

  it('offers a freed place to a waiting entry, which confirms it or lets it expire', () => {
    expect(nextStatus('waitlisted', 'offer')).toBe('offered');
    expect(nextStatus('offered', 'accept')).toBe('confirmed');
    expect(nextStatus('offered', 'expire')).toBe('cancelled');
    expect(nextStatus('confirmed', 'offer')).toBeNull();
  });

  it('asks for payment before confirming a place in a paid activity', () => {
    expect(nextStatus('pending_review', 'approve', { paid: true })).toBe('pending_payment');
    expect(nextStatus('awaiting_draw', 'draw_won', { paid: true })).toBe('pending_payment');
    expect(nextStatus('offered', 'accept', { paid: true })).toBe('pending_payment');
    expect(nextStatus('offered', 'paid', { paid: true })).toBe('confirmed');
    expect(nextStatus('pending_payment', 'paid', { paid: true })).toBe('confirmed');
    expect(nextStatus('pending_payment', 'expire', { paid: true })).toBe('cancelled');
  });

  it('reviews an entry once', () => {
    expect(nextStatus('pending_review', 'approve')).toBe('confirmed');
    expect(nextStatus('pending_review', 'reject')).toBe('rejected');
    expect(canTransition('rejected', 'approve')).toBe(false);
    expect(canTransition('confirmed', 'reject')).toBe(false);
  });

  it('checks in again at a course’s later sessions, and completes or marks a no-show at the end', () => {
    expect(nextStatus('confirmed', 'check_in')).toBe('checked_in');
    expect(nextStatus('checked_in', 'check_in')).toBe('checked_in');
    expect(nextStatus('checked_in', 'complete')).toBe('completed');
    expect(nextStatus('confirmed', 'mark_no_show')).toBe('no_show');
    expect(canTransition('confirmed', 'complete')).toBe(false);
    expect(canTransition('waitlisted', 'check_in')).toBe(false);
  });

  it('lets a member cancel until they have checked in, and cancels everyone still in when the activity is', () => {
    expect(canTransition('checked_in', 'cancel')).toBe(false);
    for (const status of [
      'pending_review',
      'awaiting_draw',
      'waitlisted',
      'offered',
      'pending_payment',
      'confirmed',
    ] as const) {
      expect(nextStatus(status, 'cancel')).toBe('cancelled');
      expect(nextStatus(status, 'remove')).toBe('cancelled');
    }
    expect(nextStatus('checked_in', 'activity_cancelled')).toBe('cancelled');
  });
});

describe('places', () => {
  it('are held by offered, unpaid, confirmed and attended entries, not by waiting ones', () => {
    expect(ENTRY_STATUSES.filter(occupiesPlace)).toEqual([
      'offered',
      'pending_payment',
      'confirmed',
      'checked_in',
      'completed',
      'no_show',
    ]);
  });
});

describe('entryStatusText', () => {
  const deadline = chinaInstant('2026-12-03', '18:00');

  it('says 中签 for a confirmed lottery entry and 已报名 otherwise', () => {
    expect(entryStatusText({ status: 'confirmed', allocation: 'lottery' })).toBe('中签');
    expect(entryStatusText({ status: 'confirmed', allocation: 'first_come' })).toBe('已报名');
    expect(entryStatusText({ status: 'not_drawn', allocation: 'lottery' })).toBe('未中签');
  });

  it('gives the waitlist position', () => {
    expect(entryStatusText({ status: 'waitlisted', allocation: 'first_come', waitlistPosition: 3 })).toBe('候补第3位');
    expect(entryStatusText({ status: 'waitlisted', allocation: 'first_come' })).toBe('候补');
  });

  it('gives the deadline of an offer or an order in China time', () => {
    expect(deadline.toISOString()).toBe('2026-12-03T10:00:00.000Z');
    expect(entryStatusText({ status: 'offered', allocation: 'first_come', deadline })).toBe(
      '待确认（截止 12月3日 18:00）',
    );
    expect(entryStatusText({ status: 'pending_payment', allocation: 'lottery', deadline })).toBe(
      '待支付（截止 12月3日 18:00）',
    );
  });

  it('dates a deadline just after China midnight on the China day, not the UTC one', () => {
    const justAfterMidnight = chinaInstant('2026-12-04', '00:30');
    expect(justAfterMidnight.toISOString().slice(0, 10)).toBe('2026-12-03');
    expect(entryStatusText({ status: 'offered', allocation: 'first_come', deadline: justAfterMidnight })).toBe(
      '待确认（截止 12月4日 00:30）',
    );
  });

  it('reads the remaining statuses as labelled', () => {
    const statuses: EntryStatus[] = [
      'awaiting_draw',
      'pending_review',
      'rejected',
      'cancelled',
      'checked_in',
      'completed',
    ];
    expect(statuses.map((status) => entryStatusText({ status, allocation: 'first_come' }))).toEqual([
      '待抽签',
      '待审核',
      '未通过',
      '已取消',
      '已签到',
      '已完成',
    ]);
  });
});

describe('maskedEntrantName', () => {
  it('masks the name as everywhere else and keeps the member number’s last four digits', () => {
    expect(maskedEntrantName('张三', 'GH00012345')).toBe('张*（尾号2345）');
    expect(maskedEntrantName('张三丰', 'GH00012345')).toBe('张*丰（尾号2345）');
    expect(maskedEntrantName('欧阳娜娜', 'GH00000007')).toBe('欧**娜（尾号0007）');
  });
});

describe('course completion', () => {
  it('completes a course when the required number of sessions were attended', () => {
    expect(courseCompleted(6, 8, 6)).toBe(true);
    expect(courseCompleted(5, 8, 6)).toBe(false);
    expect(courseCompleted(8, 8, 8)).toBe(true);
  });

  it('never requires more sessions than the course has, nor fewer than one', () => {
    expect(courseCompleted(6, 6, 8)).toBe(true);
    expect(courseCompleted(0, 4, 0)).toBe(false);
    expect(courseCompleted(1, 4, 0)).toBe(true);
    expect(courseCompleted(0, 0, 0)).toBe(false);
  });

  it('closes entries when the activity ends', () => {
    const course = { kind: 'training', totalSessions: 8, requiredSessions: 6 } as const;
    const match = { kind: 'sports_culture', totalSessions: 1, requiredSessions: 1 } as const;
    expect(closingEvent({ status: 'checked_in', attendedSessions: 6 }, course)).toBe('complete');
    expect(closingEvent({ status: 'checked_in', attendedSessions: 2 }, course)).toBeNull();
    expect(closingEvent({ status: 'checked_in', attendedSessions: 1 }, match)).toBe('complete');
    expect(closingEvent({ status: 'confirmed', attendedSessions: 0 }, match)).toBe('mark_no_show');
    expect(closingEvent({ status: 'waitlisted', attendedSessions: 0 }, match)).toBeNull();
  });
});

describe('team size', () => {
  const group = { teamSizeMin: 3, teamSizeMax: 5 };

  it('accepts a team from its minimum to its maximum', () => {
    expect(teamSizeProblem(group, 3)).toBeNull();
    expect(teamSizeProblem(group, 5)).toBeNull();
  });

  it('says how many are missing or too many', () => {
    expect(teamSizeProblem(group, 2)).toBe('队伍至少需要3人，目前2人');
    expect(teamSizeProblem(group, 6)).toBe('队伍最多5人，目前6人');
  });

  it('has room for one more until the maximum', () => {
    expect(teamHasRoom(group, 4)).toBe(true);
    expect(teamHasRoom(group, 5)).toBe(false);
  });
});

describe('我的活动 tabs', () => {
  it('files every status under exactly one tab, and all of them under 全部', () => {
    const tabs = ENTRY_TABS.map((tab) => tab.key).filter((key) => key !== 'all');
    for (const status of ENTRY_STATUSES) {
      expect(tabs.filter((tab) => statusesInTab(tab).includes(status))).toHaveLength(1);
    }
    expect(statusesInTab('all')).toEqual(ENTRY_STATUSES);
    expect(statusesInTab('waiting')).toEqual(['pending_review', 'awaiting_draw', 'waitlisted']);
  });
});
