/**
 * The monthly settlement: for each merchant in the caller's scope, the vouchers redeemed
 * in a China calendar month and what the union owes for them (the members' payments it
 * collected plus its subsidy; see offerSplit). How a kind settles is its row's `settlement`
 * (offer-kinds.ts): free coupons count as redemptions but carry no money; a union-paid card
 * (member pays ¥0) carries its subsidy. `paidRedeemedCount` counts the vouchers that settle
 * money. Amounts come from the vouchers' own snapshot, never the offer as edited later.
 */
import type { Types } from 'mongoose';
import { chinaMonthRange, OFFER_KINDS, offerKind, type MerchantCategory, type Settlement } from '@union/shared';
import type { Actor } from '../auth/actor';
import { MerchantModel } from '../merchants/merchant.model';
import { settlementScope } from './policy';
import type { SettlementMoney } from './settlement-money';
import { VoucherModel } from './voucher.model';

const MONEY_KINDS = OFFER_KINDS.filter((kind) => offerKind(kind).settlement === 'money');

/** The vouchers a settlement counts: redeemed in the month, of merchants signed within the scope. */
export async function settlementFilter(actor: Actor, month: string, orgId: string | undefined) {
  return redeemedInMonthFilter(await settlementScope(actor, orgId), month);
}

/** Vouchers redeemed in the China month at merchants signed under any of `orgIds`. */
export function redeemedInMonthFilter(orgIds: Types.ObjectId[], month: string) {
  const { start, end } = chinaMonthRange(month);
  return { status: 'used', redeemedAt: { $gte: start, $lt: end }, merchantOrgPath: { $in: orgIds } };
}

interface CountRow {
  _id: Types.ObjectId;
  count: number;
}
interface MoneyRow extends CountRow {
  faceValueFen: number;
  memberPaidFen: number;
  unionSubsidyFen: number;
}

export async function monthlySettlement(actor: Actor, query: { month: string; orgId?: string }): Promise<Settlement> {
  return settlementOf(await settlementFilter(actor, query.month, query.orgId), query.month);
}

/** The settlement of the vouchers `match` (a settlementFilter) selects. */
export async function settlementOf(
  match: Awaited<ReturnType<typeof settlementFilter>>,
  month: string,
): Promise<Settlement> {
  const [counts, money] = await Promise.all([
    VoucherModel.aggregate<CountRow>([{ $match: match }, { $group: { _id: '$merchantId', count: { $sum: 1 } } }]),
    VoucherModel.aggregate<MoneyRow>([
      { $match: { ...match, kind: { $in: MONEY_KINDS } } },
      {
        $group: {
          _id: '$merchantId',
          count: { $sum: 1 },
          faceValueFen: { $sum: '$faceValueFen' },
          memberPaidFen: { $sum: '$paidFen' },
          unionSubsidyFen: { $sum: '$unionSubsidyFen' },
        },
      },
    ]),
  ]);
  const moneyOf = new Map(money.map((row) => [String(row._id), row]));
  const merchants = await MerchantModel.find(
    { _id: { $in: counts.map((row) => row._id) } },
    { name: 1, category: 1 },
  ).lean();
  const merchantOf = new Map(merchants.map((merchant) => [String(merchant._id), merchant]));

  const rows = counts.map((row) => {
    const paid = moneyOf.get(String(row._id));
    const merchant = merchantOf.get(String(row._id));
    const memberPaidFen = paid?.memberPaidFen ?? 0;
    const unionSubsidyFen = paid?.unionSubsidyFen ?? 0;
    return {
      merchantId: String(row._id),
      merchantName: merchant?.name ?? '（商家已不存在）',
      category: (merchant?.category ?? 'other') as MerchantCategory,
      redeemedCount: row.count,
      paidRedeemedCount: paid?.count ?? 0,
      faceValueFen: paid?.faceValueFen ?? 0,
      memberPaidFen,
      unionSubsidyFen,
      owedToMerchantFen: memberPaidFen + unionSubsidyFen,
    };
  });
  rows.sort(
    (a, b) =>
      b.owedToMerchantFen - a.owedToMerchantFen ||
      b.redeemedCount - a.redeemedCount ||
      a.merchantName.localeCompare(b.merchantName, 'zh-CN'),
  );
  const sum = (key: keyof SettlementMoney | 'redeemedCount' | 'paidRedeemedCount') =>
    rows.reduce((total, row) => total + row[key], 0);
  return {
    month,
    rows,
    totals: {
      redeemedCount: sum('redeemedCount'),
      paidRedeemedCount: sum('paidRedeemedCount'),
      faceValueFen: sum('faceValueFen'),
      memberPaidFen: sum('memberPaidFen'),
      unionSubsidyFen: sum('unionSubsidyFen'),
      owedToMerchantFen: sum('owedToMerchantFen'),
    },
  };
}
