/**
 * The organiser's sign-up list searched by member number (in full or its last digits) or by
 * full name: only this activity's matching entrants come back, still masked; over-long input
 * is a 400 with the field named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { MemberModel } from '../membership/member.model';
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
let activityId: string;
const roster = new Map<string, { name: string; memberNo: string }>();

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  staff = await organiser(api, orgs.xihu, 'xihu-entries-search');
  members = await memberSessions(api, orgs.xihuTech, 4);
  for (const member of await MemberModel.find({ _id: { $in: members.map((m) => m.memberId) } }).lean()) {
    roster.set(String(member._id), { name: member.name, memberNo: member.memberNo });
  }
  activityId = await publishedActivity(api, staff, activityInput(orgs));
  // The last member stays out of this activity: searching for them must find nothing here.
  for (const member of members.slice(0, 3)) {
    const made = await signUpAs(api, member, activityId);
    if (made.status !== 200) throw new Error(`sign-up failed: ${JSON.stringify(made.body)}`);
  }
}, 60_000);
afterAll(() => api.stop());

const search = (q: string, id = activityId) =>
  api.request('GET', `/api/staff/activities/${id}/entries?q=${encodeURIComponent(q)}`, { token: staff });
const memberNos = (body: { items: { memberNo: string }[] }) => body.items.map((item) => item.memberNo);
const person = (index: number) => roster.get(members[index]!.memberId)!;

describe('报名名单搜索', () => {
  it('finds an entrant by full member number or by its last four digits', async () => {
    const { memberNo } = person(1);
    const full = await search(memberNo);
    expect(full.status).toBe(200);
    expect(memberNos(full.body)).toEqual([memberNo]);
    const tail = await search(` ${memberNo.slice(-4)} `);
    expect(memberNos(tail.body)).toEqual([memberNo]);
  });

  it('finds an entrant by exact full name and shows the name masked', async () => {
    const { name, memberNo } = person(2);
    const found = await search(name);
    expect(memberNos(found.body)).toEqual([memberNo]);
    expect(found.body.items[0].memberName).not.toBe(name);
    // Part of a name is not a match: the search confirms a person, it does not browse names.
    expect((await search(name.slice(0, -1))).body.items).toEqual([]);
  });

  it('finds nobody who has not signed up for this activity', async () => {
    const outsider = person(3);
    expect((await search(outsider.memberNo)).body.items).toEqual([]);
    expect((await search(outsider.name)).body.items).toEqual([]);
  });

  it('treats regular-expression characters literally and a blank search as the whole list', async () => {
    expect((await search('.*')).body.items).toEqual([]);
    expect((await search('   ')).body.items).toHaveLength(3);
  });

  it('refuses an over-long search with a 400 naming the field', async () => {
    const refused = await search('1'.repeat(31));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.error.details)).toContain('q');
  });
});
