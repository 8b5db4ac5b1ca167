/**
 * A member reaches only their own entries: another member's entry id answers 404 to every
 * member action, and 我的活动 lists only one's own. And the cancellation deadline holds over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { ActivityModel } from './activity.model';
import {
  activityInput,
  memberSessions,
  organiser,
  publishedActivity,
  signUpAs,
  type MemberSession,
} from './test-support';

let api: TestApi;
let orgs: OrgTree;
let staff: string;
let members: MemberSession[];

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  staff = await organiser(api, orgs.xihu, 'ownership-activities');
  members = await memberSessions(api, orgs.xihuTech, 4);
}, 60_000);
afterAll(() => api.stop());

const m = (index: number) => members[index]!;

describe('another member’s entry', () => {
  it('answers 404 to cancel, confirm and pay, and stays as it was', async () => {
    const id = await publishedActivity(api, staff, activityInput(orgs));
    const mine = await signUpAs(api, m(0), id);
    expect(mine.status).toBe(200);
    for (const action of ['cancel', 'confirm', 'payment']) {
      const answer = await api.request('POST', `/api/activities/entries/${mine.body.id}/${action}`, {
        token: m(1).token,
      });
      expect(answer.status, action).toBe(404);
    }
    const list = await api.request('GET', '/api/activities/entries/mine', { token: m(0).token });
    expect(list.body.items.map((entry: { id: string }) => entry.id)).toEqual([mine.body.id]);
    expect(list.body.items[0].status).toBe('confirmed');
  });

  it('is never listed in someone else’s 我的活动 or activity detail', async () => {
    const id = await publishedActivity(api, staff, activityInput(orgs));
    await signUpAs(api, m(2), id);
    const others = await api.request('GET', '/api/activities/entries/mine', { token: m(3).token });
    expect(others.body.items).toEqual([]);
    const detail = await api.request('GET', `/api/activities/${id}`, { token: m(3).token });
    expect(detail.body.myEntry).toBeNull();
  });
});

describe('the cancellation deadline', () => {
  it('lets a member cancel just before it and refuses just after, with the reason', async () => {
    const id = await publishedActivity(api, staff, activityInput(orgs));
    const early = await signUpAs(api, m(1), id);
    const late = await signUpAs(api, m(3), id);

    await ActivityModel.updateOne({ _id: id }, { $set: { cancelDeadline: new Date(Date.now() + 60_000) } });
    const inTime = await api.request('POST', `/api/activities/entries/${early.body.id}/cancel`, { token: m(1).token });
    expect(inTime.status).toBe(200);
    expect(inTime.body.status).toBe('cancelled');

    await ActivityModel.updateOne({ _id: id }, { $set: { cancelDeadline: new Date(Date.now() - 1) } });
    const tooLate = await api.request('POST', `/api/activities/entries/${late.body.id}/cancel`, { token: m(3).token });
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.error.message).toBe('已过取消截止时间，如有特殊情况请联系组织者');
    const mine = await api.request('GET', '/api/activities/entries/mine', { token: m(3).token });
    expect(mine.body.items.find((entry: { id: string }) => entry.id === late.body.id).status).toBe('confirmed');
  });
});
