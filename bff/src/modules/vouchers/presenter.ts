/**
 * What members, clerks and union staff see of vouchers, redemptions and the audit trail.
 * Member and clerk names leave the BFF masked; a voucher shows its merchant as it is now.
 */
import type { Types } from 'mongoose';
import {
  contract,
  isPaidOfferKind,
  maskName,
  voucherDisplayStatus,
  type EndpointResponse,
  type Redemption,
  type RedemptionPreview,
  type Voucher,
  type VoucherStatus,
} from '@union/shared';
import { AccountModel } from '../auth/account.model';
import { MerchantModel, type MerchantDoc } from '../merchants/merchant.model';
import { presentMerchantSummary } from '../merchants/presenter';
import { MemberModel } from '../membership/member.model';
import type { BenefitEventDoc } from './audit-trail.service';
import type { VoucherDoc } from './voucher.model';

type BenefitEventView = EndpointResponse<typeof contract.vouchers.benefitEvents>['items'][number];

const idsOf = (ids: (Types.ObjectId | null | undefined)[]) => [...new Set(ids.filter(Boolean).map(String))];

async function merchantsById(ids: (Types.ObjectId | null)[]): Promise<Map<string, MerchantDoc>> {
  const merchants = await MerchantModel.find({ _id: { $in: idsOf(ids) } }).lean<MerchantDoc[]>();
  return new Map(merchants.map((merchant) => [String(merchant._id), merchant]));
}

export async function presentVouchers(vouchers: VoucherDoc[], now: Date): Promise<Voucher[]> {
  const merchants = await merchantsById(vouchers.map((voucher) => voucher.merchantId));
  return vouchers.map((voucher) => {
    const merchant = merchants.get(String(voucher.merchantId));
    // Merchants are never deleted (only suspended), so a missing one is corrupt data, not a client error.
    if (!merchant) throw new Error(`merchant of voucher ${String(voucher._id)} is missing`);
    const status = voucher.status as VoucherStatus;
    return {
      id: String(voucher._id),
      code: voucher.code,
      status,
      displayStatus: voucherDisplayStatus({ status, validUntil: voucher.validUntil }, now),
      offer: {
        id: String(voucher.offerId),
        title: voucher.title,
        kind: voucher.kind,
        headline: voucher.headline,
        usageNotes: voucher.usageNotes ?? '',
      },
      merchant: presentMerchantSummary(merchant),
      faceValueFen: voucher.faceValueFen,
      paidFen: voucher.paidFen,
      validFrom: voucher.validFrom.toISOString(),
      validUntil: voucher.validUntil.toISOString(),
      claimedAt: voucher.claimedAt.toISOString(),
      redeemedAt: voucher.redeemedAt?.toISOString() ?? null,
      refundedAt: voucher.refundedAt?.toISOString() ?? null,
      orderId: voucher.orderId ? String(voucher.orderId) : null,
      // Only what the member paid for can be refunded (a union-paid card costs them nothing);
      // an expired one stays refundable: they paid and never used it.
      canRefund: isPaidOfferKind(voucher.kind) && voucher.paidFen > 0 && status === 'unused',
    };
  });
}

export async function presentVoucher(voucher: VoucherDoc, now: Date): Promise<Voucher> {
  return (await presentVouchers([voucher], now))[0]!;
}

/**
 * Names for a merchant's own redemption list: members masked; clerks by their work name, which
 * their colleagues at the counter need to recognise (the union's audit trail still masks them).
 */
async function redemptionNames(vouchers: VoucherDoc[]) {
  const [members, accounts] = await Promise.all([
    MemberModel.find({ _id: { $in: idsOf(vouchers.map((v) => v.memberId)) } }, { name: 1 }).lean(),
    AccountModel.find({ _id: { $in: idsOf(vouchers.map((v) => v.redeemedByAccountId)) } }, { displayName: 1 }).lean(),
  ]);
  const memberNames = new Map(members.map((member) => [String(member._id), maskName(member.name)]));
  const clerkNames = new Map(accounts.map((account) => [String(account._id), account.displayName]));
  return {
    member: (voucher: VoucherDoc) => memberNames.get(String(voucher.memberId)) ?? '会员',
    clerk: (voucher: VoucherDoc) => clerkNames.get(String(voucher.redeemedByAccountId)) ?? '店员',
  };
}

export async function presentRedemptions(vouchers: VoucherDoc[]): Promise<Redemption[]> {
  const names = await redemptionNames(vouchers);
  return vouchers.map((voucher) => ({
    id: String(voucher._id),
    code: voucher.code,
    offerTitle: voucher.title,
    headline: voucher.headline,
    faceValueFen: voucher.faceValueFen,
    paidFen: voucher.paidFen,
    memberMaskedName: names.member(voucher),
    redeemedAt: (voucher.redeemedAt ?? new Date(0)).toISOString(),
    redeemedByName: names.clerk(voucher),
  }));
}

export async function presentPreviewVoucher(voucher: VoucherDoc): Promise<NonNullable<RedemptionPreview['voucher']>> {
  const names = await redemptionNames([voucher]);
  return {
    id: String(voucher._id),
    code: voucher.code,
    offerTitle: voucher.title,
    headline: voucher.headline,
    faceValueFen: voucher.faceValueFen,
    paidFen: voucher.paidFen,
    memberMaskedName: names.member(voucher),
    validUntil: voucher.validUntil.toISOString(),
    redeemedAt: voucher.redeemedAt?.toISOString() ?? null,
  };
}

export function presentBenefitEvent(event: BenefitEventDoc): BenefitEventView {
  return {
    id: String(event._id),
    kind: event.kind,
    at: event.at.toISOString(),
    actor: { kind: event.actorKind, label: event.actorLabel },
    amountFen: event.amountFen ?? null,
    summary: event.summary,
  };
}
