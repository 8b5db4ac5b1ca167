/**
 * 代报名 over HTTP: union office staff sign up a worker found by name and ID number (no WeChat
 * account needed); a wrong pair is one generic mismatch; replays give the same entry; staff
 * of another district see 404 and members cannot call it.
 */
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, createOrgTree, makeIdNumber, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { MemberModel } from '../membership/member.model';
import {
  activityInput,
  memberSessions,
  organiser,
  publishedActivity,
  requestId,
  type MemberSession,
} from './test-support';

let api: TestApi;
let orgs: OrgTree;
let xihuStaff: string;
let binjiangStaff: string;
let member: MemberSession;
const idNumber = makeIdNumber('330106', '19800315', '123');
const otherIdNumber = makeIdNumber('330106', '19810315', '125');

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  xihuStaff = await organiser(api, orgs.xihu, 'xihu-on-behalf');
  binjiangStaff = await organiser(api, orgs.binjiang, 'binjiang-on-behalf');
  member = (await memberSessions(api, orgs.xihuTech, 1))[0]!;
  const { cipher } = api.running.runtime;
  const worker = (name: string, id: string, no: string, mobile: string) => ({
    _id: new Types.ObjectId(),
    memberNo: no,
    name,
    idNumberSealed: cipher.encrypt(id),
    idNumberIndex: cipher.blindIndex('idNumber', id),
    mobileSealed: cipher.encrypt(mobile),
    mobileIndex: cipher.blindIndex('mobile', mobile),
    occupation: 'employee',
    orgId: orgs.xihuTech._id,
    orgPath: orgs.xihuTech.path,
    joinedAt: new Date('2020-05-01T00:00:00Z'),
    status: 'active',
    // A worker without a phone: never bound to a WeChat account.
    boundAccountId: null,
  });
  await MemberModel.insertMany([
    worker('王建国', idNumber, 'OB000001', '13700000001'),
    worker('李秀英', otherIdNumber, 'OB000002', '13700000002'),
  ]);
}, 60_000);
afterAll(() => api.stop());

const onBehalf = (token: string, activityId: string, body: Record<string, unknown>) =>
  api.request('POST', `/api/staff/activities/${activityId}/entries/on-behalf`, {
    token,
    body: { groupId: 'open', requestId: requestId(), ...body },
  });

describe('代报名', () => {
  it('signs up a worker without WeChat, shows 代报名 on the staff list, and replays the same entry', async () => {
    const activityId = await publishedActivity(api, xihuStaff, activityInput(orgs));
    const id = requestId();
    const made = await onBehalf(xihuStaff, activityId, { name: '王建国', idNumber, requestId: id });
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ status: 'confirmed', onBehalf: true, memberNo: 'OB000001' });
    expect(made.body.memberName).not.toBe('王建国');

    const replay = await onBehalf(xihuStaff, activityId, { name: '王建国', idNumber, requestId: id });
    expect(replay.body.id).toBe(made.body.id);
    const duplicate = await onBehalf(xihuStaff, activityId, { name: '王建国', idNumber });
    expect(duplicate.status).toBe(409);

    const list = await api.request('GET', `/api/staff/activities/${activityId}/entries`, { token: xihuStaff });
    expect(list.body.items).toEqual([expect.objectContaining({ id: made.body.id, onBehalf: true })]);
  });

  it('answers one generic mismatch for a wrong name or an unknown ID number', async () => {
    const activityId = await publishedActivity(api, xihuStaff, activityInput(orgs));
    const wrongName = await onBehalf(xihuStaff, activityId, { name: '李秀英', idNumber });
    const unknown = await onBehalf(xihuStaff, activityId, {
      name: '王建国',
      idNumber: makeIdNumber('330106', '19900101', '131'),
    });
    for (const refused of [wrongName, unknown]) {
      expect(refused.status).toBe(400);
      expect(refused.body.error.details).toEqual([
        { path: 'name', message: '姓名与身份证号不匹配' },
        { path: 'idNumber', message: '姓名与身份证号不匹配' },
      ]);
    }
  });

  it('answers the same mismatch for a true name and ID number of a member outside the subtree', async () => {
    const activityId = await publishedActivity(api, xihuStaff, activityInput(orgs));
    const binjiangIdNumber = makeIdNumber('330108', '19820315', '127');
    await createMember(api.running.runtime.cipher, orgs.binjiangTech, {
      name: '赵桂兰',
      idNumber: binjiangIdNumber,
      mobile: '13700000003',
    });
    const outside = await onBehalf(xihuStaff, activityId, { name: '赵桂兰', idNumber: binjiangIdNumber });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details).toEqual([
      { path: 'name', message: '姓名与身份证号不匹配' },
      { path: 'idNumber', message: '姓名与身份证号不匹配' },
    ]);
    const unknown = await onBehalf(xihuStaff, activityId, {
      name: '赵桂兰',
      idNumber: makeIdNumber('330108', '19820315', '135'),
    });
    const withoutRequestId = ({ requestId: _, ...error }: Record<string, unknown>) => error;
    expect(withoutRequestId(outside.body.error)).toEqual(withoutRequestId(unknown.body.error));
  });

  it('answers 404 to staff of another district and 403 to a member', async () => {
    const activityId = await publishedActivity(api, xihuStaff, activityInput(orgs));
    const body = { name: '李秀英', idNumber: otherIdNumber };
    expect((await onBehalf(binjiangStaff, activityId, body)).status).toBe(404);
    expect((await onBehalf(member.token, activityId, body)).status).toBe(403);
  });
});
