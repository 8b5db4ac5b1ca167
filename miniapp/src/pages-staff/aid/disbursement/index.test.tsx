import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it, vi } from 'vitest';
import { completeApplication, PROGRAMME_ID } from '../../../../test/aid-fixtures';
import { apiError } from '../../../../test/fixtures';
import { signInAs, unionStaff } from '../../../../test/staff-fixtures';
import { queryOf } from '../../../../test/station-fixtures';
import { taroTest, type MockResponse } from '../../../../test/taro-mock';
import AidDisbursementPage from './index';

const IDS = ['64b7f0c2a1b2c3d4e5f6e201', '64b7f0c2a1b2c3d4e5f6e202', '64b7f0c2a1b2c3d4e5f6e203'];
const AMOUNTS = [300000, 200050, 500000];

function approved(index: number) {
  return completeApplication({ id: IDS[index]!, status: 'approved', amountFen: AMOUNTS[index]! });
}

const BATCH = {
  id: '64b7f0c2a1b2c3d4e5f6e301',
  programmeId: PROGRAMME_ID,
  paidOn: '2026-10-12',
  reference: 'HZ-20261012-01',
  applicationCount: 2,
  totalFen: 500050,
  createdAt: '2026-10-12T02:00:00.000Z',
};

/** The BFF: three approved applications on two pages, the batch history, and `disburse` as the test decides. */
function serve(disburse: (body: unknown) => MockResponse | Promise<MockResponse>) {
  const queueQueries: Record<string, string>[] = [];
  taroTest.respondWith(({ method, path, query, body }) => {
    if (path === '/api/staff/aid/applications') {
      const q = queryOf(query);
      queueQueries.push(q);
      return q.cursor
        ? { statusCode: 200, data: { items: [approved(2)], nextCursor: null } }
        : { statusCode: 200, data: { items: [approved(0), approved(1)], nextCursor: 'page-2' } };
    }
    if (path === `/api/staff/aid/programmes/${PROGRAMME_ID}/disbursements`)
      return { statusCode: 200, data: { items: [BATCH] } };
    if (method === 'POST' && path === '/api/staff/aid/disbursements') return disburse(body);
    throw new Error(`unexpected ${method} ${path}`);
  });
  return queueQueries;
}

async function openPage() {
  taroTest.setRouterParams({ programmeId: PROGRAMME_ID, name: '2026年金秋助学' });
  render(<AidDisbursementPage />);
  await waitFor(() => expect(screen.getAllByTestId('disburse-item')).toHaveLength(2));
}

