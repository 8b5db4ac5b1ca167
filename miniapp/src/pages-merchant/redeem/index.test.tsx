import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it, vi } from 'vitest';
import {
  merchantClerk,
  preview,
  redemption,
  VOUCHER_CODE,
  voucherCode,
  workbench,
} from '../../../test/benefit-staff-fixtures';
import { apiError, signIn } from '../../../test/fixtures';
import { taroTest, type MockResponse } from '../../../test/taro-mock';
import { decodeQrFromCamera } from '../../utils/scan-qr';
import MerchantRedeemPage from './index';

vi.mock('../../utils/scan-qr', async (original) => ({
  ...(await original<typeof import('../../utils/scan-qr')>()),
  decodeQrFromCamera: vi.fn(),
}));

interface Sent {
  path: string;
  body: Record<string, unknown>;
}

/** The clerk's API: workbench, preview and redeem; `redeem` answers each confirmation in turn. */
function serveCounter(options: { preview?: MockResponse; redeem?: (() => MockResponse)[] } = {}) {
  const sent: Sent[] = [];
  const redeemAnswers = [...(options.redeem ?? [() => ({ statusCode: 200, data: redemption() })])];
  let workbenchCalls = 0;
  taroTest.respondWith(({ path, body }) => {
    if (path === '/api/merchant/workbench') {
      workbenchCalls += 1;
      return { statusCode: 200, data: workbench(workbenchCalls === 1 ? 3 : 4) };
    }
    sent.push({ path, body: body as Record<string, unknown> });
    if (path === '/api/merchant/redemptions/preview') return options.preview ?? { statusCode: 200, data: preview() };
    const next = redeemAnswers.shift();
    if (!next) throw new Error('unexpected redeem');
    return next();
  });
  return sent;
}

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

async function lookUpCode(code = VOUCHER_CODE) {
  await screen.findByTestId('merchant-workbench');
  type('redeem-code-input', code);
  fireEvent.click(screen.getByTestId('redeem-code-submit'));
}

const redeemCalls = (sent: Sent[]) => sent.filter((call) => call.path === '/api/merchant/redemptions');

