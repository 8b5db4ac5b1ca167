import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PROGRAMME_ID } from '../../../../test/aid-fixtures';
import { signInAs, unionStaff } from '../../../../test/staff-fixtures';
import { taroTest } from '../../../../test/taro-mock';
import AidStatsPage from './index';

describe('助学项目统计', () => {
  it('shows counts with Chinese labels, the amounts in yuan and the average days of each review step', async () => {
    signInAs(unionStaff());
    const paths: string[] = [];
    taroTest.respondWith(({ path }) => {
      paths.push(path);
      return {
        statusCode: 200,
        data: {
          byStatus: { in_review: 4, approved: 3, disbursed: 2, rejected: 1 },
          byEducationLevel: { undergraduate: 7, junior_college: 3 },
          byHardshipCategory: { low_income: 5, single_parent: 2, none: 3 },
          approvedFen: 1500050,
          disbursedFen: 600000,
          averageDaysPerStep: [
            { step: 0, level: 'street', days: 2.25 },
            { step: 1, level: 'district', days: null },
          ],
        },
      };
    });
    taroTest.setRouterParams({ programmeId: PROGRAMME_ID, name: '2026年金秋助学' });
    render(<AidStatsPage />);

    await waitFor(() => expect(screen.getAllByTestId('aid-stats-step')).toHaveLength(2));
    expect(paths).toEqual([`/api/staff/aid/programmes/${PROGRAMME_ID}/stats`]);
    expect(screen.getByTestId('aid-stats-approved').textContent).toBe('已批准¥15,000.50');
    expect(screen.getByTestId('aid-stats-disbursed').textContent).toBe('已发放¥6,000.00');
    const texts = (testId: string) => screen.getAllByTestId(testId).map((row) => row.textContent);
    // In the order an application moves through, whatever order the server sent.
    expect(texts('aid-stats-status-row')).toEqual(['审核中4', '未获资助1', '已批准3', '已发放2']);
    expect(texts('aid-stats-level-row')).toEqual(['本科7', '专科/高职3']);
    expect(texts('aid-stats-hardship-row')).toEqual(['低保/低收入家庭5', '单亲家庭2', '无以上情况3']);
    expect(screen.getByTestId('aid-stats-status').textContent).toContain('共 10 份');
    expect(texts('aid-stats-step')).toEqual([
      '第 1 级 · 街道（乡镇）总工会审核2.3 天',
      '第 2 级 · 区/县总工会审核暂无',
    ]);
  });
});
