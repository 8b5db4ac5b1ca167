/** The demo as the README tells it, through the real HTTP API of a server started with SEED_DEMO_DATA=true. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawLottery, verifyCommitment } from '@union/shared';
import { startTestApi, type TestApi } from '../../test/harness';
import { loginWechat } from '../../test/fixtures';
import { MemberModel } from '../modules/membership/member.model';
import { OrganizationModel } from '../modules/organizations/organization.model';
import { DEMO_ACTIVITY_TITLES, demoActivities, type DemoActivityKey } from './demo-activity-catalogue';
import { DEMO_PEOPLE, DEMO_STAFF } from './demo-people';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ SEED_DEMO_DATA: 'true' });
});
afterAll(() => api.stop());

async function loginAs(username: string): Promise<string> {
  const staff = DEMO_STAFF.find((candidate) => candidate.username === username)!;
  const response = await api.request('POST', '/api/auth/password-login', {
    body: { username, password: staff.password },
  });
  expect(response.status).toBe(200);
  return response.body.accessToken;
}

describe('the seeded demo', () => {
  it('shows 李娜 her bound membership as soon as she signs in', async () => {
    const { session } = await loginWechat(api, DEMO_PEOPLE.liNa.openid);
    expect(session.me.member).toMatchObject({ maskedName: '李*', status: 'active', orgName: DEMO_PEOPLE.liNa.orgName });
  });

  it('lets 张伟 bind his WeChat account with the values in DEMO_PEOPLE', async () => {
    const { zhangWei } = DEMO_PEOPLE;
    const { token, session } = await loginWechat(api, zhangWei.openid);
    expect(session.me.member).toBeNull();
    const bound = await api.request('POST', '/api/membership/bind', {
      token,
      body: { name: zhangWei.name, idNumber: zhangWei.idNumber, mobile: zhangWei.mobile },
    });
    expect(bound.status).toBe(200);
  });

  it('puts 王芳’s application in the 西溪街道 queue; approving it issues the next member number', async () => {
    const token = await loginAs('street_staff');
    const queue = await api.request('GET', '/api/staff/join-applications?status=pending', { token });
    expect(queue.status).toBe(200);
    expect(queue.body.items).toHaveLength(1);
    const membersBefore = await MemberModel.countDocuments();
    const approved = await api.request('POST', `/api/staff/join-applications/${queue.body.items[0].id}/approve`, {
      token,
    });
    expect(approved.status).toBe(200);
    expect(approved.body.memberNo).toBe(`3301${String(membersBefore + 1).padStart(8, '0')}`);
  });

  it('shows the 滨江区 reviewer only the applications filed in 滨江区', async () => {
    const queue = await api.request('GET', '/api/staff/join-applications?status=pending', {
      token: await loginAs('binjiang_staff'),
    });
    expect(queue.body.items).toHaveLength(2);
  });

  it('accepts 赵强’s application to the new-employment-form workers’ federation', async () => {
    const { zhaoQiang } = DEMO_PEOPLE;
    const org = await OrganizationModel.findOne({ name: zhaoQiang.orgName }).lean();
    const { token } = await loginWechat(api, zhaoQiang.openid);
    const applied = await api.request('POST', '/api/join-applications', {
      token,
      body: {
        orgId: String(org!._id),
        name: zhaoQiang.name,
        idNumber: zhaoQiang.idNumber,
        mobile: zhaoQiang.mobile,
        occupation: zhaoQiang.occupation,
        employer: zhaoQiang.employer,
        agreeToCharter: true,
      },
    });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ status: 'pending', orgName: zhaoQiang.orgName });
  });
});

describe('the seeded demo activities, as the start banner tells them', () => {
  let liNa: string;
  let activityId: (key: DemoActivityKey) => string;
  beforeAll(async () => {
    liNa = (await loginWechat(api, DEMO_PEOPLE.liNa.openid)).token;
    const listed = await api.request('GET', '/api/activities?limit=50', { token: liNa });
    expect(listed.status).toBe(200);
    const idOf = new Map(listed.body.items.map((item: { id: string; title: string }) => [item.title, item.id]));
    activityId = (key) => idOf.get(DEMO_ACTIVITY_TITLES[key]) as string;
  });
  /** How many the organiser signed up on members' behalf, and the first group's places. */
  const seeded = (key: DemoActivityKey) => {
    const demo = demoActivities(new Date()).find((candidate) => candidate.key === key)!;
    return { entrants: demo.entrants?.count ?? 0, places: demo.input.groups[0]!.capacity };
  };
  const groupOf = async (key: DemoActivityKey) =>
    (await api.request('GET', `/api/activities/${activityId(key)}`, { token: liNa })).body.groups[0].id as string;

  it('puts 李娜 behind the members already waiting for the full table-tennis match', async () => {
    const { entrants, places } = seeded('fullWithWaitlist');
    const position = entrants - places + 1;
    const response = await api.request('POST', `/api/activities/${activityId('fullWithWaitlist')}/entries`, {
      token: liNa,
      body: { groupId: await groupOf('fullWithWaitlist'), requestId: 'walkthrough-waitlist', answers: {} },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: position,
      statusText: `候补第${position}位`,
    });
  });

  it('holds her place in the paid trip until she pays the part the union does not cover', async () => {
    const response = await api.request('POST', `/api/activities/${activityId('paid')}/entries`, {
      token: liNa,
      body: { groupId: await groupOf('paid'), requestId: 'walkthrough-paid', answers: {} },
    });
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('pending_payment');
    const order = await api.request('POST', `/api/activities/entries/${response.body.id}/payment`, { token: liNa });
    expect(order.status).toBe(200);
    const { fee } = demoActivities(new Date()).find((candidate) => candidate.key === 'paid')!.input;
    expect(order.body.order).toMatchObject({ amountFen: fee!.priceFen - fee!.subsidyFen!, totalFen: fee!.priceFen });
  });

  it('lets district_staff draw the closed concert lottery once, and anyone recompute it', async () => {
    const id = activityId('readyToDraw');
    const token = await loginAs('district_staff');
    const before = await api.request('GET', `/api/activities/${id}/lottery`, { token: liNa });
    expect(before.body).toMatchObject({ seed: null, commitment: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const drawn = await api.request('POST', `/api/staff/activities/${id}/lottery/draw`, { token });
    expect(drawn.status).toBe(200);
    const { entrants, places } = seeded('readyToDraw');
    expect(drawn.body).toMatchObject({ drawn: entrants + 1, winners: places });
    expect((await api.request('POST', `/api/staff/activities/${id}/lottery/draw`, { token })).status).toBe(409);

    const result = (await api.request('GET', `/api/activities/${id}/lottery`, { token: liNa })).body;
    expect(verifyCommitment(result.seed, result.commitment)).toBe(true);
    const [group] = result.groups;
    const recomputed = drawLottery({ seed: result.seed, entries: group.entries, places: group.places });
    const rankOf = new Map(group.entries.map((entry: { id: string; rank: number }) => [entry.id, entry.rank]));
    for (const entry of recomputed.order) expect(rankOf.get(entry.id)).toBe(entry.rank);
    const mine = await api.request('GET', '/api/activities/entries/mine', { token: liNa });
    const concert = mine.body.items.find((entry: { activityId: string }) => entry.activityId === id);
    expect(['confirmed', 'waitlisted']).toContain(concert.status);
  });

  it('lets district_staff check 李娜 in today by scanning her member card', async () => {
    const card = await api.request('POST', '/api/card/qr', { token: liNa });
    const checkIn = await api.request('POST', `/api/staff/activities/${activityId('checkInToday')}/check-ins`, {
      token: await loginAs('district_staff'),
      body: { cardToken: card.body.tokens[0].token },
    });
    expect(checkIn.status).toBe(200);
    expect(checkIn.body.alreadyCheckedIn).toBe(false);
  });
});
