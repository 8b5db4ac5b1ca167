/**
 * The organiser's roster export (.xlsx) over HTTP: names, phones and ID numbers masked by
 * default; in full only with a reason, and then the reveal (who, why, which entries) is in the
 * event trail. Another district's staff get 404, a member is refused as on every staff route.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber, maskMobile, maskName } from '@union/shared';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { TrailEventModel } from '../event-trail/trail-event.model';
import { MemberModel } from '../membership/member.model';
import {
  activityInput,
  memberSessions,
  organiser,
  publishedActivity,
  requestId,
  signUpAs,
  type MemberSession,
} from './test-support';

let api: TestApi;
let orgs: OrgTree;
let xihuStaff: string;
let binjiangStaff: string;

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  xihuStaff = await organiser(api, orgs.xihu, 'xihu-roster-export');
  binjiangStaff = await organiser(api, orgs.binjiang, 'binjiang-roster-export');
}, 60_000);
afterAll(() => api.stop());

interface Person {
  name: string;
  memberNo: string;
  mobile: string;
  idNumber: string;
}

/** What the roster holds about a member, read back as the organiser would know them. */
async function personOf(member: MemberSession): Promise<Person> {
  const { cipher } = api.running.runtime;
  const stored = (await MemberModel.findById(member.memberId).lean())!;
  return {
    name: stored.name,
    memberNo: stored.memberNo,
    mobile: cipher.decrypt(stored.mobileSealed),
    idNumber: cipher.decrypt(stored.idNumberSealed),
  };
}

