import { ed25519 } from '@noble/curves/ed25519.js';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import {
  asciiBytes,
  cardTokenSigningInput,
  encodeCardToken,
  type CardTokenClaims,
  type VerifyCardResponse,
} from '@union/shared';
import Taro from '@tarojs/taro';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MEMBER_ID, signIn } from '../../../test/fixtures';
import { decodeQrFromCamera } from '../../utils/scan-qr';
import { taroTest } from '../../../test/taro-mock';
import VerifyPage from './index';

vi.mock('../../utils/scan-qr', async (original) => ({
  ...(await original<typeof import('../../utils/scan-qr')>()),
  decodeQrFromCamera: vi.fn(),
}));

afterEach(() => {
  Object.defineProperty(navigator, 'mediaDevices', { value: undefined, configurable: true });
});

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

  it('asks for pasted content before calling the server', async () => {
    signIn();
    taroTest.respondWith(() => ({ statusCode: 200, data: { keys: publicKeys } }));
    render(<VerifyPage />);

    fireEvent.click(screen.getByTestId('verify-submit'));

    expect((await screen.findByTestId('verify-error')).textContent).toBe('请粘贴会员卡二维码内容');
  });
});

describe('核验码 typed by staff', () => {
  async function typeCode(typed: string) {
    fireEvent.change(screen.getByTestId('verify-code-input'), { target: { value: typed } });
    fireEvent.click(screen.getByTestId('verify-code-submit'));
  }

  it('verifies the 8 digits read off the card, shown in two groups as typed', async () => {
    signIn();
    const sent: unknown[] = [];
    taroTest.respondWith(({ path, body }) => {
      if (path === '/api/card/public-keys') return { statusCode: 200, data: { keys: publicKeys } };
      sent.push(body);
      return { statusCode: 200, data: VALID_RESPONSE };
    });
    render(<VerifyPage />);

    fireEvent.change(screen.getByTestId('verify-code-input'), { target: { value: '1234 5678' } });
    expect(screen.getByTestId('verify-code-grouped').textContent).toBe('1234 5678');
    fireEvent.click(screen.getByTestId('verify-code-submit'));

    expect((await screen.findByTestId('verify-result')).getAttribute('data-result')).toBe('valid');
    expect(screen.getByTestId('verify-member').textContent).toContain('M2026000123');
    expect(sent).toEqual([{ code: '12345678' }]);
  });

  it('asks for all 8 digits before calling the server', async () => {
    signIn();
    const sent: unknown[] = [];
    taroTest.respondWith(({ path, body }) => {
      if (path !== '/api/card/public-keys') sent.push(body);
      return { statusCode: 200, data: { keys: publicKeys } };
    });
    render(<VerifyPage />);

    await typeCode('1234');

    expect((await screen.findByTestId('verify-error')).textContent).toBe('请输入会员卡二维码下方的 8 位核验码');
    expect(sent).toEqual([]);
  });

  it("shows the server's explanation for a code that is wrong or past its minute", async () => {
    signIn();
    const message = '核验码无效或已过期，请核对后重新输入，或请会员刷新会员卡后再出示';
    taroTest.respondWith(({ path }) =>
      path === '/api/card/public-keys'
        ? { statusCode: 200, data: { keys: publicKeys } }
        : { statusCode: 404, data: { error: { code: 'not_found', message, requestId: 'r1', details: [] } } },
    );
    render(<VerifyPage />);

    await typeCode('87654321');

    expect((await screen.findByTestId('verify-error')).textContent).toBe(message);
    expect(screen.queryByTestId('verify-result')).toBeNull();
  });

  it('says a typed code needs the network, and points to the QR', async () => {
    signIn();
    keysOnlineThenNetworkDown();
    await openWithKeysCached();

    await typeCode('12345678');

    expect((await screen.findByTestId('verify-result')).getAttribute('data-result')).toBe('unavailable');
    expect(screen.getByTestId('verify-offline-notice').textContent).toContain('核验码只能联网核验');
  });

  it('takes a pasted 8-digit code as a code, not as a QR', async () => {
    signIn();
    const sent: unknown[] = [];
    taroTest.respondWith(({ path, body }) => {
      if (path === '/api/card/public-keys') return { statusCode: 200, data: { keys: publicKeys } };
      sent.push(body);
      return { statusCode: 200, data: VALID_RESPONSE };
    });
    render(<VerifyPage />);

    await verify(' 1234 5678 ');

    expect(sent).toEqual([{ code: '12345678' }]);
  });
});

describe('scanning the card', () => {
  it('verifies the QR read by the browser camera in H5', async () => {
    signIn();
    const sent: unknown[] = [];
    taroTest.respondWith(({ path, body }) => {
      if (path === '/api/card/public-keys') return { statusCode: 200, data: { keys: publicKeys } };
      sent.push(body);
      return { statusCode: 200, data: VALID_RESPONSE };
    });
    const track = { stop: vi.fn() };
    Object.defineProperty(navigator, 'mediaDevices', {
      value: { getUserMedia: vi.fn(async () => ({ getTracks: () => [track] })) },
      configurable: true,
    });
    vi.mocked(decodeQrFromCamera).mockImplementation(async (_stream, _video, onText) => {
      setTimeout(() => onText('UC1.from-camera'), 0);
      return { stop: vi.fn() };
    });
    render(<VerifyPage />);

    fireEvent.click(screen.getByTestId('verify-scan'));

    expect((await screen.findByTestId('verify-result')).getAttribute('data-result')).toBe('valid');
    expect(sent).toEqual([{ token: 'UC1.from-camera' }]);
    expect(track.stop).toHaveBeenCalled();
  });

  it('falls back to typing when the camera permission is refused', async () => {
    signIn();
    taroTest.respondWith(() => ({ statusCode: 200, data: { keys: publicKeys } }));
    Object.defineProperty(navigator, 'mediaDevices', {
      value: { getUserMedia: vi.fn(async () => Promise.reject(new DOMException('denied', 'NotAllowedError'))) },
      configurable: true,
    });
    render(<VerifyPage />);

    fireEvent.click(screen.getByTestId('verify-scan'));

    expect((await screen.findByTestId('scan-camera-problem')).textContent).toContain('未获得摄像头权限');
    expect(screen.getByTestId('verify-code-input')).toBeTruthy();
    expect(screen.queryByTestId('verify-result')).toBeNull();
  });

  it("uses WeChat's scanner in weapp, where no paste box is shown", async () => {
    process.env.TARO_ENV = 'weapp';
    signIn();
    const sent: unknown[] = [];
    taroTest.respondWith(({ path, body }) => {
      if (path === '/api/card/public-keys') return { statusCode: 200, data: { keys: publicKeys } };
      sent.push(body);
      return { statusCode: 200, data: VALID_RESPONSE };
    });
    vi.mocked(Taro.scanCode).mockResolvedValue({ result: 'UC1.wechat-scan' } as never);
    render(<VerifyPage />);

    expect(screen.queryByTestId('verify-token-input')).toBeNull();
    fireEvent.click(screen.getByTestId('verify-scan'));

    expect((await screen.findByTestId('verify-result')).getAttribute('data-result')).toBe('valid');
    expect(sent).toEqual([{ token: 'UC1.wechat-scan' }]);
  });
});
