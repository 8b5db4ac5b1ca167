import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aidApplication } from '../../../test/aid-fixtures';
import { signIn } from '../../../test/fixtures';
import { readableLines } from '../../../test/readable-lines';
import { taroTest } from '../../../test/taro-mock';
import AidApplicationsPage from './index';

describe('我的助学申请', () => {
  it('shows each field of an application on a line of its own, never run together', async () => {
    signIn();
    taroTest.respondWith(({ path }) =>
      path === '/api/aid/applications/mine'
        ? {
            statusCode: 200,
            data: {
              items: [
                aidApplication({
                  status: 'in_review',
                  currentStepLabel: '区/县总工会审核',
                  child: { name: '王小明' },
                }),
              ],
            },
          }
        : { statusCode: 404, data: null },
    );
    render(<AidApplicationsPage />);

    const lines = readableLines(await screen.findByTestId('aid-application-item'));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^2026年金秋助学 \| \S+$/);
    expect(lines.slice(1, 3)).toEqual(['子女：王小明', '当前环节：区/县总工会审核']);
    expect(lines[3]).toMatch(/^更新于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });
});
