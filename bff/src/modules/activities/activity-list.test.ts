/**
 * The member's activity list: finished activities drop out (their pages stay), 本周 is the China
 * week on the server, 离我最近 sorts the whole visible set with distances, and the card knows
 * a lottery or review group from a place count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaWeekRange, distanceMeters } from '@union/shared';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import type { Actor } from '../auth/actor';
import { ActivityModel } from './activity.model';
import { listOpenActivities } from './activity-list.service';
import {
  activityInput,
  inDays,
  memberSessions,
  organiser,
  publishedActivity,
  signUpAs,
  type MemberSession,
} from './test-support';

let api: TestApi;
let orgs: OrgTree;
let staff: string;
let member: MemberSession;
let other: MemberSession;

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  staff = await organiser(api, orgs.xihu, 'list-activities');
  const sessions = await memberSessions(api, orgs.xihuTech, 2);
  member = sessions[0]!;
  other = sessions[1]!;
}, 60_000);
afterAll(() => api.stop());

interface Card {
  id: string;
  distanceMetres?: number;
  allocationState: string;
  placesLeft: number;
}
const list = async (query: string, limit = 50) => {
  const answer = await api.request('GET', `/api/activities?limit=${limit}${query}`, { token: member.token });
  expect(answer.status).toBe(200);
  return answer.body as { items: Card[]; nextCursor: string | null };
};
const idsOf = async (query: string) => (await list(query)).items.map((item) => item.id);

/** Moves an activity's sessions (the editor refuses past ones, the calendar does not wait). */
async function setSessions(id: string, sessions: { startsAt: Date; endsAt: Date }[]) {
  await ActivityModel.updateOne(
    { _id: id },
    {
      $set: {
        sessions: sessions.map((s) => ({ date: '', start: '', end: '', ...s })),
        firstSessionStartsAt: sessions[0]!.startsAt,
      },
    },
  );
}
const HOUR = 3_600_000;

describe('finished activities', () => {
  it('leaves out an activity whose last session has ended, or that the closing job closed, but keeps its page', async () => {
    const running = await publishedActivity(api, staff, activityInput(orgs, { title: '进行中' }));
    const ended = await publishedActivity(api, staff, activityInput(orgs, { title: '已结束' }));
    const closed = await publishedActivity(api, staff, activityInput(orgs, { title: '已结算' }));
    await setSessions(ended, [
      { startsAt: inDays(-3), endsAt: new Date(inDays(-3).getTime() + HOUR) },
      { startsAt: inDays(-1), endsAt: new Date(inDays(-1).getTime() + HOUR) },
    ]);
    await ActivityModel.updateOne({ _id: closed }, { $set: { closedAt: new Date() } });

    const ids = await idsOf('');
    expect(ids).toContain(running);
    expect(ids).not.toContain(ended);
    expect(ids).not.toContain(closed);
    const page = await api.request('GET', `/api/activities/${ended}`, { token: member.token });
    expect(page.status).toBe(200);
    expect(page.body.title).toBe('已结束');
  });

  it('keeps a course listed while a later session is still to come', async () => {
    const course = await publishedActivity(api, staff, activityInput(orgs, { title: '进行中的课程' }));
    await setSessions(course, [
      { startsAt: inDays(-2), endsAt: new Date(inDays(-2).getTime() + HOUR) },
      { startsAt: inDays(5), endsAt: new Date(inDays(5).getTime() + HOUR) },
    ]);
    expect(await idsOf('')).toContain(course);
  });
});

describe('本周 (thisWeek)', () => {
  it('takes the China week holding now, Monday 00:00 to Sunday 24:00, over every page', async () => {
    const { start, end } = chinaWeekRange(new Date());
    const lastMinute = await publishedActivity(api, staff, activityInput(orgs, { title: '周日夜场' }));
    const nextMonday = await publishedActivity(api, staff, activityInput(orgs, { title: '下周一' }));
    const startedMonday = await publishedActivity(api, staff, activityInput(orgs, { title: '周一开课' }));
    await setSessions(lastMinute, [{ startsAt: new Date(end.getTime() - 60_000), endsAt: end }]);
    await setSessions(nextMonday, [{ startsAt: end, endsAt: new Date(end.getTime() + HOUR) }]);
    await setSessions(startedMonday, [
      { startsAt: start, endsAt: new Date(start.getTime() + 60_000) },
      { startsAt: inDays(30), endsAt: new Date(inDays(30).getTime() + HOUR) },
    ]);

    const ids = await idsOf('&thisWeek=true');
    expect(ids).toContain(lastMinute);
    expect(ids).toContain(startedMonday);
    expect(ids).not.toContain(nextMonday);
    expect(await idsOf('&thisWeek=false')).toContain(nextMonday);
  });

  it('counts in China time, not the server zone: Monday 00:30 in China is still Sunday in UTC', async () => {
    const now = new Date('2026-12-06T16:30:00Z'); // 2026-12-07 (Monday) 00:30 China time
    const sundayNight = await publishedActivity(api, staff, activityInput(orgs, { title: '周日跨夜' }));
    const sundayNext = await publishedActivity(api, staff, activityInput(orgs, { title: '下个周日深夜' }));
    const mondayAfter = await publishedActivity(api, staff, activityInput(orgs, { title: '再下周一凌晨' }));
    // Started Sunday 23:00 China time (last week) and still running at now.
    await setSessions(sundayNight, [
      { startsAt: new Date('2026-12-06T15:00:00Z'), endsAt: new Date('2026-12-06T18:00:00Z') },
    ]);
    await setSessions(sundayNext, [
      { startsAt: new Date('2026-12-13T15:59:00Z'), endsAt: new Date('2026-12-13T16:30:00Z') },
    ]);
    await setSessions(mondayAfter, [
      { startsAt: new Date('2026-12-13T16:00:00Z'), endsAt: new Date('2026-12-13T17:00:00Z') },
    ]);

    const visitor: Actor = { accountId: 'visitor', kind: 'wechat', memberId: null, merchantId: null, grants: [] };
    const page = await listOpenActivities(visitor, { limit: 50, thisWeek: true }, now);
    const ids = page.items.map((item) => item.id);
    expect(ids).toContain(sundayNext);
    expect(ids).not.toContain(sundayNight);
    expect(ids).not.toContain(mondayAfter);
  });
});

