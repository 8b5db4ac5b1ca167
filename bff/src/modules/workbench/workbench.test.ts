/**
 * The cadre workbench: each to-do's count equals what its queue lists for that cadre (paged
 * through to the end) and its oldest time is the queue's first item's; 助学待审 is one to-do per
 * programme and review step, opening that step's queue; a district cadre does not count the
 * sibling district's items; a role without the entry sees no such to-do; the notices find idle,
 * closed and running-out things and tomorrow's activities.
 */
import { chinaDateAfter, chinaDateOf, DAY_MS, type Workbench } from '@union/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, loginStaff, loginWechat, makeIdNumber } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { ActivityModel } from '../activities/activity.model';
import { activityInput, inDays, memberSessions, publishedActivity, signUpAs } from '../activities/test-support';
import { AidApplicationModel } from '../aid/aid-application.model';
import { createAidWorld, reviewApi, type AidWorld } from '../aid-review/test-support';
import { couponOfferBody, createMerchantVia, createOfferVia, merchantBody } from '../merchants/test-support';
import { OfferModel } from '../offers/offer.model';
import { createStation, pastCheckIn } from '../station-visits/visit-fixtures';
import { StationModel } from '../stations/station.model';

let api: TestApi;
let world: AidWorld;
let keeper: string;
/** Holds both 西溪街道 and 西湖区: decides two steps of a street → district programme. */
let streetAndDistrict: string;
let programmeId: string;
let twoStepProgrammeId: string;
const ids: Record<string, string> = {};