describe('扫码核销', () => {
  it("shows the merchant and today's count, previews a typed code, then redeems it on 确认核销", async () => {
    signIn({ me: merchantClerk() });
    const sent = serveCounter();
    render(<MerchantRedeemPage />);

    expect((await screen.findByTestId('merchant-workbench-name')).textContent).toBe('西溪爱心超市');
    expect(screen.getByTestId('merchant-workbench-count').textContent).toBe('3');
    expect(screen.getByTestId('merchant-workbench-face').textContent).toBe('¥300.00');

    type('redeem-code-input', '1234 5678 9012');
    expect(screen.getByTestId('redeem-code-grouped').textContent).toBe('1234 5678 9012');
    type('redeem-code-input', VOUCHER_CODE);
    fireEvent.click(screen.getByTestId('redeem-code-submit'));

    const card = await screen.findByTestId('redeem-preview');
    expect(screen.getByTestId('redeem-preview-title').textContent).toBe('可以核销');
    expect(card.textContent).toContain('爱心超市购物卡');
    expect(card.textContent).toContain('¥100.00');
    expect(card.textContent).toContain('¥12.00');
    expect(card.textContent).toContain('张*');
    expect(card.textContent).toContain('2026-12-31 23:59');
    expect(redeemCalls(sent)).toEqual([]);

    fireEvent.click(screen.getByTestId('redeem-confirm'));

    expect(await screen.findByTestId('redeem-success')).toBeTruthy();
    expect(screen.getByTestId('redeem-success-time').textContent).toBe('2026-03-07 14:05');
    expect(sent[0]).toEqual({ path: '/api/merchant/redemptions/preview', body: { code: VOUCHER_CODE } });
    expect(redeemCalls(sent)[0]?.body).toEqual({ code: VOUCHER_CODE, requestId: expect.any(String) });
    // The header counts the new redemption.
    await waitFor(() => expect(screen.getByTestId('merchant-workbench-count').textContent).toBe('4'));
  });

  it('says why when the server refuses the redemption (409: used at another counter meanwhile)', async () => {
    signIn({ me: merchantClerk() });
    serveCounter({ redeem: [() => apiError(409, 'already_redeemed', '该券已于 14:03 核销')] });
    render(<MerchantRedeemPage />);
    await lookUpCode();

    fireEvent.click(await screen.findByTestId('redeem-confirm'));

    expect((await screen.findByTestId('redeem-refused-message')).textContent).toBe('该券已于 14:03 核销');
    fireEvent.click(screen.getByTestId('redeem-next'));
    expect(screen.getByTestId('redeem-lookup')).toBeTruthy();
  });

  it('retries a confirmation lost to the network with the same requestId; a new preview gets a new one', async () => {
    signIn({ me: merchantClerk() });
    const sent = serveCounter({
      redeem: [
        () => {
          throw new Error('request:fail timeout');
        },
        () => ({ statusCode: 200, data: redemption() }),
        () => ({ statusCode: 200, data: redemption() }),
      ],
    });
    render(<MerchantRedeemPage />);
    await lookUpCode();

    fireEvent.click(await screen.findByTestId('redeem-confirm'));
    expect((await screen.findByTestId('redeem-error')).textContent).toBe('网络不可用，请检查网络后重试');
    // Still on the same preview, ready to tap again.
    fireEvent.click(screen.getByTestId('redeem-confirm'));
    await screen.findByTestId('redeem-success');

    const [first, retry] = redeemCalls(sent);
    expect(retry?.body.requestId).toBe(first?.body.requestId);

    fireEvent.click(screen.getByTestId('redeem-next'));
    await lookUpCode();
    fireEvent.click(await screen.findByTestId('redeem-confirm'));
    await screen.findByTestId('redeem-success');
    expect(redeemCalls(sent)[2]?.body.requestId).not.toBe(first?.body.requestId);
  });

  it('rejects a mistyped code on the phone, before asking the server', async () => {
    signIn({ me: merchantClerk() });
    const sent = serveCounter();
    render(<MerchantRedeemPage />);
    const wrongCheckDigit = `${VOUCHER_CODE.slice(0, 11)}${(Number(VOUCHER_CODE[11]) + 1) % 10}`;

    await lookUpCode(wrongCheckDigit);
    expect(screen.getByTestId('redeem-error').textContent).toBe('券码有误，请核对后重新输入');

    type('redeem-code-input', '12345');
    fireEvent.click(screen.getByTestId('redeem-code-submit'));
    expect(screen.getByTestId('redeem-error').textContent).toBe('券码为 12 位数字');
    expect(sent).toEqual([]);
  });

  it("shows the server's message for a voucher that cannot be redeemed, and no confirm button", async () => {
    signIn({ me: merchantClerk() });
    const used = preview({ result: 'used', message: '该券已于 2026-03-07 14:03 核销' });
    serveCounter({
      preview: {
        statusCode: 200,
        data: { ...used, voucher: { ...used.voucher!, redeemedAt: '2026-03-07T06:03:00.000Z' } },
      },
    });
    render(<MerchantRedeemPage />);
    await lookUpCode(voucherCode('98765432109'));

    expect((await screen.findByTestId('redeem-preview-title')).textContent).toBe('券已使用');
    expect(screen.getByTestId('redeem-preview-message').textContent).toBe('该券已于 2026-03-07 14:03 核销');
    expect(screen.queryByTestId('redeem-confirm')).toBeNull();
  });

  it('scans the QR with the camera in weapp and previews by its token', async () => {
    process.env.TARO_ENV = 'weapp';
    signIn({ me: merchantClerk() });
    const sent = serveCounter();
    vi.mocked(Taro.scanCode).mockResolvedValue({ result: 'UV1.abc.def' } as never);
    render(<MerchantRedeemPage />);
    await screen.findByTestId('merchant-workbench');

    fireEvent.click(screen.getByTestId('redeem-scan'));

    await screen.findByTestId('redeem-preview');
    expect(sent[0]).toEqual({ path: '/api/merchant/redemptions/preview', body: { token: 'UV1.abc.def' } });
  });

  it('scans the QR with the browser camera in H5, and says why when the camera is refused', async () => {
    signIn({ me: merchantClerk() });
    const sent = serveCounter();
    const getUserMedia = vi
      .fn()
      .mockRejectedValueOnce(new DOMException('denied', 'NotAllowedError'))
      .mockResolvedValueOnce({ getTracks: () => [{ stop: vi.fn() }] });
    Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
    vi.mocked(decodeQrFromCamera).mockImplementation(async (_stream, _video, onText) => {
      setTimeout(() => onText('UV1.abc.def'), 0);
      return { stop: vi.fn() };
    });
    render(<MerchantRedeemPage />);
    await screen.findByTestId('merchant-workbench');

    fireEvent.click(screen.getByTestId('redeem-scan'));
    expect((await screen.findByTestId('scan-camera-problem')).textContent).toContain('未获得摄像头权限');
    expect(screen.getByTestId('redeem-code-input')).toBeTruthy();
    expect(sent).toEqual([]);

    fireEvent.click(screen.getByTestId('redeem-scan'));
    await screen.findByTestId('redeem-preview');
    expect(sent[0]).toEqual({ path: '/api/merchant/redemptions/preview', body: { token: 'UV1.abc.def' } });
    Object.defineProperty(navigator, 'mediaDevices', { value: undefined, configurable: true });
  });

  it('pastes the QR text in H5', async () => {
    signIn({ me: merchantClerk() });
    const sent = serveCounter();
    render(<MerchantRedeemPage />);
    await screen.findByTestId('merchant-workbench');

    type('redeem-token-input', '  UV1.abc.def \n');
    fireEvent.click(screen.getByTestId('redeem-token-submit'));

    await screen.findByTestId('redeem-preview');
    expect(sent[0]?.body).toEqual({ token: 'UV1.abc.def' });
  });

  it('offers binding when the account is not (or no longer) a merchant clerk', async () => {
    signIn({ me: merchantClerk({ merchant: null, roles: [] }) });
    taroTest.respondWith(() => apiError(403, 'forbidden', '此功能仅限工作人员使用'));
    render(<MerchantRedeemPage />);

    fireEvent.click(await screen.findByTestId('merchant-go-bind'));
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages-merchant/bind/index' });
  });
});
