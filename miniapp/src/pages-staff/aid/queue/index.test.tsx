import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it } from 'vitest';
import { aidProgramme, APPLICATION_ID, completeApplication, PROGRAMME_ID } from '../../../../test/aid-fixtures';
import { signInAs, unionStaff } from '../../../../test/staff-fixtures';
import { queryOf } from '../../../../test/station-fixtures';
import { taroTest } from '../../../../test/taro-mock';
import AidQueuePage from './index';

describe('助学审核 队列', () => {
  it('asks for the first programme in review, filters, pages and opens an application', async () => {
    signInAs(unionStaff());
    const queries: Record<string, string>[] = [];
    taroTest.respondWith(({ path, query }) => {
      if (path === '/api/staff/aid/programmes') return { statusCode: 200, data: { items: [aidProgramme()] } };
      queries.push(queryOf(query));
      const item = completeApplication({ status: 'in_review', currentStepLabel: '街道总工会初审' });
      return { statusCode: 200, data: { items: [item], nextCursor: queries.length === 1 ? 'cursor-2' : null } };
    });
    render(<AidQueuePage />);

    await screen.findAllByTestId('aid-queue-item');
    expect(queries[0]).toEqual({ programmeId: PROGRAMME_ID, status: 'in_review', limit: '20' });

    fireEvent.click(screen.getByTestId('aid-queue-more'));
    await waitFor(() => expect(screen.getAllByTestId('aid-queue-item')).toHaveLength(2));
    expect(queries[1]).toMatchObject({ cursor: 'cursor-2' });

    fireEvent.click(screen.getByTestId('aid-queue-hardship-low_income'));
    await waitFor(() => expect(queries[2]).toMatchObject({ hardshipCategory: 'low_income', status: 'in_review' }));
    expect(queries[2]?.cursor).toBeUndefined();

    fireEvent.click(screen.getByTestId('aid-queue-programmes'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages-staff/aid/programmes/index' });

    fireEvent.click(screen.getAllByTestId('aid-queue-item')[0]!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages-staff/aid/review/index?id=${APPLICATION_ID}` });
  });
  it('opens at the programme and review step the workbench counted, and lets the cadre widen it', async () => {
    signInAs(unionStaff());
    const other = aidProgramme({ id: '64b7f0c2a1b2c3d4e5f6e002', name: '2025年金秋助学' });
    taroTest.setRouterParams({ programmeId: PROGRAMME_ID, step: '1' });
    const queries: Record<string, string>[] = [];
    taroTest.respondWith(({ path, query }) => {
      if (path === '/api/staff/aid/programmes') {
        return { statusCode: 200, data: { items: [other, aidProgramme()] } };
      }
      queries.push(queryOf(query));
      return { statusCode: 200, data: { items: [completeApplication({ status: 'in_review' })], nextCursor: null } };
    });
    render(<AidQueuePage />);

    await screen.findAllByTestId('aid-queue-item');
    expect(queries[0]).toEqual({ programmeId: PROGRAMME_ID, status: 'in_review', step: '1', limit: '20' });
    // The programme's chain (street → district), the district's step chosen.
    expect(screen.getByTestId('aid-queue-step-0').textContent).toBe('街道工会审核');
    expect(screen.getByTestId('aid-queue-step-1').textContent).toBe('区总工会复审');
    expect(screen.getByTestId('aid-queue-step-1').getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(screen.getByTestId('aid-queue-step-1'));
    await waitFor(() => expect(queries).toHaveLength(2));
    expect(queries[1]).toEqual({ programmeId: PROGRAMME_ID, status: 'in_review', limit: '20' });

    fireEvent.click(screen.getByTestId('aid-queue-step-0'));
    await waitFor(() => expect(queries[2]).toMatchObject({ step: '0' }));
    // An approved application has no step: choosing that status lets go of it.
    fireEvent.click(screen.getByTestId('aid-queue-status-approved'));
    await waitFor(() => expect(queries[3]).toEqual({ programmeId: PROGRAMME_ID, status: 'approved', limit: '20' }));
    expect(screen.queryByTestId('aid-queue-step-0')).toBeNull();
  });
});
