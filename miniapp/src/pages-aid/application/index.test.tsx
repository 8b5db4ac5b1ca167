import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it, vi } from 'vitest';
import { LARGE_TEXT_KEY } from '../../hooks/use-large-text';
import { APPLICATION_ID, completeApplication } from '../../../test/aid-fixtures';
import { signIn } from '../../../test/fixtures';
import { taroTest } from '../../../test/taro-mock';
import AidApplicationPage from './index';

const BASE = `/api/aid/applications/${APPLICATION_ID}`;

const RETURNED = completeApplication({
  status: 'returned',
  currentStep: 0,
  currentStepLabel: '街道总工会初审',
  timeline: [
    { at: '2026-07-02T02:00:00.000Z', action: 'created', actor: '申请人', step: null, note: null },
    { at: '2026-07-03T02:00:00.000Z', action: 'submitted', actor: '申请人', step: 0, note: null },
    {
      at: '2026-07-05T06:30:00.000Z',
      action: 'returned',
      actor: '西溪街道总工会 审核人员',
      step: 0,
      note: '录取通知书照片不清晰，请重新拍摄',
    },
  ],
});

function show(application = RETURNED) {
  const calls: string[] = [];
  taroTest.respondWith(({ method, path }) => {
    calls.push(`${method} ${path}`);
    if (method === 'POST' && path === `${BASE}/withdraw`)
      return { statusCode: 200, data: { ...application, status: 'withdrawn' } };
    if (method === 'GET' && path.startsWith('/api/aid/documents/'))
      return {
        statusCode: 200,
        data: { url: '/api/aid/files?token=signed-token-123', expiresAt: '2026-07-02T03:05:00.000Z' },
      };
    return { statusCode: 200, data: application };
  });
  taroTest.setRouterParams({ id: APPLICATION_ID });
  render(<AidApplicationPage />);
  return calls;
}

describe('助学申请详情', () => {
  it('shows the timeline with reviewers by office and role, newest first', async () => {
    signIn();
    show();

    const actors = await screen.findAllByTestId('aid-timeline-actor');
    expect(actors.map((actor) => actor.textContent)).toEqual(['西溪街道总工会 审核人员', '申请人', '申请人']);
    expect(screen.getByTestId('aid-timeline-note').textContent).toBe('录取通知书照片不清晰，请重新拍摄');
    expect(screen.getByTestId('aid-application-status').textContent).toBe('退回补充');
  });

  it('says what is needed after a return and reopens the form', async () => {
    signIn();
    show();

    expect((await screen.findByTestId('aid-return-note')).textContent).toBe('录取通知书照片不清晰，请重新拍摄');
    fireEvent.click(screen.getByTestId('aid-resubmit'));

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages-aid/form/index?id=${APPLICATION_ID}` });
  });

  it('shows the amount and payment date once paid, with nothing left to withdraw', async () => {
    signIn();
    show(
      completeApplication({
        status: 'disbursed',
        amountFen: 300000,
        disbursement: { paidOn: '2026-09-20', reference: 'PC2026-01' },
      }),
    );

    expect((await screen.findByTestId('aid-amount')).textContent).toBe('¥3,000.00');
    expect(screen.getByTestId('aid-paid-on').textContent).toBe('2026-09-20');
    expect(screen.queryByTestId('aid-withdraw')).toBeNull();
  });

  it('withdraws only after the member confirms', async () => {
    signIn();
    vi.mocked(Taro.showModal).mockResolvedValueOnce({ confirm: false, cancel: true } as Awaited<
      ReturnType<typeof Taro.showModal>
    >);
    const calls = show(completeApplication({ status: 'in_review', currentStepLabel: '街道总工会初审' }));

    fireEvent.click(await screen.findByTestId('aid-withdraw'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(1));
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回申请' }));
    expect(calls).not.toContain(`POST ${BASE}/withdraw`);

    fireEvent.click(screen.getByTestId('aid-withdraw'));

    await waitFor(() => expect(screen.getByTestId('aid-application-status').textContent).toBe('已撤回'));
    expect(calls).toContain(`POST ${BASE}/withdraw`);
  });

  it('lists the documents the member sent, each opened through a fresh signed link', async () => {
    signIn();
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const documents = [
      ...completeApplication().documents,
      {
        id: '64b7f0c2a1b2c3d4e5f6f002',
        kind: 'household_proof' as const,
        contentType: 'application/pdf',
        size: 3 * 1024 * 1024,
        uploadedAt: '2026-07-02T03:10:00.000Z',
      },
      {
        id: '64b7f0c2a1b2c3d4e5f6f003',
        kind: 'household_proof' as const,
        contentType: 'image/png',
        size: 512,
        uploadedAt: '2026-07-02T03:20:00.000Z',
      },
    ];
    const calls = show(completeApplication({ status: 'in_review', documents }));

    const names = await screen.findAllByTestId('aid-application-document-name');
    expect(names.map((name) => name.textContent)).toEqual(['录取通知书', '家庭困难证明（1）', '家庭困难证明（2）']);
    const meta = screen.getAllByTestId('aid-application-document-meta').map((line) => line.textContent);
    expect(meta[0]).toMatch(/^图片 · 200 KB · /);
    expect(meta[1]).toMatch(/^PDF · 3\.0 MB · /);
    expect(meta[2]).toMatch(/^图片 · 1 KB · /);

    fireEvent.click(screen.getAllByTestId('aid-application-document-open')[1]!);
    await waitFor(() =>
      expect(open).toHaveBeenCalledWith('/api/aid/files?token=signed-token-123', '_blank', 'noopener'),
    );
    expect(calls).toContain('GET /api/aid/documents/64b7f0c2a1b2c3d4e5f6f002/link');
  });

  it('says so when nothing has been uploaded yet', async () => {
    signIn();
    show(completeApplication({ status: 'draft', documents: [] }));

    expect((await screen.findByTestId('aid-application-documents')).textContent).toContain('尚未上传材料');
  });

  it('is in large text when the member turned on 大字模式', async () => {
    signIn();
    Taro.setStorageSync(LARGE_TEXT_KEY, true);
    show();

    expect((await screen.findByTestId('aid-application-page')).className).toContain('large-text');
  });
});
