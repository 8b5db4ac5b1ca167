import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { signInAs, stationKeeper } from '../../../../test/staff-fixtures';
import { STATION_ID } from '../../../../test/station-fixtures';
import { taroTest } from '../../../../test/taro-mock';
import type { StationFeedback } from '../../../services/stations';
import StationFeedbackPage from './index';

const WISH: StationFeedback = {
  id: '64b7f0c2a1b2c3d4e5f6e001',
  stationId: STATION_ID,
  kind: 'wish',
  rating: null,
  comment: '夏天备些藿香正气水',
  authorName: '张*',
  createdAt: '2026-07-14T05:00:00.000Z',
  status: 'open',
  reply: null,
  repliedAt: null,
};

describe('评价与微心愿（驿站）', () => {
  it('replies to a wish and marks it handled', async () => {
    signInAs(stationKeeper());
    const replies: unknown[] = [];
    taroTest.respondWith(({ method, path, body }) => {
      if (method === 'GET' && path === `/api/staff/stations/${STATION_ID}/feedback`) {
        return { statusCode: 200, data: { items: [WISH] } };
      }
      replies.push({ path, body });
      const { reply } = body as { reply: string };
      return { statusCode: 200, data: { ...WISH, status: 'handled', reply, repliedAt: '2026-07-14T06:00:00.000Z' } };
    });
    taroTest.setRouterParams({ id: STATION_ID });
    render(<StationFeedbackPage />);

    const item = await screen.findByTestId('staff-feedback-item');
    expect(item.textContent).toContain('夏天备些藿香正气水');
    expect(within(item).getByTestId('staff-feedback-status').textContent).toBe('待处理');
    fireEvent.change(within(item).getByTestId('staff-feedback-reply-input'), {
      target: { value: '已备好，放在饮水机旁' },
    });
    fireEvent.click(within(item).getByTestId('staff-feedback-reply'));

    await waitFor(() => expect(within(item).getByTestId('staff-feedback-status').textContent).toBe('已处理'));
    expect(within(item).getByTestId('staff-feedback-reply-text').textContent).toBe('回复：已备好，放在饮水机旁');
    expect(replies).toEqual([
      { path: `/api/staff/station-feedback/${WISH.id}/reply`, body: { reply: '已备好，放在饮水机旁', handled: true } },
    ]);
  });
});