describe('助学金发放登记', () => {
  it('lists approved applications page by page and adds up the selected amounts', async () => {
    signInAs(unionStaff());
    const queries = serve(() => ({ statusCode: 500, data: null }));
    await openPage();
    expect(queries[0]).toEqual({ programmeId: PROGRAMME_ID, status: 'approved', limit: '20' });
    expect(screen.getByTestId('disburse-batch').textContent).toContain('HZ-20261012-01');
    expect(screen.getByTestId('disburse-batch').textContent).toContain('¥5,000.50');

    fireEvent.click(screen.getByTestId('disburse-more'));
    await waitFor(() => expect(screen.getAllByTestId('disburse-item')).toHaveLength(3));
    expect(queries[1]).toMatchObject({ cursor: 'page-2', status: 'approved' });

    const [first, second, third] = screen.getAllByTestId('disburse-item');
    fireEvent.click(first!);
    fireEvent.click(third!);
    expect(screen.getByTestId('disburse-total').textContent).toBe('已选 2 人合计 ¥8,000.00');
    fireEvent.click(first!);
    fireEvent.click(second!);
    expect(screen.getByTestId('disburse-total').textContent).toBe('已选 2 人合计 ¥7,000.50');
    fireEvent.click(screen.getByTestId('disburse-select-all'));
    expect(screen.getByTestId('disburse-total').textContent).toBe('已选 3 人合计 ¥10,000.50');
  });

  it('retries after a network failure with the same requestId, and starts a new one for the next batch', async () => {
    signInAs(unionStaff());
    const bodies: Record<string, unknown>[] = [];
    let attempts = 0;
    serve((body) => {
      bodies.push(body as Record<string, unknown>);
      attempts += 1;
      // The first attempt may well have reached the server; the connection dropped before the answer.
      if (attempts === 1) throw new Error('request:fail timeout');
      return { statusCode: 201, data: BATCH };
    });
    await openPage();

    fireEvent.click(screen.getAllByTestId('disburse-item')[0]!);
    fireEvent.click(screen.getAllByTestId('disburse-item')[1]!);
    fireEvent.change(screen.getByTestId('disburse-paid-on-input'), { target: { value: '2026-10-12' } });
    fireEvent.change(screen.getByTestId('disburse-reference'), { target: { value: 'HZ-20261012-01' } });
    fireEvent.click(screen.getByTestId('disburse-submit'));
    await waitFor(() => expect(bodies).toHaveLength(1));
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不可用，请检查网络后重试' })),
    );

    fireEvent.click(screen.getByTestId('disburse-submit'));
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已登记 2 人' })));
    expect(bodies[0]).toMatchObject({
      programmeId: PROGRAMME_ID,
      applicationIds: [IDS[0], IDS[1]],
      paidOn: '2026-10-12',
      reference: 'HZ-20261012-01',
    });
    expect(bodies[0]!.requestId).toMatch(/^[\w-]{8,64}$/);
    expect(bodies[1]).toEqual(bodies[0]);

    // A later batch is a new submission.
    fireEvent.click(screen.getAllByTestId('disburse-item')[0]!);
    fireEvent.change(screen.getByTestId('disburse-reference'), { target: { value: 'HZ-20261012-01' } });
    fireEvent.click(screen.getByTestId('disburse-submit'));
    await waitFor(() => expect(bodies).toHaveLength(3));
    expect(bodies[2]!.requestId).not.toBe(bodies[0]!.requestId);
  });

  it('shows the conflict message when some applications were already paid', async () => {
    signInAs(unionStaff());
    serve(() => ({
      statusCode: 409,
      data: { error: { code: 'conflict', message: '有 1 份申请已发放或状态已变化，请刷新后重新选择' } },
    }));
    await openPage();
    fireEvent.click(screen.getAllByTestId('disburse-item')[0]!);
    fireEvent.change(screen.getByTestId('disburse-reference'), { target: { value: 'HZ-01' } });
    fireEvent.click(screen.getByTestId('disburse-submit'));
    await waitFor(() =>
      expect(screen.getByTestId('disburse-error').textContent).toBe('有 1 份申请已发放或状态已变化，请刷新后重新选择'),
    );
    expect(screen.getByTestId('disburse-total').textContent).toBe('已选 0 人合计 ¥0.00');
  });

  it('saves the transfer list in weapp and opens it as a spreadsheet', async () => {
    process.env.TARO_ENV = 'weapp';
    signInAs(unionStaff());
    const sheet = new Uint8Array([0x50, 0x4b, 0x03, 0x04]).buffer;
    const downloads: { path: string; responseType?: string }[] = [];
    taroTest.respondWith(({ path, responseType }) => {
      if (path.endsWith('/transfer-list')) {
        downloads.push({ path, responseType });
        return { statusCode: 200, data: sheet };
      }
      if (path.endsWith('/disbursements')) return { statusCode: 200, data: { items: [] } };
      return { statusCode: 200, data: { items: [], nextCursor: null } };
    });
    taroTest.setRouterParams({ programmeId: PROGRAMME_ID });
    render(<AidDisbursementPage />);
    await screen.findByTestId('disburse-empty');

    fireEvent.click(screen.getByTestId('disburse-export'));
    await waitFor(() => expect(Taro.openDocument).toHaveBeenCalled());
    expect(downloads).toEqual([
      { path: `/api/staff/aid/programmes/${PROGRAMME_ID}/transfer-list`, responseType: 'arraybuffer' },
    ]);
    const filePath = vi.mocked(Taro.openDocument).mock.calls[0]![0].filePath;
    expect(Taro.openDocument).toHaveBeenCalledWith(expect.objectContaining({ fileType: 'xlsx' }));
    expect(taroTest.files.get(filePath)).toBe(sheet);
  });
});

describe('助学金发放登记 · 无权办理', () => {
  it('shows only the refusal, without a form to fill, when this office does not pay the programme', async () => {
    signInAs(unionStaff());
    taroTest.respondWith(() =>
      apiError(403, 'forbidden', '发放由举办该项目的工会或区/县总工会办理，街道和基层工会可以查看审核和统计'),
    );
    taroTest.setRouterParams({ programmeId: PROGRAMME_ID, name: '2026年金秋助学' });
    render(<AidDisbursementPage />);

    expect((await screen.findByTestId('disburse-error')).textContent).toContain('街道和基层工会可以查看');
    await waitFor(() => expect(screen.queryByTestId('disburse-submit')).toBeNull());
    expect(screen.queryByTestId('disburse-export')).toBeNull();
  });
});
