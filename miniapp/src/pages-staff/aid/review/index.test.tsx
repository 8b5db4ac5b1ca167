import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, completeApplication } from '../../../../test/aid-fixtures';
import { apiError } from '../../../../test/fixtures';
import { signInAs, unionStaff } from '../../../../test/staff-fixtures';
import { taroTest } from '../../../../test/taro-mock';
import AidReviewPage from './index';

const BASE = `/api/staff/aid/applications/${APPLICATION_ID}`;
const IN_REVIEW = completeApplication({
  status: 'in_review',
  currentStep: 0,
  currentStepLabel: '街道总工会初审',
  child: { ...completeApplication().child, idNumber: '1101**********002X' },
  payment: { ...completeApplication().payment, accountNumber: '6222 **** **** 4567' },
  version: 3,
  reviewerActions: ['approve', 'return', 'reject'],
});
/** The same application once the street approved it: the district's turn, nothing left for this reviewer. */
const AT_DISTRICT = { ...IN_REVIEW, currentStep: 1, currentStepLabel: '区总工会复审', version: 4, reviewerActions: [] };

function openReview() {
  signInAs(unionStaff());
  taroTest.setRouterParams({ id: APPLICATION_ID });
  render(<AidReviewPage />);
}

describe('助学审核 详情', () => {
  it('shows personal numbers masked and reveals one only with a reason', async () => {
    const reveals: unknown[] = [];
    taroTest.respondWith(({ method, path, body }) => {
      if (method === 'POST' && path === `${BASE}/reveal`) {
        reveals.push(body);
        return { statusCode: 200, data: { value: '11010519491231002X' } };
      }
      return { statusCode: 200, data: IN_REVIEW };
    });
    openReview();

    expect((await screen.findByTestId('aid-review-childIdNumber')).textContent).toBe('1101**********002X');
    fireEvent.click(screen.getByTestId('aid-reveal-childIdNumber'));
    fireEvent.click(screen.getByTestId('aid-reveal-confirm-childIdNumber'));
    expect((await screen.findByTestId('aid-reveal-reason-childIdNumber-error')).textContent).toBe('请说明查看原因');
    expect(reveals).toEqual([]);

    fireEvent.change(screen.getByTestId('aid-reveal-reason-childIdNumber'), { target: { value: '核对户籍证明' } });
    fireEvent.click(screen.getByTestId('aid-reveal-confirm-childIdNumber'));

    await waitFor(() => expect(screen.getByTestId('aid-review-childIdNumber').textContent).toBe('11010519491231002X'));
    expect(reveals).toEqual([{ field: 'childIdNumber', reason: '核对户籍证明' }]);
  });

  it('approves with the version it showed, then shows the next step without decision buttons', async () => {
    const decisions: unknown[] = [];
    taroTest.respondWith(({ method, path, body }) => {
      if (method === 'POST' && path === `${BASE}/decision`) {
        decisions.push(body);
        return { statusCode: 200, data: AT_DISTRICT };
      }
      return { statusCode: 200, data: IN_REVIEW };
    });
    openReview();

    fireEvent.change(await screen.findByTestId('aid-decision-note'), { target: { value: '材料齐全' } });
    fireEvent.click(screen.getByTestId('aid-approve'));

    await waitFor(() => expect(decisions).toEqual([{ action: 'approve', note: '材料齐全', version: 3 }]));
    await waitFor(() => expect(screen.queryByTestId('aid-decision')).toBeNull());
    expect(screen.getByText('区总工会复审')).toBeTruthy();
    expect(screen.getByTestId('aid-review-readonly').textContent).toContain('区总工会复审');
  });

  it('starts the next decision with an empty note and only the actions still open', async () => {
    taroTest.respondWith(({ method }) =>
      method === 'POST'
        ? {
            statusCode: 200,
            data: { ...IN_REVIEW, status: 'in_notice', currentStep: null, version: 4, reviewerActions: ['reject'] },
          }
        : { statusCode: 200, data: IN_REVIEW },
    );
    openReview();

    fireEvent.change(await screen.findByTestId('aid-decision-note'), { target: { value: '同意资助' } });
    fireEvent.click(screen.getByTestId('aid-approve'));

    await waitFor(() => expect(screen.queryByTestId('aid-approve')).toBeNull());
    expect(screen.queryByTestId('aid-return')).toBeNull();
    expect(screen.getByTestId('aid-reject')).toBeTruthy();
    expect((screen.getByTestId('aid-decision-note') as HTMLTextAreaElement).value).toBe('');
  });

  it('shows a reviewer whose step has passed the application read-only', async () => {
    taroTest.respondWith(() => ({ statusCode: 200, data: AT_DISTRICT }));
    openReview();

    expect((await screen.findByTestId('aid-review-readonly')).textContent).toBe(
      '当前环节：区总工会复审，不由您这一级决定，您可以查看',
    );
    expect(screen.queryByTestId('aid-decision')).toBeNull();
  });

  it('on 403 (the step moved on meanwhile) says so where the buttons were and shows the state as it is now', async () => {
    let moved = false;
    taroTest.respondWith(({ method }) => {
      if (method === 'GET') return { statusCode: 200, data: moved ? AT_DISTRICT : IN_REVIEW };
      moved = true;
      return apiError(403, 'forbidden', '当前为“区总工会复审”，应由西湖区总工会审核，您只能查看');
    });
    openReview();

    fireEvent.click(await screen.findByTestId('aid-approve'));

    expect((await screen.findByTestId('aid-review-notice')).textContent).toBe(
      '当前为“区总工会复审”，应由西湖区总工会审核，您只能查看',
    );
    await waitFor(() => expect(screen.queryByTestId('aid-decision')).toBeNull());
    expect(screen.getByText('区总工会复审')).toBeTruthy();
  });

  it('requires a note to return or reject', async () => {
    taroTest.respondWith(() => ({ statusCode: 200, data: IN_REVIEW }));
    openReview();

    fireEvent.click(await screen.findByTestId('aid-return'));

    expect((await screen.findByTestId('aid-decision-note-error')).textContent).toBe(
      '退回补充材料或不予资助时，请写明原因',
    );
    expect(Taro.request).toHaveBeenCalledTimes(1);
  });

  it('on 409 shows the message and reloads the current state', async () => {
    let decidedElsewhere = false;
    const decisions: unknown[] = [];
    taroTest.respondWith(({ method, body }) => {
      if (method === 'GET') {
        return {
          statusCode: 200,
          data: decidedElsewhere
            ? {
                ...IN_REVIEW,
                status: 'returned',
                version: 4,
                reviewerActions: [],
                timeline: [
                  ...IN_REVIEW.timeline,
                  {
                    at: '2026-07-05T06:30:00.000Z',
                    action: 'returned',
                    actor: '西溪街道总工会 审核人员',
                    step: 0,
                    note: '请补充低保证明',
                  },
                ],
              }
            : IN_REVIEW,
        };
      }
      decisions.push(body);
      decidedElsewhere = true;
      return apiError(409, 'version_conflict', '该申请已被其他审核人员处理，请查看最新状态');
    });
    openReview();

    fireEvent.change(await screen.findByTestId('aid-decision-note'), { target: { value: '材料齐全，同意' } });
    fireEvent.click(screen.getByTestId('aid-reject'));

    await waitFor(() => expect(screen.getByTestId('aid-review-status').textContent).toBe('退回补充'));
    expect(decisions).toEqual([{ action: 'reject', note: '材料齐全，同意', version: 3 }]);
    expect(Taro.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '该申请已被其他审核人员处理，请查看最新状态' }),
    );
    expect(screen.getByText('请补充低保证明')).toBeTruthy();
    expect(screen.queryByTestId('aid-decision')).toBeNull();
    expect(screen.getByTestId('aid-review-notice').textContent).toBe('该申请已被其他审核人员处理，请查看最新状态');
  });
});