async function exportRoster(id: string, token: string, query = '') {
  const response = await fetch(`${api.url}/api/staff/activities/${id}/roster${query}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { response, bytes, json: () => JSON.parse(bytes.toString('utf8')) };
}

/** The sheet's rows as objects keyed by the header row. */
async function rowsOf(bytes: Buffer): Promise<Record<string, unknown>[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  const sheet = workbook.worksheets[0]!;
  const values = (sheet.getSheetValues() as unknown[][]).filter(Boolean).map((row) => row.slice(1));
  const [header, ...rows] = values;
  return rows.map((row) => Object.fromEntries(header!.map((title, index) => [String(title), row[index] ?? ''])));
}

/** A published activity with one confirmed and one waitlisted entrant, who answered the 尺码 question. */
async function activityWithEntrants() {
  const id = await publishedActivity(
    api,
    xihuStaff,
    activityInput(orgs, {
      title: '职工羽毛球赛',
      groups: [{ id: 'open', name: '公开组', capacity: 1, allocation: 'first_come' }],
      questions: [{ id: 'size', title: '尺码', type: 'single_choice', required: true, options: ['M', 'L'] }],
    }),
  );
  const [first, second] = await memberSessions(api, orgs.xihuTech, 2);
  expect((await signUpAs(api, first!, id, { answers: { size: 'M' } })).body.status).toBe('confirmed');
  expect((await signUpAs(api, second!, id, { answers: { size: 'L' } })).body.status).toBe('waitlisted');
  return { id, people: [await personOf(first!), await personOf(second!)] };
}

describe('exporting the roster', () => {
  it('exports a spreadsheet with names, phones and ID numbers masked, and records no reveal', async () => {
    const { id, people } = await activityWithEntrants();
    const { response, bytes } = await exportRoster(id, xihuStaff);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="activity-roster-\d{8}\.xlsx"/);

    const rows = await rowsOf(bytes);
    expect(rows).toEqual([
      expect.objectContaining({
        序号: 1,
        组别: '公开组',
        姓名: maskName(people[0]!.name),
        会员号: people[0]!.memberNo,
        手机号: maskMobile(people[0]!.mobile),
        证件号: maskIdNumber(people[0]!.idNumber),
        状态: '已报名',
        尺码: 'M',
      }),
      expect.objectContaining({
        序号: 2,
        姓名: maskName(people[1]!.name),
        手机号: maskMobile(people[1]!.mobile),
        证件号: maskIdNumber(people[1]!.idNumber),
        状态: '候补',
        候补位次: 1,
        尺码: 'L',
      }),
    ]);
    const sheetText = JSON.stringify(rows);
    for (const person of people) {
      expect(sheetText).not.toContain(person.mobile);
      expect(sheetText).not.toContain(person.idNumber);
    }
    expect(await TrailEventModel.countDocuments({ kind: 'activity.roster_revealed', 'detail.activityId': id })).toBe(0);

    const confirmedOnly = await rowsOf((await exportRoster(id, xihuStaff, '?status=confirmed')).bytes);
    expect(confirmedOnly.map((row) => row['会员号'])).toEqual([people[0]!.memberNo]);
  });

  it('exports the full values with a reason, and records who revealed them, why and whose', async () => {
    const { id, people } = await activityWithEntrants();
    const reason = encodeURIComponent('核对保险投保名单');
    const { response, bytes } = await exportRoster(id, xihuStaff, `?revealReason=${reason}`);
    expect(response.status).toBe(200);
    const rows = await rowsOf(bytes);
    expect(rows.map((row) => [row['姓名'], row['手机号'], row['证件号']])).toEqual(
      people.map((person) => [person.name, person.mobile, person.idNumber]),
    );

    const trail = await TrailEventModel.find({ kind: 'activity.roster_revealed', 'detail.activityId': id }).lean();
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      actorKind: 'union_staff',
      summary: '导出完整报名名单（2人）：核对保险投保名单',
      detail: { reason: '核对保险投保名单', status: 'all' },
    });
    expect(trail[0]!.actorAccountId).not.toBeNull();
    expect((trail[0]!.detail as { entryIds: string[] }).entryIds).toHaveLength(2);
  });

  it('lists each team entry’s current members under it', async () => {
    const id = await publishedActivity(
      api,
      xihuStaff,
      activityInput(orgs, {
        groups: [{ id: 'teams', name: '团体组', capacity: 4, allocation: 'first_come', team: { min: 2, max: 5 } }],
      }),
    );
    const [captain, staying, leaving] = await memberSessions(api, orgs.xihuTech, 3);
    const team = await api.request('POST', `/api/activities/${id}/teams`, {
      token: captain!.token,
      body: { groupId: 'teams', name: '拔河一队', requestId: requestId() },
    });
    expect(team.status).toBe(200);
    for (const member of [staying!, leaving!]) {
      const joined = await api.request('POST', '/api/activities/teams/join', {
        token: member.token,
        body: { code: team.body.code, requestId: requestId() },
      });
      expect(joined.status).toBe(200);
    }
    await api.request('POST', `/api/activities/teams/${team.body.id}/leave`, { token: leaving!.token });

    const reason = encodeURIComponent('购买团体保险');
    const rows = await rowsOf((await exportRoster(id, xihuStaff, `?revealReason=${reason}`)).bytes);
    const [captainRow, teammateRow] = [await personOf(captain!), await personOf(staying!)];
    expect(rows.map((row) => [row['序号'], row['姓名'], row['证件号'], row['队伍'], row['状态']])).toEqual([
      [1, captainRow.name, captainRow.idNumber, '拔河一队（队长）', '已报名'],
      [2, teammateRow.name, teammateRow.idNumber, '拔河一队', '已报名'],
    ]);
    const trail = await TrailEventModel.findOne({ kind: 'activity.roster_revealed', 'detail.activityId': id }).lean();
    expect(trail!.summary).toBe('导出完整报名名单（2人）：购买团体保险');
    expect((trail!.detail as { memberIds: string[] }).memberIds).toEqual([captain!.memberId, staying!.memberId]);
  });

  it('refuses a reveal without a reason, in Chinese, and records nothing', async () => {
    const { id } = await activityWithEntrants();
    for (const query of ['?revealReason=', '?revealReason=%20%20', '?revealReason=%E6%9F%A5']) {
      const refused = await exportRoster(id, xihuStaff, query);
      expect(refused.response.status).toBe(400);
      expect(refused.json().error.details).toEqual([
        { path: 'revealReason', message: '查看完整信息请说明原因（至少2个字）' },
      ]);
    }
    expect(await TrailEventModel.countDocuments({ kind: 'activity.roster_revealed', 'detail.activityId': id })).toBe(0);
  });

  it('is not found for another district’s staff and refused to a member', async () => {
    const { id } = await activityWithEntrants();
    const otherDistrict = await exportRoster(id, binjiangStaff, '?revealReason=%E6%A0%B8%E5%AF%B9%E5%90%8D%E5%8D%95');
    expect(otherDistrict.response.status).toBe(404);
    expect(otherDistrict.json().error.message).toBe('活动不存在');

    const [member] = await memberSessions(api, orgs.xihuTech, 1);
    const asMember = await exportRoster(id, member!.token);
    expect(asMember.response.status).toBe(403);
    expect(asMember.json().error.message).toBe('此功能仅限工作人员使用');
    expect(await TrailEventModel.countDocuments({ kind: 'activity.roster_revealed', 'detail.activityId': id })).toBe(0);
  });
});