const get = async (token: string, path: string) => {
  const response = await api.request('GET', path, { token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
};
const workbench = (token: string): Promise<Workbench> => get(token, '/api/staff/workbench');

/** Every item a queue lists, a page of 2 at a time (so the paging itself is exercised). */
async function pageThrough(token: string, path: string): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page: { items: any[]; nextCursor: string | null } = await get(
      token,
      `${path}${separator}limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

const todoOf = (bench: Workbench, key: string) => bench.todos.filter((todo) => todo.key === key);

let applicants = 0;
async function applyToJoin(orgId: string) {
  applicants += 1;
  const { token } = await loginWechat(api, `wx-workbench-join-${applicants}`);
  const response = await api.request('POST', '/api/join-applications', {
    token,
    body: {
      orgId,
      name: '王芳',
      idNumber: makeIdNumber('330106', '19960815', String(300 + applicants)),
      mobile: `1390001${String(1000 + applicants)}`,
      occupation: 'rider',
      employer: '美团外卖',
      agreeToCharter: true,
    },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

async function leaveFeedback(stationId: string, openid: string) {
  const { token } = await loginWechat(api, openid);
  const response = await api.request('POST', `/api/stations/${stationId}/feedback`, {
    token,
    body: { kind: 'feedback', rating: 4, comment: '热水很方便' },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

beforeAll(async () => {
  api = await startTestApi();
  world = await createAidWorld(api);
  const { orgs, staff } = world;
  await createStaff('wb_keeper', [{ role: 'station_keeper', org: orgs.xixi }]);
  keeper = await loginStaff(api, 'wb_keeper');
  await createStaff('wb_street_district', [
    { role: 'union_staff', org: orgs.xixi },
    { role: 'union_staff', org: orgs.xihu },
  ]);
  streetAndDistrict = await loginStaff(api, 'wb_street_district');

  // 入会: two applications in 西湖, one in 滨江.
  await applyToJoin(orgs.xihuTech.id);
  await applyToJoin(orgs.xihuCommunity.id);
  await applyToJoin(orgs.binjiangTech.id);

  // 助学: a programme reviewed by the district; three 西湖 applicants, one 滨江.
  programmeId = await world.createProgramme({ reviewChain: ['district'] });
  for (const [org, name] of [
    [orgs.xihuTech, '赵一'],
    [orgs.xihuCommunity, '钱二'],
    [orgs.xihuTech, '孙三'],
    [orgs.binjiangTech, '李四'],
  ] as const) {
    await world.apply(await world.createApplicant(org, name), programmeId);
  }
  // …and one reviewed by the street, then the district: 周五 passed the street, 吴六 waits there.
  twoStepProgrammeId = await world.createProgramme({ reviewChain: ['street', 'district'] });
  const passed = await world.apply(await world.createApplicant(orgs.xihuTech, '周五'), twoStepProgrammeId);
  await world.apply(await world.createApplicant(orgs.xihuCommunity, '吴六'), twoStepProgrammeId);
  const { detail, decide } = reviewApi(api);
  const version = (await detail(staff.xixi, passed)).body.version;
  expect((await decide(staff.xixi, passed, { action: 'approve', version })).status).toBe(200);

  // 驿站: 西溪 stations (one idle, one visited yesterday with feedback, one closed, one on holiday today), 西兴 one.
  const idle = await createStation(orgs.xixi, '西溪闲置驿站');
  const busy = await createStation(orgs.xihuTech, '西溪热门驿站');
  const closed = await createStation(orgs.xixi, '西溪暂停驿站', { status: 'closed' });
  const holiday = await createStation(orgs.xixi, '西溪节日驿站');
  const xixing = await createStation(orgs.xixing, '西兴驿站');
  Object.assign(ids, { idle: idle.id, busy: busy.id, closed: closed.id, holiday: holiday.id, xixing: xixing.id });
  const visit = (stationId: string, daysAgo: number) => pastCheckIn(stationId, new Date(Date.now() - daysAgo * DAY_MS));
  await visit(idle.id, 8);
  await visit(busy.id, 1);
  await visit(holiday.id, 1);
  await visit(xixing.id, 1);
  await StationModel.updateOne(
    { _id: holiday.id },
    {
      $set: {
        'hours.alwaysOpen': false,
        'hours.weekly': Array.from({ length: 7 }, () => [{ open: '08:00', close: '20:00' }]),
        'hours.exceptions': [{ date: chinaDateOf(new Date()), intervals: [], note: '节日休息' }],
      },
    },
  );
  await leaveFeedback(busy.id, 'wx-workbench-rider-1');
  await leaveFeedback(busy.id, 'wx-workbench-rider-2');
  await leaveFeedback(idle.id, 'wx-workbench-rider-1');
  await leaveFeedback(xixing.id, 'wx-workbench-rider-3');

  // 活动: review-mode sign-ups, an undrawn lottery after closing, a session today, one tomorrow.
  const xihuMembers = await memberSessions(api, orgs.xihuTech, 3);
  const binjiangMembers = await memberSessions(api, orgs.binjiangTech, 1);
  const reviewGroup = [{ id: 'open', name: '审核组', capacity: 10, allocation: 'review' as const }];
  const reviewed = await publishedActivity(api, staff.xihu, activityInput(orgs, { groups: reviewGroup }));
  const reviewedToo = await publishedActivity(
    api,
    staff.xihu,
    activityInput(orgs, { title: '职工书法班', groups: reviewGroup }),
  );
  const binjiangReviewed = await publishedActivity(
    api,
    staff.binjiang,
    activityInput(orgs, { orgId: orgs.binjiang.id, groups: reviewGroup }),
  );
  for (const member of xihuMembers) expect((await signUpAs(api, member, reviewed)).status).toBe(200);
  expect((await signUpAs(api, xihuMembers[0]!, reviewedToo)).status).toBe(200);
  expect((await signUpAs(api, binjiangMembers[0]!, binjiangReviewed)).status).toBe(200);

  const lotteryGroup = [{ id: 'open', name: '抽签组', capacity: 2, allocation: 'lottery' as const }];
  const lottery = await publishedActivity(
    api,
    staff.xihu,
    activityInput(orgs, { title: '疗休养', groups: lotteryGroup }),
  );
  const lotteryOpen = await publishedActivity(
    api,
    staff.xihu,
    activityInput(orgs, { title: '疗休养二期', groups: lotteryGroup }),
  );
  await ActivityModel.updateOne({ _id: lottery }, { $set: { signUpClosesAt: inDays(-0.5) } });
  Object.assign(ids, { lotteryOpen });

  const today = await publishedActivity(api, staff.xihu, activityInput(orgs, { title: '今日讲座' }));
  const { sessions } = (await ActivityModel.findById(today).lean())!;
  await ActivityModel.updateOne(
    { _id: today },
    { $set: { sessions: [{ ...sessions[0]!, date: chinaDateOf(new Date()) }] } },
  );

  const tomorrow = await publishedActivity(
    api,
    staff.xihu,
    activityInput(orgs, {
      title: '明日健步走',
      sessions: [{ date: chinaDateAfter(Date.now(), 1), start: '09:00', end: '11:00' }],
      signUpClosesAt: inDays(0.1).toISOString(),
      cancelDeadline: inDays(0.15).toISOString(),
    }),
  );
  Object.assign(ids, { tomorrow });

  // 普惠: one offer nearly gone (5 of 100), one with a tenth left (90 of 1000), one plentiful.
  const merchant = await createMerchantVia(api, staff.xihu, merchantBody(orgs.xihu.id));
  const low = await createOfferVia(api, staff.xihu, couponOfferBody(merchant.id, { title: '快抢完了' }));
  const tenth = await createOfferVia(
    api,
    staff.xihu,
    couponOfferBody(merchant.id, { title: '一成库存', stockTotal: 1000 }),
  );
  await createOfferVia(api, staff.xihu, couponOfferBody(merchant.id, { title: '库存充足' }));
  await OfferModel.updateOne({ _id: low.id }, { $set: { stockRemaining: 5 } });
  await OfferModel.updateOne({ _id: tenth.id }, { $set: { stockRemaining: 90 } });
  Object.assign(ids, { low: low.id, tenth: tenth.id });
}, 120_000);
afterAll(() => api.stop());

describe('the workbench’s to-dos', () => {
  it('count what each queue lists for the cadre, and date the oldest as the queue’s first item', async () => {
    for (const token of [world.staff.xihu, world.staff.binjiang, world.staff.city, streetAndDistrict, keeper]) {
      const bench = await workbench(token);
      for (const todo of bench.todos) {
        let items: any[];
        let oldestAt: string | null = null;
        switch (todo.key) {
          case 'joinReview':
            items = await pageThrough(token, '/api/staff/join-applications?status=pending');
            oldestAt = items[0]?.submittedAt ?? null;
            break;
          case 'aidReview': {
            // Without a programme (nothing waits anywhere) the queue page opens the first of the cadre's list.
            const programme = todo.params?.programmeId ?? (await get(token, '/api/staff/aid/programmes')).items[0].id;
            const step = todo.params?.step === undefined ? '' : `&step=${todo.params.step}`;
            items = await pageThrough(token, `/api/staff/aid/applications?programmeId=${programme}${step}`);
            const first = items[0] && (await AidApplicationModel.findById(items[0].id).lean());
            oldestAt = first?.submittedAt?.toISOString() ?? null;
            break;
          }
          case 'stationFeedback':
            items = await pageThrough(token, '/api/staff/station-feedback');
            oldestAt = items[0]?.createdAt ?? null;
            break;
          case 'activityReview': {
            items = await pageThrough(token, '/api/staff/activities?todo=review');
            const entries = [];
            for (const activity of items) {
              entries.push(
                ...(await pageThrough(token, `/api/staff/activities/${activity.id}/entries?status=pending_review`)),
              );
            }
            oldestAt = entries.map((entry) => entry.createdAt).sort()[0] ?? null;
            break;
          }
          case 'activityLottery':
            items = await pageThrough(token, '/api/staff/activities?todo=lottery');
            oldestAt = items.map((activity) => activity.signUpClosesAt).sort()[0] ?? null;
            break;
          case 'activityCheckInToday':
            items = await pageThrough(token, '/api/staff/activities?todo=checkInToday');
            break;
          case 'merchantInvitations':
            // No clerk here was ever unbound nor invitation expired: each has waited since its signing.
            items = await pageThrough(token, '/api/admin/merchants?needsClerk=true');
            oldestAt = items.map((merchant) => merchant.createdAt).sort()[0] ?? null;
            break;
          case 'settlementExports':
            items = (await get(token, '/api/admin/settlements/pending-exports')).items;
            oldestAt = items[0]?.closedAt ?? null;
            break;
        }
        expect(todo.count, todo.key).toBe(items.length);
        expect(todo.oldestAt && new Date(todo.oldestAt).getTime(), todo.key).toBe(
          oldestAt && new Date(oldestAt).getTime(),
        );
        if (todo.oldestAt) expect(todo.oldestAgeLabel).toMatch(/^最早 \d+ (分钟|小时|天)前$/);
      }
    }
  });

  it('count only the cadre’s own district', async () => {
    // Each key's to-dos together (助学待审 has one per programme and step).
    const counts = (bench: Workbench) => {
      const sums: Record<string, number> = {};
      for (const todo of bench.todos) sums[todo.key] = (sums[todo.key] ?? 0) + todo.count;
      return sums;
    };
    expect(counts(await workbench(world.staff.xihu))).toEqual({
      joinReview: 2,
      aidReview: 4,
      stationFeedback: 3,
      activityReview: 2,
      activityLottery: 1,
      activityCheckInToday: 1,
      merchantInvitations: 1,
      settlementExports: 0,
    });
    expect(counts(await workbench(world.staff.binjiang))).toEqual({
      joinReview: 1,
      aidReview: 1,
      stationFeedback: 1,
      activityReview: 1,
      activityLottery: 0,
      activityCheckInToday: 0,
      merchantInvitations: 0,
      settlementExports: 0,
    });
    const city = counts(await workbench(world.staff.city));
    expect(city.joinReview).toBe(3);
    // The city reviews no district step: its own queue in review is empty.
    expect(city.aidReview).toBe(0);
  });

  it('gives 助学待审 per programme and review step, each opening that step’s queue', async () => {
    const aid = async (token: string) =>
      todoOf(await workbench(token), 'aidReview').map(({ label, params, count }) => ({ label, params, count }));
    // The newer programme first, as the cadre's programme list and the queue page order them.
    expect(await aid(streetAndDistrict)).toEqual([
      {
        label: '助学待审 · 2026年金秋助学 · 街道工会审核',
        params: { programmeId: twoStepProgrammeId, step: '0' },
        count: 1,
      },
      {
        label: '助学待审 · 2026年金秋助学 · 区总工会复审',
        params: { programmeId: twoStepProgrammeId, step: '1' },
        count: 1,
      },
      { label: '助学待审 · 2026年金秋助学 · 区总工会复审', params: { programmeId, step: '0' }, count: 3 },
    ]);
    // The district alone decides the second step only; the street the first.
    expect(await aid(world.staff.xihu)).toEqual([
      {
        label: '助学待审 · 2026年金秋助学 · 区总工会复审',
        params: { programmeId: twoStepProgrammeId, step: '1' },
        count: 1,
      },
      { label: '助学待审 · 2026年金秋助学 · 区总工会复审', params: { programmeId, step: '0' }, count: 3 },
    ]);
    expect(await aid(world.staff.xixi)).toEqual([
      {
        label: '助学待审 · 2026年金秋助学 · 街道工会审核',
        params: { programmeId: twoStepProgrammeId, step: '0' },
        count: 1,
      },
    ]);
    // Without the step the queue lists both steps: the to-dos split it, they do not drop any.
    expect(
      await pageThrough(streetAndDistrict, `/api/staff/aid/applications?programmeId=${twoStepProgrammeId}`),
    ).toHaveLength(2);
  });

  it('shows a station keeper only the station to-dos and notices', async () => {
    const bench = await workbench(keeper);
    expect(bench.todos.map((todo) => todo.key)).toEqual(['stationFeedback']);
    expect(bench.todos[0]!.count).toBe(3);
    expect(bench.notices.map((notice) => notice.key)).toEqual(['stationsIdle', 'stationsClosedToday']);
  });
});

describe('the workbench’s notices', () => {
  const noticeOf = async (token: string, key: string) =>
    (await workbench(token)).notices.find((notice) => notice.key === key);
  const itemIds = (notice: Workbench['notices'][number] | undefined) => notice?.items.map((item) => item.id) ?? [];

  it('lists a station nobody visited for 8 days, not one visited yesterday nor a closed one', async () => {
    const idle = await noticeOf(world.staff.xihu, 'stationsIdle');
    expect(itemIds(idle)).toEqual([ids.idle]);
    expect(idle!.items[0]!.detail).toBe(`最近到访 ${chinaDateOf(Date.now() - 8 * DAY_MS)}`);
    expect(itemIds(await noticeOf(world.staff.binjiang, 'stationsIdle'))).toEqual([]);
  });

  it('lists stations closed today: paused ones and those whose hours skip today', async () => {
    const closed = await noticeOf(keeper, 'stationsClosedToday');
    expect(new Set(itemIds(closed))).toEqual(new Set([ids.closed, ids.holiday]));
    expect(closed!.items.find((item) => item.id === ids.holiday)!.detail).toBe('节日休息');
  });

  it('lists offers with at most 10 or a tenth of their stock left', async () => {
    const low = await noticeOf(world.staff.xihu, 'offersLowStock');
    expect(itemIds(low)).toEqual([ids.low, ids.tenth]);
    expect(low!.items[0]!.detail).toBe('剩余 5 / 100');
    expect(await noticeOf(keeper, 'offersLowStock')).toBeUndefined();
    expect(itemIds(await noticeOf(world.staff.binjiang, 'offersLowStock'))).toEqual([]);
  });

  it('lists activities starting tomorrow', async () => {
    const tomorrow = await noticeOf(world.staff.xihu, 'activitiesTomorrow');
    expect(itemIds(tomorrow)).toEqual([ids.tomorrow]);
    expect(tomorrow!.items[0]!.detail).toBe('09:00–11:00 · 西湖区文体中心');
    expect(itemIds(await noticeOf(world.staff.binjiang, 'activitiesTomorrow'))).toEqual([]);
  });
});
