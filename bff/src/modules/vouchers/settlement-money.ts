/**
 * What one redeemed voucher counts for in the monthly settlement (settlement.service.ts), the
 * one rule the settlement's sums and the cadres' figures (figures.ts) both follow.
 */
import { offerKind } from '@union/shared';
import type { VoucherDoc } from './voucher.model';

export interface SettlementMoney {
  faceValueFen: number;
  memberPaidFen: number;
  unionSubsidyFen: number;
  owedToMerchantFen: number;
}

/** What one redeemed voucher counts for in the settlement. */
export function settlementMoneyOf(voucher: VoucherDoc): SettlementMoney {
  if (offerKind(voucher.kind).settlement !== 'money') {
    return { faceValueFen: 0, memberPaidFen: 0, unionSubsidyFen: 0, owedToMerchantFen: 0 };
  }
  return {
    faceValueFen: voucher.faceValueFen,
    memberPaidFen: voucher.paidFen,
    unionSubsidyFen: voucher.unionSubsidyFen,
    owedToMerchantFen: voucher.paidFen + voucher.unionSubsidyFen,
  };
}
