/**
 * The organiser's roster tools over HTTP: removing an entry needs a reason, is recorded in the
 * event trail, hands the place to the first waiting entry exactly once (even when the member
 * cancels at the same moment), and is out of reach (404) for another district's staff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { TrailEventModel } from '../event-trail/trail-event.model';
import { EntryModel } from './entry.model';
import { GroupPlacesModel } from './group-places.model';
import { activityInput, memberSessions, organiser, publishedActivity, signUpAs } from './test-support';

let api: TestApi;
let orgs: OrgTree;
let xihuStaff: string;
let binjiangStaff: string;

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  xihuStaff = await organiser(api, orgs.xihu, 'xihu-roster');
  binjiangStaff = await organiser(api, orgs.binjiang, 'binjiang-roster');
}, 60_000);
afterAll(() => api.stop());

const get = (path: string, token: string) => api.request('GET', path, { token });
const post = (path: string, token: string, body?: unknown) => api.request('POST', path, { token, body });

const oneOpenPlace = () =>
  activityInput(orgs, { groups: [{ id: 'open', name: '公开组', capacity: 1, allocation: 'first_come' }] });

describe('removing an entry', () => {
  it('needs a reason, records it, and offers the place to the first waiting entry', async () => {
    const id = await publishedActivity(api, xihuStaff, oneOpenPlace());
    const [holder, waiting] = await memberSessions(api, orgs.xihuTech, 2);
    const held = await signUpAs(api, holder!, id);
    const queued = await signUpAs(api, waiting!, id);
    expect(queued.body.status).toBe('waitlisted');
    const path = `/api/staff/activities/${id}/entries/${held.body.id}/remove`;

    const noReason = await post(path, xihuStaff, { reason: '' });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('原因');
    expect((await post(path, binjiangStaff, { reason: '重复报名' })).status).toBe(404);

    const removed = await post(path, xihuStaff, { reason: '重复报名' });
    expect(removed.status).toBe(200);
    expect(removed.body.status).toBe('cancelled');
    expect((await post(path, xihuStaff, { reason: '重复报名' })).status).toBe(409);

    const mine = await get('/api/activities/entries/mine', waiting!.token);
    expect(mine.body.items[0]).toMatchObject({ status: 'offered' });
    const trail = await TrailEventModel.findOne({
      kind: 'activity.entry_removed',
      'detail.entryId': held.body.id,
    }).lean();
    expect(trail).toMatchObject({ actorKind: 'union_staff', summary: '移除报名：重复报名' });
  });

  it('passes the place on once when the removal races the member’s own cancel', async () => {
    const id = await publishedActivity(api, xihuStaff, oneOpenPlace());
    const [holder, first, second] = await memberSessions(api, orgs.xihuTech, 3);
    const held = await signUpAs(api, holder!, id);
    await signUpAs(api, first!, id);
    await signUpAs(api, second!, id);

    const [removal, cancel] = await Promise.all([
      post(`/api/staff/activities/${id}/entries/${held.body.id}/remove`, xihuStaff, { reason: '信息有误' }),
      post(`/api/activities/entries/${held.body.id}/cancel`, holder!.token),
    ]);
    expect([removal.status, cancel.status].filter((status) => status === 200)).toHaveLength(1);

    const offered = await EntryModel.countDocuments({ activityId: id, status: 'offered' });
    expect(offered).toBe(1);
    const waitingStill = await EntryModel.countDocuments({ activityId: id, status: 'waitlisted' });
    expect(waitingStill).toBe(1);
    const places = await GroupPlacesModel.findOne({ activityId: id, groupId: 'open' }).lean();
    expect(places!.free).toBe(0);
  });
});
