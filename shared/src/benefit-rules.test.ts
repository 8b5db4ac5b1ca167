import { describe, expect, it } from 'vitest';
import {
  formatVoucherCode,
  isoWeekKey,
  isWellFormedVoucherCode,
  limitPeriodKey,
  luhnCheckDigit,
  voucherDisplayStatus,
} from './benefit-rules';
import { offerHeadline, offerMoneyProblems, offerNeedsPayment, offerSplit, yuanText } from './offer-kinds';

describe('limitPeriodKey', () => {
  // 2026-11-30T16:30Z is 2026-12-01 00:30 in China: the claim counts in December there.
  const justAfterChinaMidnight = new Date('2026-11-30T16:30:00Z');

  it('buckets by the China calendar, not UTC', () => {
    expect(limitPeriodKey('day', justAfterChinaMidnight)).toBe('2026-12-01');
    expect(limitPeriodKey('month', justAfterChinaMidnight)).toBe('2026-12');
    expect(limitPeriodKey('year', new Date('2026-12-31T16:00:00Z'))).toBe('2027');
    expect(limitPeriodKey('total', justAfterChinaMidnight)).toBe('total');
  });

  it('puts two claims in the same month in one bucket and the next month in another', () => {
    expect(limitPeriodKey('month', new Date('2026-11-01T00:00:00+08:00'))).toBe(
      limitPeriodKey('month', new Date('2026-11-30T23:59:59+08:00')),
    );
    expect(limitPeriodKey('month', new Date('2026-12-01T00:00:00+08:00'))).not.toBe(
      limitPeriodKey('month', new Date('2026-11-30T23:59:59+08:00')),
    );
  });

  it('uses ISO weeks, Monday to Sunday, including the year boundary', () => {
    expect(isoWeekKey('2026-11-16')).toBe('2026-W47'); // Monday
    expect(isoWeekKey('2026-11-22')).toBe('2026-W47'); // Sunday
    expect(isoWeekKey('2026-11-23')).toBe('2026-W48');
    expect(isoWeekKey('2027-01-01')).toBe('2026-W53'); // Friday in the last week of 2026
    expect(isoWeekKey('2024-12-30')).toBe('2025-W01');
    expect(isoWeekKey('2021-01-03')).toBe('2020-W53');
    expect(limitPeriodKey('week', new Date('2026-11-22T16:30:00Z'))).toBe('2026-W48'); // Monday 00:30 China
  });
});

describe('offerSplit', () => {
  it('splits a union-subsidised voucher: member pays, union tops up, merchant gives the rest', () => {
    // 爱心超市 card worth ¥100: member pays ¥0, union ¥88, merchant bears ¥12.
    expect(offerSplit({ kind: 'subsidised_voucher', faceValueFen: 10000, priceFen: 0, unionSubsidyFen: 8800 })).toEqual(
      {
        faceValueFen: 10000,
        memberPaysFen: 0,
        unionSubsidyFen: 8800,
        merchantDiscountFen: 1200,
        owedToMerchantFen: 8800,
      },
    );
    expect(
      offerSplit({ kind: 'subsidised_voucher', faceValueFen: 10000, priceFen: 5000, unionSubsidyFen: 5000 }),
    ).toMatchObject({
      merchantDiscountFen: 0,
      owedToMerchantFen: 10000,
    });
  });

  it('knows which offers are paid online', () => {
    expect(offerNeedsPayment({ kind: 'subsidised_voucher', priceFen: 5000 })).toBe(true);
    expect(offerNeedsPayment({ kind: 'subsidised_voucher', priceFen: 0 })).toBe(false);
    expect(offerNeedsPayment({ kind: 'member_price', priceFen: 19900 })).toBe(true);
    expect(offerNeedsPayment({ kind: 'coupon', priceFen: 0 })).toBe(false);
  });

  it('owes nothing for a free coupon', () => {
    expect(offerSplit({ kind: 'coupon', faceValueFen: 0, priceFen: 0, unionSubsidyFen: 0 }).owedToMerchantFen).toBe(0);
  });
});

describe('offerMoneyProblems', () => {
  const paid = {
    kind: 'subsidised_voucher' as const,
    coupon: null,
    faceValueFen: 10000,
    priceFen: 5000,
    unionSubsidyFen: 5000,
  };

  it('accepts a consistent offer', () => {
    expect(offerMoneyProblems(paid)).toEqual([]);
    expect(
      offerMoneyProblems({
        kind: 'coupon',
        coupon: { type: 'threshold', thresholdFen: 10000, reductionFen: 2000 },
        faceValueFen: 0,
        priceFen: 0,
        unionSubsidyFen: 0,
      }),
    ).toEqual([]);
  });

  it('names the field that is wrong', () => {
    expect(offerMoneyProblems({ ...paid, unionSubsidyFen: 6000 }).map((p) => p.path)).toEqual(['unionSubsidyFen']);
    expect(
      offerMoneyProblems({ ...paid, kind: 'member_price', priceFen: 10000, unionSubsidyFen: 0 }).map((p) => p.path),
    ).toEqual(['faceValueFen']);
    expect(offerMoneyProblems({ ...paid, priceFen: 0, unionSubsidyFen: 0 }).map((p) => p.path)).toContain(
      'unionSubsidyFen',
    );
    expect(
      offerMoneyProblems({ ...paid, kind: 'member_price', priceFen: 0, unionSubsidyFen: 0 }).map((p) => p.path),
    ).toContain('priceFen');
    // A card the union pays for entirely: the member pays nothing and claims it.
    expect(offerMoneyProblems({ ...paid, priceFen: 0, unionSubsidyFen: 8800 })).toEqual([]);
    expect(
      offerMoneyProblems({
        kind: 'coupon',
        coupon: { type: 'threshold', thresholdFen: 2000, reductionFen: 2000 },
        faceValueFen: 0,
        priceFen: 0,
        unionSubsidyFen: 0,
      }),
    ).toEqual([{ path: 'coupon.reductionFen', message: '减免金额应小于门槛金额' }]);
    expect(
      offerMoneyProblems({ kind: 'coupon', coupon: null, faceValueFen: 0, priceFen: 0, unionSubsidyFen: 0 })[0]!.path,
    ).toBe('coupon');
  });
});

