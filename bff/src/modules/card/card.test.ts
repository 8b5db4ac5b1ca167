import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CARD_TOKEN_BATCH_SIZE, CARD_TOKEN_TTL_SECONDS, verifyCardToken } from '@union/shared';
import { startTestApi, type TestApi } from '../../../test/harness';
import {
  createMember,
  createOrgTree,
  createStaff,
  loginStaff,
  loginWechat,
  makeIdNumber,
} from '../../../test/fixtures';
import { MemberModel } from '../membership/member.model';

let api: TestApi;
let memberToken: string;
let memberId: string;
let keeper: string;
const li = { name: '李娜', idNumber: makeIdNumber('330106', '19920211', '042'), mobile: '13800000002' };

beforeAll(async () => {
  api = await startTestApi();
  const orgs = await createOrgTree();
  memberId = (await createMember(api.running.runtime.cipher, orgs.xihuTech, li)).id;
  await createStaff('keeper', [{ role: 'station_keeper', org: orgs.xixi }]);
  await createStaff('merchant', [{ role: 'merchant_staff', org: orgs.city }]);
  keeper = await loginStaff(api, 'keeper');
  memberToken = (await loginWechat(api, 'wx-li')).token;
  await api.request('POST', '/api/membership/bind', { token: memberToken, body: li });
});
afterAll(() => api.stop());

const verify = (token: string, staffToken = keeper) =>
  api.request('POST', '/api/staff/card-verifications', { token: staffToken, body: { token } });

describe('the electronic union card', () => {
  it('shows the member card with a masked ID and ten consecutive one-minute QR tokens', async () => {
    const card = await api.request('GET', '/api/card', { token: memberToken });
    expect(card.status).toBe(200);
    expect(card.body).toMatchObject({ name: '李娜', orgName: '杭州西溪科技有限公司工会', status: 'active' });
    expect(card.body.maskedIdNumber).toBe(`3301**********${li.idNumber.slice(-4)}`);
    const tokens: { validFrom: string; expiresAt: string }[] = card.body.qr.tokens;
    expect(tokens).toHaveLength(CARD_TOKEN_BATCH_SIZE);
    expect(Math.abs(Date.parse(tokens[0]!.validFrom) - Date.parse(card.body.serverTime))).toBeLessThan(1000);
    tokens.forEach((window, index) => {
      expect(Date.parse(window.expiresAt) - Date.parse(window.validFrom)).toBe(CARD_TOKEN_TTL_SECONDS * 1000);
      if (index > 0) expect(window.validFrom).toBe(tokens[index - 1]!.expiresAt);
    });
  });

  it('can be verified offline with the published public key', async () => {
    const card = await api.request('GET', '/api/card', { token: memberToken });
    const keys = await api.request('GET', '/api/card/public-keys');
    const check = verifyCardToken(card.body.qr.tokens[0].token, keys.body.keys);
    expect(check).toMatchObject({ result: 'valid', claims: { memberId } });
  });

  it('accepts each token of a batch only in its own minute', async () => {
    const batch = (await api.request('POST', '/api/card/qr', { token: memberToken })).body.tokens;
    expect((await verify(batch[5].token)).body.result).toBe('not_yet_valid');
    vi.useFakeTimers({ now: Date.parse(batch[5].validFrom) + 1000, toFake: ['Date'] });
    try {
      expect((await verify(batch[5].token)).body.result).toBe('valid');
      expect((await verify(batch[0].token)).body.result).toBe('expired');
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers a staff scan of a live card with valid and the masked member summary', async () => {
    const qr = await api.request('POST', '/api/card/qr', { token: memberToken });
    const result = await verify(qr.body.tokens[0].token);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ result: 'valid', member: { maskedName: '李*', status: 'active' } });
    expect(JSON.stringify(result.body)).not.toContain(li.idNumber);
  });

  it('answers a screenshot older than a minute with expired', async () => {
    const qr = await api.request('POST', '/api/card/qr', { token: memberToken });
    vi.useFakeTimers({ now: Date.now() + (CARD_TOKEN_TTL_SECONDS + 10) * 1000, toFake: ['Date'] });
    try {
      expect((await verify(qr.body.tokens[0].token)).body.result).toBe('expired');
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers a tampered token with forged', async () => {
    const qr = await api.request('POST', '/api/card/qr', { token: memberToken });
    const otherMember = '0'.repeat(24);
    const swapped = qr.body.tokens[0].token.replace(memberId, otherMember);
    expect((await verify(swapped)).body).toMatchObject({ result: 'forged', member: null });
    expect((await verify('hello world')).body.result).toBe('forged');
  });

  it('answers a suspended member with suspended, and issues them no QR', async () => {
    const qr = await api.request('POST', '/api/card/qr', { token: memberToken });
    await MemberModel.updateOne({ _id: memberId }, { $set: { status: 'suspended' } });
    try {
      expect((await verify(qr.body.tokens[0].token)).body).toMatchObject({
        result: 'suspended',
        member: { status: 'suspended' },
      });
      const card = await api.request('GET', '/api/card', { token: memberToken });
      expect(card.body).toMatchObject({ status: 'suspended', qr: null });
      expect((await api.request('POST', '/api/card/qr', { token: memberToken })).status).toBe(404);
    } finally {
      await MemberModel.updateOne({ _id: memberId }, { $set: { status: 'active' } });
    }
  });

  it('lets merchant staff verify too, but not members', async () => {
    const qr = await api.request('POST', '/api/card/qr', { token: memberToken });
    expect((await verify(qr.body.tokens[0].token, await loginStaff(api, 'merchant'))).body.result).toBe('valid');
    expect((await verify(qr.body.tokens[0].token, memberToken)).status).toBe(403);
  });

  it('tells an unbound user to bind first', async () => {
    const { token } = await loginWechat(api, 'wx-nobody');
    const card = await api.request('GET', '/api/card', { token });
    expect(card.status).toBe(404);
    expect(card.body.error.message).toMatch(/实名绑定/);
  });
});
