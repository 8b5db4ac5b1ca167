import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_ID, activityGroup, staffActivity, staffEntry } from '../../../test/activity-admin-fixtures';
import { apiError } from '../../../test/fixtures';
import { signInAs, unionStaff } from '../../../test/staff-fixtures';
import { taroTest, type MockResponse } from '../../../test/taro-mock';
import ActivityOnBehalfPage from './index';

const ON_BEHALF = `/api/staff/activities/${ACTIVITY_ID}/entries/on-behalf`;

const activity = staffActivity({
  groups: [activityGroup(), activityGroup({ id: 'team', name: '团体赛', team: { min: 3, max: 5 } })],
  questions: [{ id: 'size', type: 'single_choice', title: '衣服尺码', required: true, options: ['M', 'L'] }],
});

function serve(answer: () => MockResponse) {
  const sent: unknown[] = [];
  taroTest.respondWith(({ method, path, body }) => {
    if (method === 'GET') return { statusCode: 200, data: activity };
    if (path === ON_BEHALF) sent.push(body);
    return answer();
  });
  return sent;
}

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

async function open() {
  signInAs(unionStaff());
  taroTest.setRouterParams({ id: ACTIVITY_ID });
  render(<ActivityOnBehalfPage />);
  await screen.findByTestId('on-behalf-submit');
}

describe('代报名', () => {
  it('checks name, ID number and the questions before sending, and leaves team groups out', async () => {
    const sent = serve(() => ({ statusCode: 200, data: staffEntry() }));
    await open();

    expect(screen.queryByTestId('on-behalf-group-team')).toBeNull();
    type('on-behalf-id-number', '33010619900101123');
    fireEvent.click(screen.getByTestId('on-behalf-submit'));

    expect(screen.getByTestId('on-behalf-name-error').textContent).toBe('请填写姓名');
    expect(screen.getByTestId('on-behalf-id-number-error').textContent).toBe('身份证号格式不正确');
    expect(screen.getByTestId('on-behalf-error-size').textContent).toBe('请选择“衣服尺码”');
    expect(sent).toHaveLength(0);
  });

  it('sends the member as the roster knows them, then returns to the list', async () => {
    const sent = serve(() => ({ statusCode: 200, data: staffEntry({ onBehalf: true, statusText: '已报名' }) }));
    await open();

    type('on-behalf-name', '张三');
    type('on-behalf-id-number', '33010619900101123x');
    fireEvent.click(screen.getByTestId('on-behalf-answer-size-L'));
    fireEvent.click(screen.getByTestId('on-behalf-submit'));

    await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled());
    expect(sent).toEqual([
      {
        name: '张三',
        idNumber: '33010619900101123X',
        groupId: 'singles',
        requestId: expect.stringMatching(/^onbehalf-/),
        answers: { size: 'L' },
      },
    ]);
  });

  it('shows a roster mismatch at the name and ID number and stays on the form', async () => {
    serve(() =>
      apiError(400, 'validation_failed', '请检查填写的信息', [
        { path: 'name', message: '姓名与身份证号不匹配' },
        { path: 'idNumber', message: '姓名与身份证号不匹配' },
      ]),
    );
    await open();

    type('on-behalf-name', '李四');
    type('on-behalf-id-number', '330106199001011234');
    fireEvent.click(screen.getByTestId('on-behalf-answer-size-M'));
    fireEvent.click(screen.getByTestId('on-behalf-submit'));

    expect((await screen.findByTestId('on-behalf-name-error')).textContent).toBe('姓名与身份证号不匹配');
    expect(screen.getByTestId('on-behalf-id-number-error').textContent).toBe('姓名与身份证号不匹配');
    expect(Taro.navigateBack).not.toHaveBeenCalled();
  });

  it('shows why a paid activity cannot be signed up on behalf and stays on the form', async () => {
    serve(() => apiError(409, 'paid_activity', '付费活动需会员本人报名并缴费'));
    await open();

    type('on-behalf-name', '张三');
    type('on-behalf-id-number', '33010619900101123x');
    fireEvent.click(screen.getByTestId('on-behalf-answer-size-L'));
    fireEvent.click(screen.getByTestId('on-behalf-submit'));

    expect((await screen.findByTestId('on-behalf-notice')).textContent).toBe('付费活动需会员本人报名并缴费');
    expect(Taro.navigateBack).not.toHaveBeenCalled();
  });
});
