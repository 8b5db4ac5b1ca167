import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it } from 'vitest';
import { aidApplication, aidProgramme, APPLICATION_ID, PROGRAMME_ID } from '../../../test/aid-fixtures';
import { signIn } from '../../../test/fixtures';
import { taroTest } from '../../../test/taro-mock';
import AidProgrammePage from './index';

function serve(eligibility: unknown, mine: unknown[] = []) {
  const posted: unknown[] = [];
  taroTest.respondWith(({ method, path, body }) => {
    if (path === '/api/aid/programmes') return { statusCode: 200, data: { items: [aidProgramme()] } };
    if (path === '/api/aid/applications/mine') return { statusCode: 200, data: { items: mine } };
    if (path === `/api/aid/programmes/${PROGRAMME_ID}/eligibility`) return { statusCode: 200, data: eligibility };
    if (method === 'POST' && path === '/api/aid/applications') {
      posted.push(body);
      return { statusCode: 201, data: aidApplication() };
    }
    return { statusCode: 404, data: null };
  });
  return posted;
}

describe('金秋助学 项目', () => {
  it('shows the tiers in yuan, the window and what to prepare', async () => {
    signIn();
    serve({ eligible: true, reasons: [] });
    render(<AidProgrammePage />);

    const tiers = await screen.findAllByTestId('aid-tier');
    expect(tiers.map((tier) => tier.textContent)).toEqual(['本科¥3,000.00', '专科/高职¥2,000.00']);
    expect(screen.getByText('2026-07-01 至 2026-09-30')).toBeTruthy();
    expect(screen.getByText('录取通知书、家庭困难证明')).toBeTruthy();
  });

  it('lists every reason when the member may not apply, and does not let them start', async () => {
    signIn();
    serve({
      eligible: false,
      reasons: [
        { code: 'membership_too_short', message: '入会满 12 个月方可申请，您目前入会 7 个月' },
        { code: 'not_active', message: '会籍状态不是正常，暂不能申请' },
      ],
    });
    render(<AidProgrammePage />);

    const reasons = await screen.findAllByTestId('aid-ineligible-reason');
    expect(reasons.map((reason) => reason.textContent)).toEqual([
      '入会满 12 个月方可申请，您目前入会 7 个月',
      '会籍状态不是正常，暂不能申请',
    ]);
    expect((screen.getByTestId('aid-start') as HTMLButtonElement).disabled).toBe(true);
  });

  it('starts an application and opens the form', async () => {
    signIn();
    const posted = serve({ eligible: true, reasons: [] });
    render(<AidProgrammePage />);

    await screen.findByTestId('aid-eligible');
    fireEvent.click(screen.getByTestId('aid-start'));

    await waitFor(() =>
      expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages-aid/form/index?id=${APPLICATION_ID}` }),
    );
    expect(posted).toEqual([{ programmeId: PROGRAMME_ID }]);
  });

  it('offers to continue an existing draft instead of starting another', async () => {
    signIn();
    serve({ eligible: true, reasons: [] }, [aidApplication()]);
    render(<AidProgrammePage />);

    fireEvent.click(await screen.findByTestId('aid-open-existing'));

    expect(screen.queryByTestId('aid-start')).toBeNull();
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages-aid/form/index?id=${APPLICATION_ID}` });
  });
});
