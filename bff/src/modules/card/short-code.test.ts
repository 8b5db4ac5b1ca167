import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CARD_TOKEN_BATCH_SIZE, CARD_TOKEN_CLOCK_SKEW_SECONDS, formatCardShortCode } from '@union/shared';
import { startTestApi, type TestApi } from '../../../test/harness';
import {
  createMember,
  createOrgTree,
  createStaff,
  loginStaff,
  loginWechat,
  makeIdNumber,
} from '../../../test/fixtures';
import { Types } from 'mongoose';
import { MemberModel } from '../membership/member.model';
import { CardShortCodeModel } from './short-code.model';

let api: TestApi;
let keeper: string;
let li: { token: string; id: string; memberNo: string };
let wang: { token: string; id: string; memberNo: string };

async function boundMember(api: TestApi, orgId: string, openid: string, person: Record<string, string>) {
  const created = await createMember(api.running.runtime.cipher, orgId as never, person as never);
  const token = (await loginWechat(api, openid)).token;
  await api.request('POST', '/api/membership/bind', { token, body: person });
  return { token, id: created.id, memberNo: (await MemberModel.findById(created.id).lean())!.memberNo };
}

beforeAll(async () => {
  api = await startTestApi();
  const orgs = await createOrgTree();
  li = await boundMember(api, orgs.xihuTech as never, 'wx-li', {
    name: '李娜',
    idNumber: makeIdNumber('330106', '19920211', '042'),
    mobile: '13800000002',
  });
  wang = await boundMember(api, orgs.xihuTech as never, 'wx-wang', {
    name: '王芳',
    idNumber: makeIdNumber('330105', '19950411', '306'),
    mobile: '13800000004',
  });
  await createStaff('keeper', [{ role: 'station_keeper', org: orgs.xixi }]);
  keeper = await loginStaff(api, 'keeper');
});
afterAll(() => api.stop());

type Window = { token: string; validFrom: string; expiresAt: string; shortCode: string };
const freshBatch = async (memberToken: string): Promise<Window[]> =>
  (await api.request('POST', '/api/card/qr', { token: memberToken })).body.tokens;
const verifyCode = (code: string, staffToken = keeper) =>
  api.request('POST', '/api/staff/card-verifications', { token: staffToken, body: { code } });

async function at<T>(instant: number, run: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ now: instant, toFake: ['Date'] });
  try {
    return await run();
  } finally {
    vi.useRealTimers();
  }
}

