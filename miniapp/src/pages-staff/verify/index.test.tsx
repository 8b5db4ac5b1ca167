import { ed25519 } from '@noble/curves/ed25519.js';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import {
  asciiBytes,
  cardTokenSigningInput,
  encodeCardToken,
  type CardTokenClaims,
  type VerifyCardResponse,
} from '@union/shared';
import { describe, expect, it } from 'vitest';
import { MEMBER_ID, signIn } from '../../../test/fixtures';
import { taroTest } from '../../../test/taro-mock';
import VerifyPage from './index';

const KEY_ID = 'k2026a';
const secretKey = ed25519.utils.randomSecretKey();
const publicKeys = [{ keyId: KEY_ID, publicKey: Buffer.from(ed25519.getPublicKey(secretKey)).toString('base64url') }];

function signedToken(expiresInSeconds: number): string {
  const claims: CardTokenClaims = {
    memberId: MEMBER_ID,
    validFrom: Math.floor(Date.now() / 1000) + expiresInSeconds - 60,
    expiresAt: Math.floor(Date.now() / 1000) + expiresInSeconds,
    keyId: KEY_ID,
  };
  return encodeCardToken(claims, ed25519.sign(asciiBytes(cardTokenSigningInput(claims)), secretKey));
}

const VALID_RESPONSE: VerifyCardResponse = {
  result: 'valid',
  member: { maskedName: '张*', memberNo: 'M2026000123', orgName: '朝阳区快递行业工会联合会', status: 'active' },
  checkedAt: '2026-03-01T08:00:00.000Z',
};

/** Public keys download fine; the verification request itself cannot reach the server. */
function keysOnlineThenNetworkDown() {
  taroTest.respondWith(({ path }) => {
    if (path === '/api/card/public-keys') return { statusCode: 200, data: { keys: publicKeys } };
    throw new Error('request:fail timeout');
  });
}

/** Opens the page and waits until it has saved the downloaded keys, as it does whenever it opens online. */
async function openWithKeysCached() {
  render(<VerifyPage />);
  await waitFor(() => expect(taroTest.storage.get('union.card.publicKeys')).toEqual(publicKeys));
}

async function verify(token: string) {
  fireEvent.change(screen.getByTestId('verify-token-input'), { target: { value: token } });
  fireEvent.click(screen.getByTestId('verify-submit'));
  return screen.findByTestId('verify-result');
}

describe('核验会员卡', () => {
  it('shows 有效会员 and the member for a valid card', async () => {
    signIn();
    const sent: unknown[] = [];
    taroTest.respondWith(({ path, body }) => {
      if (path === '/api/card/public-keys') return { statusCode: 200, data: { keys: publicKeys } };
      sent.push(body);
      return { statusCode: 200, data: VALID_RESPONSE };
    });
    render(<VerifyPage />);

    const result = await verify('  UC1.some-token  ');

    expect(result.getAttribute('data-mode')).toBe('online');
    expect(screen.getByTestId('verify-result-title').textContent).toBe('有效会员');
    expect(screen.getByTestId('verify-member').textContent).toContain('M2026000123');
    expect(sent).toEqual([{ token: 'UC1.some-token' }]);
  });

  it.each([
    ['expired', '二维码已过期，请会员刷新'],
    ['forged', '无效二维码（可能被篡改）'],
    ['suspended', '会籍状态异常（已暂停或已转出）'],
    ['not_yet_valid', '二维码尚未生效，请会员刷新或核对手机时间'],
    ['not_found', '未找到会员'],
  ] as const)('explains a %s card', async (result, title) => {
    signIn();
    taroTest.respondWith(({ path }) =>
      path === '/api/card/public-keys'
        ? { statusCode: 200, data: { keys: publicKeys } }
        : { statusCode: 200, data: { ...VALID_RESPONSE, result, member: null } },
    );
    render(<VerifyPage />);

    await verify('UC1.some-token');

    expect(screen.getByTestId('verify-result-title').textContent).toBe(title);
  });

  it('falls back to checking the signature offline when the network fails, and says so', async () => {
    signIn();
    keysOnlineThenNetworkDown();
    await openWithKeysCached();

    const result = await verify(signedToken(60));

    expect(result.getAttribute('data-mode')).toBe('offline');
    expect(result.getAttribute('data-result')).toBe('valid');
    expect(screen.getByTestId('verify-result-title').textContent).toBe('二维码真实有效');
    expect(screen.getByTestId('verify-offline-notice').textContent).toContain('会籍状态');
    expect(screen.getByTestId('verify-offline-notice').textContent).toContain('离线核验');
  });

  it('rejects a tampered token offline', async () => {
    signIn();
    keysOnlineThenNetworkDown();
    await openWithKeysCached();
    const genuine = signedToken(60);
    const tampered = genuine.replace(MEMBER_ID, '64b7f0c2a1b2c3d4e5f60719');

    const result = await verify(tampered);

    expect(result.getAttribute('data-result')).toBe('forged');
    expect(screen.getByTestId('verify-result-title').textContent).toBe('无效二维码（可能被篡改）');
  });

  it('reports an expired token offline', async () => {
    signIn();
    keysOnlineThenNetworkDown();
    await openWithKeysCached();

    const result = await verify(signedToken(-120));

    expect(result.getAttribute('data-result')).toBe('expired');
  });

  it('cannot check offline on a phone that never downloaded the keys', async () => {
    signIn();
    taroTest.respondWith(() => {
      throw new Error('request:fail');
    });
    render(<VerifyPage />);

    const result = await verify(signedToken(60));

    expect(result.getAttribute('data-result')).toBe('unavailable');
    expect(screen.getByTestId('verify-result-title').textContent).toBe('无法核验');
  });

  it('asks for a token before calling the server', async () => {
    signIn();
    taroTest.respondWith(() => ({ statusCode: 200, data: { keys: publicKeys } }));
    render(<VerifyPage />);

    fireEvent.click(screen.getByTestId('verify-submit'));

    expect((await screen.findByTestId('verify-error')).textContent).toBe('请扫描或输入会员卡二维码');
  });
});
