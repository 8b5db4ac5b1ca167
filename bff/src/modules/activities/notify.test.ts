/**
 * Members hear about their entry's changes (sign-up result, cancel, organiser's removal) in
 * 消息, and a WeChat push that fails never fails the action.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { NotificationModel } from '../notifications/notification.model';
import { activityInput, memberSessions, organiser, publishedActivity, signUpAs } from './test-support';

let api: TestApi;
let orgs: OrgTree;
let xihuStaff: string;

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  xihuStaff = await organiser(api, orgs.xihu, 'xihu-notify');
}, 60_000);
afterAll(() => api.stop());

const post = (path: string, token: string, body?: unknown) => api.request('POST', path, { token, body });
const bodies = async (accountId: string) =>
  (await NotificationModel.find({ accountId, kind: 'activity_status' }).sort({ _id: 1 }).lean()).map((n) => n.body);

describe('entry notifications', () => {
  it('tells the member their sign-up result and the organiser’s removal', async () => {
    const id = await publishedActivity(api, xihuStaff, activityInput(orgs));
    const [member] = await memberSessions(api, orgs.xihuTech, 1);
    const entry = await signUpAs(api, member!, id);
    expect(entry.status).toBe(200);
    const removed = await post(`/api/staff/activities/${id}/entries/${entry.body.id}/remove`, xihuStaff, {
      reason: '不符合条件',
    });
    expect(removed.status).toBe(200);
    const sent = await bodies(member!.accountId);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toContain('已取消');
  });

  it('still signs up and cancels when the WeChat push throws', async () => {
    const wechat = api.running.runtime.wechat;
    const original = wechat.sendSubscribeMessage;
    wechat.sendSubscribeMessage = () => Promise.reject(new Error('wechat down'));
    try {
      const id = await publishedActivity(api, xihuStaff, activityInput(orgs));
      const [member] = await memberSessions(api, orgs.xihuTech, 1);
      const entry = await signUpAs(api, member!, id);
      expect(entry.status).toBe(200);
      const cancelled = await post(`/api/activities/entries/${entry.body.id}/cancel`, member!.token);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');
      expect(await bodies(member!.accountId)).toHaveLength(2);
    } finally {
      wechat.sendSubscribeMessage = original;
    }
  });
});