describe('the card 核验码 a clerk can type', () => {
  it('gives each one-minute QR window its own 8-digit code', async () => {
    const card = await api.request('GET', '/api/card', { token: li.token });
    const windows: Window[] = card.body.qr.tokens;
    expect(windows).toHaveLength(CARD_TOKEN_BATCH_SIZE);
    windows.forEach((window) => expect(window.shortCode).toMatch(/^\d{8}$/));
    expect(new Set(windows.map((window) => window.shortCode)).size).toBe(CARD_TOKEN_BATCH_SIZE);
  });

  it('verifies the member whose card shows the code, and only that member', async () => {
    const [liNow] = await freshBatch(li.token);
    const [wangNow] = await freshBatch(wang.token);
    const forLi = await verifyCode(liNow!.shortCode);
    expect(forLi.status).toBe(200);
    expect(forLi.body).toMatchObject({ result: 'valid', member: { maskedName: '李*', memberNo: li.memberNo } });
    const forWang = await verifyCode(wangNow!.shortCode);
    expect(forWang.body).toMatchObject({ result: 'valid', member: { maskedName: '王*', memberNo: wang.memberNo } });
  });

  it('accepts the code as read aloud in groups', async () => {
    const [now] = await freshBatch(li.token);
    const grouped = formatCardShortCode(now!.shortCode);
    expect(grouped).toMatch(/^\d{4} \d{4}$/);
    expect((await verifyCode(grouped)).body.result).toBe('valid');
  });

  it('rotates with the QR: each code works only in its own minute', async () => {
    const batch = await freshBatch(li.token);
    const later = batch[3]!;
    const early = await verifyCode(later.shortCode);
    expect(early.status).toBe(404);
    await at(Date.parse(later.validFrom) + 1000, async () => {
      expect((await verifyCode(later.shortCode)).body.result).toBe('valid');
      const past = await verifyCode(batch[0]!.shortCode);
      expect(past.status).toBe(404);
      expect(past.body.error.message).toMatch(/核验码无效或已过期/);
    });
  });

  it('refuses a code written down more than a minute ago', async () => {
    const [now] = await freshBatch(li.token);
    const response = await at(Date.parse(now!.expiresAt) + (CARD_TOKEN_CLOCK_SKEW_SECONDS + 1) * 1000, () =>
      verifyCode(now!.shortCode),
    );
    expect(response.status).toBe(404);
    expect(response.body.error.message).toMatch(/请会员刷新会员卡/);
  });

  it('keeps the code of a batch the phone still shows working after another batch is issued', async () => {
    const [first] = await freshBatch(li.token);
    await freshBatch(li.token);
    expect((await verifyCode(first!.shortCode)).body.result).toBe('valid');
  });

  it('keeps every code when several batches are issued at once (two phones, a retried refill)', async () => {
    const batches = await Promise.all([1, 2, 3, 4].map(() => freshBatch(li.token)));
    for (const batch of batches) expect((await verifyCode(batch[0]!.shortCode)).body.result).toBe('valid');
  });

  it("stores only each window's code and minute, as dates, never the signed QR token", async () => {
    const batch = await freshBatch(wang.token);
    const stored = await CardShortCodeModel.findOne({ memberId: wang.id }).lean();
    const windows = stored!.windows.filter((window) => batch.some((issued) => issued.shortCode === window.code));
    expect(windows).toHaveLength(batch.length);
    for (const window of stored!.windows) {
      expect(Object.keys(window).sort()).toEqual(['code', 'expiresAt', 'validFrom']);
      expect(window.validFrom).toBeInstanceOf(Date);
      expect(window.expiresAt).toBeInstanceOf(Date);
    }
    expect(stored!.memberId).toBeInstanceOf(Types.ObjectId);
    expect(stored!.expiresAt).toBeInstanceOf(Date);
  });

  it('refuses garbled input with a Chinese explanation before looking anything up', async () => {
    for (const garbled of ['1234567', '12345678901', '1234abcd', '']) {
      const response = await verifyCode(garbled);
      expect(response.status).toBe(400);
      expect(response.body.error.details[0].message).toMatch(/8 位数字|二选一/);
    }
    const both = await api.request('POST', '/api/staff/card-verifications', {
      token: keeper,
      body: { code: '12345678', token: 'UC1.x' },
    });
    expect(both.status).toBe(400);
    expect(both.body.error.details[0].message).toBe('请扫描会员卡二维码或输入 8 位核验码（二选一）');
  });

  it('answers a code nobody holds with 404, naming no member', async () => {
    const held = new Set((await freshBatch(li.token)).map((window) => window.shortCode));
    const unknown = ['00000000', '99999999'].find((code) => !held.has(code))!;
    const response = await verifyCode(unknown);
    expect(response.status).toBe(404);
    expect(JSON.stringify(response.body)).not.toContain('李');
  });

  it('tells a clerk when the member behind a code is suspended', async () => {
    const [now] = await freshBatch(wang.token);
    await MemberModel.updateOne({ memberNo: wang.memberNo }, { $set: { status: 'suspended' } });
    try {
      expect((await verifyCode(now!.shortCode)).body).toMatchObject({
        result: 'suspended',
        member: { status: 'suspended' },
      });
    } finally {
      await MemberModel.updateOne({ memberNo: wang.memberNo }, { $set: { status: 'active' } });
    }
  });

  it('is for staff only', async () => {
    const [now] = await freshBatch(li.token);
    expect((await verifyCode(now!.shortCode, wang.token)).status).toBe(403);
  });
});
