import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import {
  createMember,
  createOrgTree,
  createStaff,
  loginStaff,
  loginWechat,
  makeIdNumber,
  type OrgTree,
} from '../../../test/fixtures';
import { MemberModel } from './member.model';

let api: TestApi;
let orgs: OrgTree;
const zhang = { name: '张伟', idNumber: makeIdNumber('330106', '19880512', '031'), mobile: '13800000001' };
const li = { name: '李娜', idNumber: makeIdNumber('330106', '19920211', '042'), mobile: '13800000002' };
const zhao = { name: '赵敏', idNumber: makeIdNumber('330108', '19850101', '055'), mobile: '13800000006' };
const members: Record<string, { id: string }> = {};

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  const cipher = api.running.runtime.cipher;
  members.zhang = await createMember(cipher, orgs.xihuTech, zhang);
  members.li = await createMember(cipher, orgs.xihuTech, li);
  members.zhao = await createMember(cipher, orgs.binjiangTech, zhao);
  await createStaff('xihu_staff', [{ role: 'union_staff', org: orgs.xihu }]);
  await createStaff('binjiang_staff', [{ role: 'union_staff', org: orgs.binjiang }]);
  await createStaff('keeper', [{ role: 'station_keeper', org: orgs.xixi }]);
});
afterAll(() => api.stop());

const bind = (token: string, body: object) => api.request('POST', '/api/membership/bind', { token, body });

describe('real-name binding', () => {
  it('binds a WeChat account to the matching roster entry and shows the member their own full numbers', async () => {
    const { token } = await loginWechat(api, 'wx-zhang');
    const response = await bind(token, { ...zhang, idNumber: zhang.idNumber.toLowerCase() });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: '张伟',
      idNumber: zhang.idNumber,
      mobile: zhang.mobile,
      orgName: '杭州西溪科技有限公司工会',
    });
    const me = await api.request('GET', '/api/me', { token });
    expect(me.body.member).toMatchObject({ id: members.zhang!.id, maskedName: '张*' });
    expect(me.body.roles[0]).toMatchObject({ role: 'member' });
  });

  it('is idempotent: binding the same person again succeeds without change', async () => {
    const { token } = await loginWechat(api, 'wx-zhang');
    expect((await bind(token, zhang)).status).toBe(200);
  });

  it('stores ID and mobile numbers only in encrypted form', async () => {
    const raw = await MemberModel.collection.findOne({ _id: new Types.ObjectId(members.zhang!.id) });
    const stored = JSON.stringify(raw);
    expect(stored).not.toContain(zhang.idNumber);
    expect(stored).not.toContain(zhang.mobile);
  });

  it('refuses a second WeChat account for an already bound member', async () => {
    const { token } = await loginWechat(api, 'wx-impostor');
    const response = await bind(token, zhang);
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('member_already_bound');
  });

  it('refuses when the name or mobile does not match the roster', async () => {
    const { token } = await loginWechat(api, 'wx-li');
    const wrongMobile = await bind(token, { ...li, mobile: '13900000000' });
    expect(wrongMobile.status).toBe(400);
    expect(wrongMobile.body.error.code).toBe('identity_mismatch');
    const wrongName = await bind(token, { ...li, name: '李四' });
    expect(wrongName.body.error.code).toBe('identity_mismatch');
  });

  it('tells a person who is not in the roster that they can apply to join', async () => {
    const { token } = await loginWechat(api, 'wx-stranger');
    const response = await bind(token, {
      name: '孙悟空',
      idNumber: makeIdNumber('330102', '19950505', '777'),
      mobile: '13700000000',
    });
    expect(response.status).toBe(404);
    expect(response.body.error.message).toMatch(/申请入会/);
  });

  it('binds a member to exactly one of two accounts racing for it', async () => {
    const first = await loginWechat(api, 'wx-li-phone-a');
    const second = await loginWechat(api, 'wx-li-phone-b');
    const results = await Promise.all([bind(first.token, li), bind(second.token, li)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const member = await MemberModel.findById(members.li!.id).lean();
    const winner = results[0]!.status === 200 ? first : second;
    expect(String(member!.boundAccountId)).toBe(winner.session.me.id);
  });

  it('refuses to bind a second member to an already bound account', async () => {
    const { token } = await loginWechat(api, 'wx-zhang');
    const response = await bind(token, zhao);
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('account_already_bound');
  });
});

describe('reading member data', () => {
  it('never lets one member read another member by changing the id', async () => {
    const { token } = await loginWechat(api, 'wx-zhang');
    expect((await api.request('GET', `/api/members/${members.zhang!.id}`, { token })).status).toBe(200);
    const other = await api.request('GET', `/api/members/${members.zhao!.id}`, { token });
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toContain('赵敏');
  });

  it('shows union staff in scope a masked profile, and staff elsewhere nothing', async () => {
    const xihu = await loginStaff(api, 'xihu_staff');
    const seen = await api.request('GET', `/api/members/${members.zhang!.id}`, { token: xihu });
    expect(seen.status).toBe(200);
    expect(seen.body.idNumber).toBe(`${zhang.idNumber.slice(0, 4)}**********${zhang.idNumber.slice(-4)}`);
    expect(seen.body.mobile).toBe('138****0001');
    const binjiang = await loginStaff(api, 'binjiang_staff');
    expect((await api.request('GET', `/api/members/${members.zhang!.id}`, { token: binjiang })).status).toBe(404);
  });

  it('does not let a station keeper browse the roster', async () => {
    const keeper = await loginStaff(api, 'keeper');
    expect((await api.request('GET', `/api/members/${members.zhang!.id}`, { token: keeper })).status).toBe(404);
  });
});
