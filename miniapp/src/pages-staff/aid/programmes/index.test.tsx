import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it } from 'vitest';
import { aidProgramme, PROGRAMME_ID } from '../../../../test/aid-fixtures';
import { readableLines } from '../../../../test/readable-lines';
import { signInAs, STREET_ORG, unionStaff } from '../../../../test/staff-fixtures';
import { taroTest } from '../../../../test/taro-mock';
import AidProgrammesPage from './index';

describe('助学项目', () => {
  it('lists the programmes in scope and opens disbursement, statistics and the new-programme form', async () => {
    signInAs(unionStaff());
    taroTest.respondWith(() => ({ statusCode: 200, data: { items: [{ ...aidProgramme(), mayDisburse: true }] } }));
    render(<AidProgrammesPage />);

    const card = await screen.findByTestId('aid-programme');
    const lines = readableLines(card);
    // Dates, tiers and the review chain each on a line of their own, never run together.
    expect(lines).toContain('资助：本科 ¥3,000.00，专科/高职 ¥2,000.00');
    expect(lines).toContain('审核：街道 → 区/县总 → 公示 5 天');
    expect(lines.find((line) => line.includes(' 至 '))).toMatch(/^\S+ · \d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}$/);

    fireEvent.click(screen.getByTestId('aid-programme-disburse'));
    const name = encodeURIComponent('2026年金秋助学');
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: `/pages-staff/aid/disbursement/index?programmeId=${PROGRAMME_ID}&name=${name}`,
    });
    fireEvent.click(screen.getByTestId('aid-programme-stats'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: `/pages-staff/aid/stats/index?programmeId=${PROGRAMME_ID}&name=${name}`,
    });
    fireEvent.click(screen.getByTestId('aid-programme-new'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages-staff/aid/programme-edit/index' });
  });

  it('offers 发放登记 only on programmes this reviewer pays out, statistics on all', async () => {
    signInAs(unionStaff());
    taroTest.respondWith(() => ({ statusCode: 200, data: { items: [{ ...aidProgramme(), mayDisburse: false }] } }));
    render(<AidProgrammesPage />);

    await screen.findByTestId('aid-programme');
    expect(screen.queryByTestId('aid-programme-disburse')).toBeNull();
    expect(screen.getByTestId('aid-programme-stats')).toBeTruthy();
  });

  it('offers 设立助学项目 only to city and district offices, who may run a programme', async () => {
    signInAs(unionStaff([STREET_ORG]));
    taroTest.respondWith(() => ({ statusCode: 200, data: { items: [{ ...aidProgramme(), mayDisburse: false }] } }));
    render(<AidProgrammesPage />);

    await screen.findByTestId('aid-programme');
    expect(screen.queryByTestId('aid-programme-new')).toBeNull();
  });
});
