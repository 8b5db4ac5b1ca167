import { CARD_TOKEN_BATCH_SIZE, type CardQrBatch } from '@union/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signIn } from '../../../test/fixtures';
import { VOUCHER_ID, voucher } from '../../../test/offer-fixtures';
import { MAX_OFFLINE_VOUCHERS, dropVoucherCopy, loadVoucherForOffline, saveVoucherForOffline } from './voucher-cache';

const NOW = Date.parse('2026-03-01T08:00:00.000Z');

function batch(fromMs: number): CardQrBatch {
  return {
    tokens: Array.from({ length: CARD_TOKEN_BATCH_SIZE }, (_, i) => ({
      token: `UV1.t-${i}`,
      validFrom: new Date(fromMs + i * 60_000).toISOString(),
      expiresAt: new Date(fromMs + (i + 1) * 60_000).toISOString(),
    })),
  };
}

describe('offline copies of vouchers', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW });
    signIn();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps only the tokens not yet expired', () => {
    saveVoucherForOffline(voucher(), batch(NOW - 3 * 60_000), 0);
    expect(loadVoucherForOffline(VOUCHER_ID)?.tokens.map((qr) => qr.token)).toEqual([
      'UV1.t-3',
      'UV1.t-4',
      'UV1.t-5',
      'UV1.t-6',
      'UV1.t-7',
      'UV1.t-8',
      'UV1.t-9',
    ]);
    vi.setSystemTime(NOW + 5 * 60_000);
    expect(loadVoucherForOffline(VOUCHER_ID)?.tokens[0]?.token).toBe('UV1.t-8');
  });

  it('keeps only unused vouchers, and only the most recent ones', () => {
    const ids = Array.from({ length: MAX_OFFLINE_VOUCHERS + 1 }, (_, i) => `v${i}`);
    for (const id of ids) saveVoucherForOffline(voucher({ id }), batch(NOW), 0);
    expect(loadVoucherForOffline('v0')).toBeNull();
    expect(loadVoucherForOffline('v1')).not.toBeNull();
    expect(loadVoucherForOffline(`v${MAX_OFFLINE_VOUCHERS}`)).not.toBeNull();

    saveVoucherForOffline(voucher({ id: 'v1', status: 'refunding', displayStatus: 'refunding' }), batch(NOW), 0);
    expect(loadVoucherForOffline('v1')).toBeNull();
    dropVoucherCopy('v2');
    expect(loadVoucherForOffline('v2')).toBeNull();
    expect(loadVoucherForOffline('v3')).not.toBeNull();
  });

  it('is not shown to another account signed in on the same phone', () => {
    saveVoucherForOffline(voucher(), batch(NOW), 0);
    signIn({ me: { ...signIn().me, id: '64b7f0c2a1b2c3d4e5f6bbbb' } });
    expect(loadVoucherForOffline(VOUCHER_ID)).toBeNull();
  });
});
