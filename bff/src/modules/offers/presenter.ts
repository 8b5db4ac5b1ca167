import {
  offerHeadline,
  type AdminOffer,
  type CouponTerms,
  type LimitPeriod,
  type MerchantDetail,
  type Occupation,
  type OfferDetail,
  type OfferSummary,
} from '@union/shared';
import type { MerchantDoc } from '../merchants/merchant.model';
import { presentMerchantSummary } from '../merchants/presenter';
import type { OfferDoc } from './offer.model';

/** The stored terms in the contract's shape (mongoose keeps the unused fields as undefined). */
function couponTermsOf(offer: Pick<OfferDoc, 'coupon'>): CouponTerms | null {
  const coupon = offer.coupon;
  if (!coupon) return null;
  if (coupon.type === 'discount') return { type: 'discount', payPercent: coupon.payPercent! };
  return { type: 'threshold', thresholdFen: coupon.thresholdFen!, reductionFen: coupon.reductionFen! };
}

/** The headline of a stored offer (vouchers copy it when issued). */
export function headlineOf(offer: OfferDoc): string {
  return offerHeadline({
    kind: offer.kind,
    faceValueFen: offer.faceValueFen,
    priceFen: offer.priceFen,
    unionSubsidyFen: offer.unionSubsidyFen,
    coupon: couponTermsOf(offer),
  });
}

function offerFields(offer: OfferDoc) {
  return {
    id: String(offer._id),
    title: offer.title,
    kind: offer.kind,
    headline: headlineOf(offer),
    coupon: couponTermsOf(offer),
    faceValueFen: offer.faceValueFen,
    priceFen: offer.priceFen,
    unionSubsidyFen: offer.unionSubsidyFen,
    validFrom: offer.validFrom.toISOString(),
    validUntil: offer.validUntil.toISOString(),
    stockTotal: offer.stockTotal,
    stockRemaining: offer.stockRemaining,
    limitPerMember: offer.limitPerMember,
    limitPeriod: offer.limitPeriod as LimitPeriod,
    audience: {
      occupations: [...(offer.audience?.occupations ?? [])] as Occupation[],
      hardshipFamiliesOnly: Boolean(offer.audience?.hardshipFamiliesOnly),
    },
    status: offer.status as OfferSummary['status'],
  };
}

export function presentOfferSummary(
  offer: OfferDoc,
  merchant: MerchantDoc,
  distanceMeters: number | null,
): OfferSummary {
  return {
    ...offerFields(offer),
    merchant: presentMerchantSummary(merchant),
    distanceMeters: distanceMeters === null ? null : Math.round(distanceMeters),
  };
}

export function presentOfferDetail(
  offer: OfferDoc,
  merchant: MerchantDetail,
  extra: Pick<OfferDetail, 'eligibility' | 'paymentsEnabled'> & { distanceMeters: number | null },
): OfferDetail {
  return {
    ...offerFields(offer),
    description: offer.description ?? '',
    usageNotes: offer.usageNotes ?? '',
    merchant,
    distanceMeters: extra.distanceMeters === null ? null : Math.round(extra.distanceMeters),
    eligibility: extra.eligibility,
    paymentsEnabled: extra.paymentsEnabled,
  };
}

export function presentAdminOffer(offer: OfferDoc, merchant: MerchantDoc): AdminOffer {
  return {
    ...presentOfferSummary(offer, merchant, null),
    description: offer.description ?? '',
    usageNotes: offer.usageNotes ?? '',
    orgId: String(offer.orgId),
    // Units taken by claims and by orders, paid or still awaiting payment.
    claimedCount: offer.stockTotal - offer.stockRemaining,
    // Counted up by each redemption (vouchers/redemption.service.ts).
    redeemedCount: offer.redeemedCount ?? 0,
    createdAt: (offer as { createdAt?: Date }).createdAt?.toISOString() ?? new Date(0).toISOString(),
  };
}
