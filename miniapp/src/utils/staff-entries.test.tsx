/**
 * Every staff role against the workbench on 首页 and 我的: each sees exactly the entries the
 * shared table gives its role, in the table's order. bff/test/staff-entries.test.ts checks the
 * same table against the API, so an entry shown here is one whose page the BFF lets open.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { staffEntriesOf, type Me, type Role, type StaffEntryKey } from '@union/shared';
import { describe, expect, it } from 'vitest';
import HomePage from '../pages/home/index';
import MinePage from '../pages/mine/index';
import { me, signIn } from '../../test/fixtures';
import { DISTRICT_ORG, STREET_ORG } from '../../test/staff-fixtures';
import { taroTest } from '../../test/taro-mock';
import { staffEntryViews } from './staff-entries';

const MERCHANT = { id: '64b7f0c2a1b2c3d4e5f6a101', name: '文三路职工爱心超市' };
const staff = (role: Role, org = DISTRICT_ORG, overrides: Partial<Me> = {}) =>
  me({
    kind: 'staff',
    displayName: role,
    roles: [{ role, orgId: org.id, orgName: org.name, orgLevel: org.level }],
    ...overrides,
  });

const OFFICE: StaffEntryKey[] = [
  'verifyCard',
  'joinReview',
  'aidReview',
  'aidProgrammes',
  'stations',
  'benefitMerchants',
  'benefitOffers',
  'benefitSettlement',
  'activities',
  'quizzes',
  'skillContests',
  'figures',
];

/** Who sees what, written out: the specification the shared table must meet. */
const ACCOUNTS: { who: string; account: Me; sees: StaffEntryKey[] }[] = [
  { who: '市总管理员 union_admin', account: staff('union_admin'), sees: OFFICE },
  { who: '区总干事 union_staff', account: staff('union_staff'), sees: OFFICE },
  { who: '街道干事 union_staff', account: staff('union_staff', STREET_ORG), sees: OFFICE },
  { who: '驿站站长 station_keeper', account: staff('station_keeper', STREET_ORG), sees: ['verifyCard', 'stations'] },
  { who: '未绑定商户的店员', account: staff('merchant_staff'), sees: ['verifyCard'] },
  {
    who: 'merchant_demo（工作人员账号，已绑定商户）',
    account: staff('merchant_staff', DISTRICT_ORG, { merchant: MERCHANT }),
    sees: ['merchantRedeem', 'merchantToday', 'verifyCard'],
  },
  {
    who: '用微信账号绑定的店员',
    account: me({
      roles: [
        { role: 'merchant_staff', orgId: DISTRICT_ORG.id, orgName: DISTRICT_ORG.name, orgLevel: DISTRICT_ORG.level },
      ],
      merchant: MERCHANT,
    }),
    sees: ['merchantRedeem', 'merchantToday', 'verifyCard'],
  },
  { who: '普通微信用户', account: me(), sees: [] },
];

function serve(account: Me) {
  signIn({ me: account });
  taroTest.respondWith(({ path }) => {
    if (path === '/api/notifications') return { statusCode: 200, data: { items: [], unreadCount: 0 } };
    if (path === '/api/aid/programmes') return { statusCode: 200, data: { items: [] } };
    return { statusCode: 200, data: account };
  });
}

/** The workbench test ids on screen, in screen order. */
function shownEntries(prefix: string): string[] {
  return [...document.querySelectorAll('[data-testid]')]
    .map((element) => element.getAttribute('data-testid')!)
    .filter((testId) => testId.startsWith(prefix) && testId.endsWith('-entry'));
}

describe('工作台入口', () => {
  it.each(ACCOUNTS)('$who sees exactly the entries its role may open', async ({ account, sees }) => {
    expect(staffEntriesOf(account)).toEqual(sees);
    const testIds = staffEntryViews(account).map((view) => view.testId);

    serve(account);
    render(<MinePage />);
    await waitFor(() => expect(Taro.request).toHaveBeenCalled());
    expect(shownEntries('staff-')).toEqual(testIds);
    cleanup();

    serve(account);
    render(<HomePage />);
    await screen.findByTestId('home-find-stations');
    expect(shownEntries('home-staff-')).toEqual(testIds.map((testId) => `home-${testId}`));
  });
});
