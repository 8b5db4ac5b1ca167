import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { Organization } from '@union/shared';
import { describe, expect, it } from 'vitest';
import { joinApplication, signIn } from '../../../test/fixtures';
import { taroTest } from '../../../test/taro-mock';
import JoinPage from './index';

const CITY: Organization = {
  id: '64b7f0c2a1b2c3d4e5f60001',
  name: '示范市总工会',
  level: 'city',
  kind: 'regional',
  parentId: null,
  acceptsMembers: false,
  childCount: 1,
  acceptingBelow: 1,
};
const COURIER_FEDERATION: Organization = {
  id: '64b7f0c2a1b2c3d4e5f60002',
  name: '示范市快递行业工会联合会',
  level: 'district',
  kind: 'industry',
  parentId: CITY.id,
  acceptsMembers: true,
  childCount: 0,
  acceptingBelow: 0,
};

function serveOrganizationsAndRecordApplications(submitted: unknown[]) {
  taroTest.respondWith(({ method, path, query, body }) => {
    if (path === '/api/organizations') {
      const items = query === '' ? [CITY] : query === `parentId=${CITY.id}` ? [COURIER_FEDERATION] : [];
      return { statusCode: 200, data: { items } };
    }
    if (method === 'POST' && path === '/api/join-applications') {
      submitted.push(body);
      return { statusCode: 200, data: joinApplication() };
    }
    return { statusCode: 404, data: null };
  });
}

async function fillEverythingButTheCharter() {
  fireEvent.click(screen.getByText('选择'));
  fireEvent.click(await screen.findByText('下级'));
  await screen.findByText(COURIER_FEDERATION.name);
  fireEvent.click(screen.getByText('选择'));
  fireEvent.change(screen.getByTestId('join-name'), { target: { value: '王芳' } });
  fireEvent.change(screen.getByTestId('join-id-number'), { target: { value: '11010519491231002X' } });
  fireEvent.change(screen.getByTestId('join-mobile'), { target: { value: '13912345678' } });
  fireEvent.click(screen.getByText('快递员'));
  fireEvent.change(screen.getByTestId('join-employer'), { target: { value: '顺丰速运' } });
}

describe('入会申请', () => {
  it('requires agreeing to the charter before anything is sent', async () => {
    signIn();
    const submitted: unknown[] = [];
    serveOrganizationsAndRecordApplications(submitted);
    render(<JoinPage />);

    await fillEverythingButTheCharter();
    fireEvent.click(screen.getByTestId('join-submit'));

    expect((await screen.findByTestId('charter-agreement-error')).textContent).toBe('请阅读并同意《中国工会章程》');
    expect(submitted).toEqual([]);
  });

  it('submits the application for the organisation picked in the tree once the charter is agreed', async () => {
    signIn();
    const submitted: unknown[] = [];
    serveOrganizationsAndRecordApplications(submitted);
    render(<JoinPage />);

    await fillEverythingButTheCharter();
    fireEvent.click(screen.getByTestId('charter-agreement'));
    fireEvent.click(screen.getByTestId('join-submit'));

    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages-member/join-status/index' }));
    expect(submitted).toEqual([
      {
        orgId: COURIER_FEDERATION.id,
        name: '王芳',
        idNumber: '11010519491231002X',
        mobile: '13912345678',
        occupation: 'courier',
        employer: '顺丰速运',
        agreeToCharter: true,
      },
    ]);
  });

  it('asks for an organisation and an occupation when they are missing', async () => {
    signIn();
    render(<JoinPage />);

    fireEvent.click(screen.getByTestId('join-submit'));

    expect(await screen.findByText('请选择受理入会的工会')).toBeTruthy();
    expect(screen.getByText('请选择职业类别')).toBeTruthy();
    expect(Taro.request).not.toHaveBeenCalled();
  });

  it('only offers 选择 for organisations that accept members', async () => {
    signIn();
    serveOrganizationsAndRecordApplications([]);
    render(<JoinPage />);

    fireEvent.click(screen.getByText('选择'));

    expect(await screen.findByText(CITY.name)).toBeTruthy();
    expect(screen.getByText('下级有 1 个可受理入会的工会')).toBeTruthy();
    // The only 选择 left is gone once the picker is open ("收起" replaced it); the city offers 下级 only.
    expect(screen.queryByText('选择')).toBeNull();
  });
});