describe('offerHeadline', () => {
  const none = { faceValueFen: 0, priceFen: 0, unionSubsidyFen: 0 };
  it('reads like the counter sign', () => {
    expect(
      offerHeadline({
        kind: 'coupon',
        coupon: { type: 'threshold', thresholdFen: 10000, reductionFen: 2000 },
        ...none,
      }),
    ).toBe('满100减20');
    expect(offerHeadline({ kind: 'coupon', coupon: { type: 'discount', payPercent: 88 }, ...none })).toBe('8.8折');
    expect(offerHeadline({ kind: 'coupon', coupon: { type: 'discount', payPercent: 80 }, ...none })).toBe('8折');
    expect(
      offerHeadline({
        kind: 'subsidised_voucher',
        coupon: null,
        faceValueFen: 10000,
        priceFen: 5000,
        unionSubsidyFen: 5000,
      }),
    ).toBe('50元购100元券');
    expect(
      offerHeadline({
        kind: 'subsidised_voucher',
        coupon: null,
        faceValueFen: 10000,
        priceFen: 0,
        unionSubsidyFen: 8800,
      }),
    ).toBe('免费领100元券');
    expect(
      offerHeadline({ kind: 'member_price', coupon: null, faceValueFen: 29900, priceFen: 19990, unionSubsidyFen: 0 }),
    ).toBe('会员价199.9元');
  });

  it('writes yuan without trailing zeros', () => {
    expect(yuanText(10000)).toBe('100');
    expect(yuanText(1990)).toBe('19.9');
    expect(yuanText(1)).toBe('0.01');
    expect(yuanText(0)).toBe('0');
  });
});

describe('voucherDisplayStatus', () => {
  const now = new Date('2026-11-21T10:00:00+08:00');
  it('shows an unused voucher past its validity as expired, and keeps the other states', () => {
    expect(voucherDisplayStatus({ status: 'unused', validUntil: '2026-11-21T10:00:00+08:00' }, now)).toBe('expired');
    expect(voucherDisplayStatus({ status: 'unused', validUntil: '2026-11-21T10:00:01+08:00' }, now)).toBe('unused');
    expect(voucherDisplayStatus({ status: 'used', validUntil: '2020-01-01T00:00:00Z' }, now)).toBe('used');
    expect(voucherDisplayStatus({ status: 'refunding', validUntil: '2030-01-01T00:00:00Z' }, now)).toBe('refunding');
  });
});

describe('voucher codes', () => {
  it('computes the Luhn check digit', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(isWellFormedVoucherCode('12345678901' + String(luhnCheckDigit('12345678901')))).toBe(true);
  });

  it('catches every single-digit typo and adjacent swap of a valid code', () => {
    const payload = '83016472951';
    const code = payload + String(luhnCheckDigit(payload));
    expect(isWellFormedVoucherCode(code)).toBe(true);
    for (let i = 0; i < code.length; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === code[i]) continue;
        expect(isWellFormedVoucherCode(code.slice(0, i) + d + code.slice(i + 1))).toBe(false);
      }
    }
    for (let i = 0; i + 1 < code.length; i++) {
      if (code[i] === code[i + 1]) continue;
      // Luhn misses only the 09 ↔ 90 swap.
      if ((code[i] === '0' && code[i + 1] === '9') || (code[i] === '9' && code[i + 1] === '0')) continue;
      const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
      expect(isWellFormedVoucherCode(swapped)).toBe(false);
    }
  });

  it('accepts the grouped form a clerk types and refuses other lengths', () => {
    const payload = '50000000001';
    const code = payload + String(luhnCheckDigit(payload));
    expect(formatVoucherCode(code)).toMatch(/^\d{4} \d{4} \d{4}$/);
    expect(isWellFormedVoucherCode(formatVoucherCode(code))).toBe(true);
    expect(isWellFormedVoucherCode(code.slice(1))).toBe(false);
    expect(isWellFormedVoucherCode(`${code}0`)).toBe(false);
    expect(isWellFormedVoucherCode('abcd efgh ijkl')).toBe(false);
  });
});
