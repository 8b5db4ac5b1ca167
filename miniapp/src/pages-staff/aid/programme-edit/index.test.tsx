import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it } from 'vitest';
import { DISTRICT_ORG, signInAs, unionStaff } from '../../../../test/staff-fixtures';
import { taroTest } from '../../../../test/taro-mock';
import AidProgrammeEditPage from './index';

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

describe('设立助学项目', () => {
  it('sends amounts in fen and shows the field error the server answers', async () => {
    signInAs(unionStaff());
    const bodies: unknown[] = [];
    taroTest.respondWith(({ method, path, body }) => {
      expect(`${method} ${path}`).toBe('POST /api/staff/aid/programmes');
      bodies.push(body);
      return {
        statusCode: 400,
        data: {
          error: {
            code: 'validation_failed',
            message: '请检查填写的内容',
            details: [{ path: 'body.orgId', message: '只有市总工会或区/县总工会可以设立助学项目' }],
          },
        },
      };
    });
    render(<AidProgrammeEditPage />);

    type('programme-name', '2026年西湖区金秋助学');
    type('programme-year', '2026');
    type('programme-apply-from-input', '2026-07-01');
    type('programme-apply-to-input', '2026-09-30');
    type('programme-tier-undergraduate', '3000.50');
    type('programme-tier-junior_college', '2,000');
    type('programme-admission-year', '2026');
    fireEvent.click(screen.getByTestId('programme-hardship-low_income'));
    fireEvent.click(screen.getByTestId('programme-hardship-single_parent'));
    type('programme-income-ceiling', '1200.5');
    fireEvent.click(screen.getByTestId('programme-chain-3'));
    type('programme-notice-days', '7');
    fireEvent.click(screen.getByTestId('programme-save'));

    expect((await screen.findByTestId('programme-org-error')).textContent).toContain(
      '只有市总工会或区/县总工会可以设立助学项目',
    );
    expect(bodies).toEqual([
      {
        name: '2026年西湖区金秋助学',
        year: 2026,
        orgId: DISTRICT_ORG.id,
        applyFrom: '2026-07-01',
        applyTo: '2026-09-30',
        tiers: [
          { educationLevel: 'undergraduate', amountFen: 300050 },
          { educationLevel: 'junior_college', amountFen: 200000 },
        ],
        eligibility: {
          minMembershipMonths: 12,
          admissionYear: 2026,
          hardshipCategories: ['low_income', 'single_parent'],
          perCapitaMonthlyIncomeCeilingFen: 120050,
        },
        requiredDocuments: ['admission_letter', 'household_proof', 'child_id'],
        reviewChain: ['grassroots', 'district', 'city'],
        noticeDays: 7,
      },
    ]);
    expect(Taro.navigateBack).not.toHaveBeenCalled();
  });

  it('checks the form before sending: a bad amount, no tier, and a window that ends before it starts', async () => {
    signInAs(unionStaff());
    render(<AidProgrammeEditPage />);

    type('programme-apply-from-input', '2026-09-01');
    type('programme-apply-to-input', '2026-08-01');
    type('programme-income-ceiling', '12.345');
    fireEvent.click(screen.getByTestId('programme-save'));

    await waitFor(() =>
      expect(screen.getByTestId('programme-apply-to-error').textContent).toContain('截止日期不能早于开始日期'),
    );
    expect(screen.getByTestId('programme-tiers-error').textContent).toContain('至少设置一个资助档次');
    expect(screen.getByTestId('programme-income-ceiling-error').textContent).toContain('最多两位小数');
    expect(Taro.request).not.toHaveBeenCalled();
  });

  it('goes back once the programme is set up', async () => {
    signInAs(unionStaff());
    taroTest.respondWith(() => ({ statusCode: 201, data: {} }));
    render(<AidProgrammeEditPage />);
    type('programme-apply-from-input', '2026-07-01');
    type('programme-apply-to-input', '2026-09-30');
    type('programme-tier-postgraduate', '5000');
    fireEvent.click(screen.getByTestId('programme-save'));
    await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled());
  });
});
