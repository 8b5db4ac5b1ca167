import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it } from 'vitest';
import { apiError, joinApplication, signIn } from '../../../../test/fixtures';
import { taroTest } from '../../../../test/taro-mock';
import ReviewDetailPage from './index';

const PENDING = joinApplication();
const DETAIL_PATH = `/api/staff/join-applications/${PENDING.id}`;

describe('审核入会申请', () => {
  it('approves after confirmation and shows the new member number', async () => {
    signIn();
    taroTest.setRouterParams({ id: PENDING.id });
    taroTest.respondWith(({ method, path }) => {
      if (method === 'GET' && path === DETAIL_PATH) return { statusCode: 200, data: PENDING };
      if (method === 'POST' && path === `${DETAIL_PATH}/approve`) {
        return {
          statusCode: 200,
          data: { ...PENDING, status: 'approved', memberNo: 'M2026000999', decidedAt: '2026-03-02T02:00:00.000Z' },
        };
      }
      return { statusCode: 404, data: null };
    });
    render(<ReviewDetailPage />);

    fireEvent.click(await screen.findByTestId('approve'));

    await waitFor(() => expect(screen.getByTestId('review-status').textContent).toBe('已批准'));
    expect(screen.getByText('M2026000999')).toBeTruthy();
    expect(screen.queryByTestId('approve')).toBeNull();
  });

  it('requires a reason to reject', async () => {
    signIn();
    taroTest.setRouterParams({ id: PENDING.id });
    taroTest.respondWith(() => ({ statusCode: 200, data: PENDING }));
    render(<ReviewDetailPage />);

    fireEvent.click(await screen.findByTestId('reject-submit'));

    expect(await screen.findByText('请填写不予批准的原因')).toBeTruthy();
    expect(Taro.request).toHaveBeenCalledTimes(1);
  });

  it('on 409 shows that someone else decided and reloads the application', async () => {
    signIn();
    taroTest.setRouterParams({ id: PENDING.id });
    let decidedElsewhere = false;
    taroTest.respondWith(({ method }) => {
      if (method === 'GET')
        return {
          statusCode: 200,
          data: decidedElsewhere ? { ...PENDING, status: 'rejected', rejectReason: '材料不全' } : PENDING,
        };
      decidedElsewhere = true;
      return apiError(
        409,
        'application_already_decided',
        '该申请已被处理（可能是其他工作人员刚刚处理），请刷新后查看最新状态',
      );
    });
    render(<ReviewDetailPage />);

    fireEvent.change(await screen.findByTestId('reject-reason'), { target: { value: '不在本工会管辖范围' } });
    fireEvent.click(screen.getByTestId('reject-submit'));

    await waitFor(() => expect(screen.getByTestId('review-status').textContent).toBe('未通过'));
    expect(Taro.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '该申请已被处理（可能是其他工作人员刚刚处理），请刷新后查看最新状态' }),
    );
    expect(screen.getByText('材料不全')).toBeTruthy();
  });
});