describe('离我最近 (near)', () => {
  const here = { lat: 39.9, lng: 116.4 };
  const at = (lat: number, lng: number) => ({
    kind: 'place' as const,
    name: `会场 ${lat},${lng}`,
    address: '北京市东城区',
    location: { lat, lng },
  });

  it('sorts every visible activity by distance, pages the sorted set, gives metres and puts online ones last', async () => {
    const far = await publishedActivity(
      api,
      staff,
      activityInput(orgs, { title: '远处会场', venue: at(39.95, 116.4) }),
    );
    const near = await publishedActivity(
      api,
      staff,
      activityInput(orgs, { title: '近处会场', venue: at(39.901, 116.4) }),
    );
    const middle = await publishedActivity(
      api,
      staff,
      activityInput(orgs, { title: '中间会场', venue: at(39.92, 116.4) }),
    );
    const online = await publishedActivity(
      api,
      staff,
      activityInput(orgs, { title: '线上讲座', venue: { kind: 'online', name: '腾讯会议' } }),
    );

    const seen: Card[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await list(`&near=39.9,116.4${cursor ? `&cursor=${cursor}` : ''}`, 2);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    // The three Beijing venues come first whatever page they were created on; Hangzhou ones follow.
    expect(seen.slice(0, 3).map((item) => item.id)).toEqual([near, middle, far]);
    expect(seen[0]!.distanceMetres).toBe(Math.round(distanceMeters(here, { lat: 39.901, lng: 116.4 })));
    expect(seen[0]!.distanceMetres).toBeGreaterThan(100);
    expect(seen[0]!.distanceMetres).toBeLessThan(120);
    expect(seen[2]!.distanceMetres).toBeGreaterThan(5500);
    const distances = seen.filter((item) => item.distanceMetres !== undefined).map((item) => item.distanceMetres!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(seen.at(-1)!.id).toBe(online);
    expect(seen.at(-1)!.distanceMetres).toBeUndefined();
    expect(new Set(seen.map((item) => item.id)).size).toBe(seen.length);

    const plain = await list('');
    expect(plain.items.every((item) => item.distanceMetres === undefined)).toBe(true);
  });

  it('refuses a bad position or cursor with a Chinese field detail', async () => {
    const refused = async (query: string) => {
      const answer = await api.request('GET', `/api/activities?${query}`, { token: member.token });
      expect(answer.status).toBe(400);
      return answer.body.error.details as { path: string; message: string }[];
    };
    expect(await refused('near=91,116.4')).toEqual([{ path: 'near.lat', message: '纬度应在 -90 到 90 之间' }]);
    expect(await refused('near=39.9,181')).toEqual([{ path: 'near.lng', message: '经度应在 -180 到 180 之间' }]);
    expect((await refused('near=somewhere'))[0]).toMatchObject({
      path: 'near',
      message: expect.stringContaining('纬度,经度'),
    });
    expect((await refused('thisWeek=yes'))[0]).toMatchObject({
      path: 'thisWeek',
      message: '本周筛选应为 true 或 false',
    });
    expect(await refused('near=39.9,116.4&cursor=abc')).toEqual([
      { path: 'cursor', message: '分页位置不正确，请刷新列表' },
    ]);
  });
});

describe('allocation state on the card', () => {
  it('says lottery or review instead of a place count, and waitlist when first-come places are gone', async () => {
    const lottery = await publishedActivity(
      api,
      staff,
      activityInput(orgs, {
        title: '抽签活动',
        groups: [{ id: 'open', name: '公开组', capacity: 100, allocation: 'lottery' }],
      }),
    );
    const review = await publishedActivity(
      api,
      staff,
      activityInput(orgs, {
        title: '审核活动',
        groups: [{ id: 'open', name: '公开组', capacity: 100, allocation: 'review' }],
      }),
    );
    const full = await publishedActivity(
      api,
      staff,
      activityInput(orgs, {
        title: '已满',
        groups: [{ id: 'open', name: '公开组', capacity: 1, allocation: 'first_come' }],
      }),
    );
    const open = await publishedActivity(api, staff, activityInput(orgs, { title: '有名额' }));
    expect((await signUpAs(api, other, full)).status).toBe(200);

    const cards = new Map((await list('')).items.map((item) => [item.id, item]));
    expect(cards.get(lottery)).toMatchObject({ allocationState: 'lottery' });
    expect(cards.get(review)).toMatchObject({ allocationState: 'review' });
    expect(cards.get(full)).toMatchObject({ allocationState: 'waitlist', placesLeft: 0 });
    expect(cards.get(open)).toMatchObject({ allocationState: 'places', placesLeft: 10 });
  });
});
