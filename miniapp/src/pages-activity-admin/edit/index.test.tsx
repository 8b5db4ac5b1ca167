import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ActivityInput } from '@union/shared';
import Taro from '@tarojs/taro';
import { describe, expect, it, vi } from 'vitest';
import { ACTIVITY_ID, staffActivity } from '../../../test/activity-admin-fixtures';
import { apiError } from '../../../test/fixtures';
import { DISTRICT_ORG, signInAs, unionStaff } from '../../../test/staff-fixtures';
import { taroTest } from '../../../test/taro-mock';
import ActivityEditPage from './index';

function serveEditor(answer?: () => { statusCode: number; data: unknown }) {
  const saved: { method: string; path: string; body: ActivityInput }[] = [];
  taroTest.respondWith(({ method, path, body }) => {
    saved.push({ method, path, body: body as ActivityInput });
    return answer?.() ?? { statusCode: 200, data: {} };
  });
  return saved;
}

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

function fillRequiredFields() {
  type('activity-title', '职工羽毛球赛');
  type('activity-venue-name', '区体育馆');
  type('activity-venue-address', '西湖区文三路 100 号');
  type('activity-venue-lat', '30.2799');
  type('activity-venue-lng', '120.1420');
  type('activity-session-0-date', '2026-12-20');
  type('activity-group-0-name', '男子单打');
  type('activity-group-0-capacity', '32');
  type('activity-opens-at', '2026-12-01 09:00');
  type('activity-closes-at', '2026-12-10 18:00');
  type('activity-cancel-deadline', '2026-12-12 18:00');
}

describe('活动编辑', () => {
  it('sends fen, China-time instants and every session added', async () => {
    signInAs(unionStaff());
    const saved = serveEditor();
    render(<ActivityEditPage />);

    fillRequiredFields();
    fireEvent.click(screen.getByTestId('activity-session-add'));
    type('activity-session-1-date', '2026-12-21');
    type('activity-session-1-start', '14:00');
    type('activity-session-1-end', '16:30');
    fireEvent.click(screen.getByTestId('activity-group-0-allocation-lottery'));
    type('activity-price', '58.5');
    type('activity-subsidy', '30');
    fireEvent.click(screen.getByTestId('activity-question-add'));
    type('activity-question-0-title', '衣服尺码');
    fireEvent.click(screen.getByTestId('activity-question-0-kind-single_choice'));
    type('activity-question-0-options', 'M\nL\nXL');
    fireEvent.click(screen.getByTestId('activity-save'));

    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.method).toBe('POST');
    expect(saved[0]?.path).toBe('/api/staff/activities');
    expect(saved[0]?.body).toMatchObject({
      title: '职工羽毛球赛',
      orgId: DISTRICT_ORG.id,
      venue: { kind: 'place', name: '区体育馆', location: { lat: 30.2799, lng: 120.142 } },
      sessions: [
        { date: '2026-12-20', start: '09:00', end: '11:00' },
        { date: '2026-12-21', start: '14:00', end: '16:30' },
      ],
      groups: [{ name: '男子单打', capacity: 32, allocation: 'lottery', team: null }],
      fee: { priceFen: 5850, subsidyFen: 3000 },
      questions: [{ type: 'single_choice', title: '衣服尺码', options: ['M', 'L', 'XL'], required: true }],
      // 09:00 in Beijing is 01:00 UTC.
      signUpOpensAt: '2026-12-01T01:00:00.000Z',
      signUpClosesAt: '2026-12-10T10:00:00.000Z',
    });
  });

  it('shows errors at their fields and sends nothing while the form is wrong', async () => {
    signInAs(unionStaff());
    const saved = serveEditor();
    render(<ActivityEditPage />);

    fillRequiredFields();
    type('activity-session-0-end', '08:00');
    type('activity-price', '10');
    type('activity-subsidy', '20');
    type('activity-closes-at', '2026-11-30 09:00');
    fireEvent.click(screen.getByTestId('activity-save'));

    expect((await screen.findByTestId('activity-session-0-end-error')).textContent).toBe('结束时间应晚于开始时间');
    expect(screen.getByTestId('activity-subsidy-error').textContent).toBe('工会补贴不能超过费用');
    expect(screen.getByTestId('activity-closes-at-error').textContent).toBe('报名截止时间应晚于开始时间');
    expect(saved).toHaveLength(0);
  });

  it('puts the BFF 422 details at their fields', async () => {
    signInAs(unionStaff());
    serveEditor(() =>
      apiError(422, 'validation_failed', '请检查填写', [
        { path: 'body.groups.0.capacity', message: '名额不能少于已报名人数' },
      ]),
    );
    render(<ActivityEditPage />);

    fillRequiredFields();
    fireEvent.click(screen.getByTestId('activity-save'));

    expect((await screen.findByTestId('activity-group-0-capacity-error')).textContent).toBe('名额不能少于已报名人数');
  });

  it('uploads the chosen poster as raw bytes in weapp and shows it', async () => {
    process.env.TARO_ENV = 'weapp';
    signInAs(unionStaff());
    taroTest.setRouterParams({ id: ACTIVITY_ID });
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]).buffer;
    taroTest.files.set('wxfile://tmp/poster.jpg', bytes);
    vi.mocked(Taro.chooseImage).mockResolvedValue({
      tempFilePaths: ['wxfile://tmp/poster.jpg'],
      tempFiles: [{ path: 'wxfile://tmp/poster.jpg', size: 4 }],
    } as unknown as Awaited<ReturnType<typeof Taro.chooseImage>>);
    const uploads: { body: unknown; contentType?: string }[] = [];
    const posterUrl = `/api/activities/${ACTIVITY_ID}/poster?v=1`;
    taroTest.respondWith(({ method, path, body, contentType }) => {
      if (method === 'PUT' && path === `/api/staff/activities/${ACTIVITY_ID}/poster`) {
        uploads.push({ body, contentType });
        return { statusCode: 200, data: { posterUrl } };
      }
      return { statusCode: 200, data: staffActivity() };
    });
    render(<ActivityEditPage />);

    fireEvent.click(await screen.findByTestId('activity-poster-upload'));
    await waitFor(() => expect(screen.getByTestId('activity-poster-image').getAttribute('src')).toContain(posterUrl));
    expect(uploads).toEqual([{ body: bytes, contentType: 'image/jpeg' }]);
  });
});
