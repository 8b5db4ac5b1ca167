import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { signInAs, unionStaff } from '../../../test/staff-fixtures';
import { taroTest } from '../../../test/taro-mock';
import ActivityEntriesPage from './index';

const ACTIVITY_ID = '64b7f0c2a1b2c3d4e5f6a001';
const ENTRY_ID = '64b7f0c2a1b2c3d4e5f6e001';

const entry = {
  id: ENTRY_ID,
  activityId: ACTIVITY_ID,
  activityTitle: '职工羽毛球赛',
  groupId: 'singles',
  groupName: '男子单打',
  status: 'pending_review',
  statusText: '待审核',
  waitlistPosition: null,
  offeredUntil: null,
  answers: {},
  createdAt: '2026-12-02T02:00:00.000Z',
  memberName: '张*',
  memberNo: 'M0001',
  rejectReason: null,
  onBehalf: false,
};

function serveEntries() {
  const reviews: unknown[] = [];
  taroTest.respondWith(({ method, path, body }) => {
    if (method === 'GET' && path === `/api/staff/activities/${ACTIVITY_ID}/entries`) {
      return { statusCode: 200, data: { items: [entry], nextCursor: null } };
    }
    if (method === 'POST' && path === `/api/staff/activities/${ACTIVITY_ID}/entries/${ENTRY_ID}/review`) {
      reviews.push(body);
      return { statusCode: 200, data: { ...entry, status: 'cancelled' } };
    }
    return { statusCode: 404, data: null };
  });
  return reviews;
}

describe('报名名单审核', () => {
  it('asks for a reason before rejecting, then sends it', async () => {
    signInAs(unionStaff());
    taroTest.setRouterParams({ id: ACTIVITY_ID });
    const reviews = serveEntries();
    render(<ActivityEntriesPage />);

    fireEvent.click(await screen.findByTestId('entry-reject'));
    fireEvent.click(screen.getByTestId('entry-reject-confirm'));
    expect((await screen.findByTestId('entry-reject-reason-error')).textContent).toBe('请说明不通过的原因');
    expect(reviews).toHaveLength(0);

    fireEvent.change(screen.getByTestId('entry-reject-reason'), { target: { value: '不符合年龄要求' } });
    fireEvent.click(screen.getByTestId('entry-reject-confirm'));
    await waitFor(() => expect(reviews).toEqual([{ decision: 'reject', reason: '不符合年龄要求' }]));
  });
});
