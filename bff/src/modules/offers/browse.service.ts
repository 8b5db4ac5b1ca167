/**
 * What members browse: active offers of active merchants within their validity, nearest
 * first (through the in-process index) or newest first by category; and one offer's page
 * with whether the member may claim it. Stock is always read fresh from the database.
 */
import { Types } from 'mongoose';
import type { z } from 'zod';
import {
  distanceMeters,
  LIMIT_PERIOD_LABELS,
  type LatLng,
  type LimitPeriod,
  type MerchantCategory,
  type NearbyOffersQuerySchema,
  type OfferDetail,
  type OfferListQuerySchema,
  type OfferSummary,
} from '@union/shared';
import { pageById } from '../../db/id-pages';
import { NotFoundError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { MerchantModel, type MerchantDoc } from '../merchants/merchant.model';
import { presentMerchantDetail } from '../merchants/presenter';
import { MemberModel, type MemberDoc } from '../membership/member.model';
import { organizationNames } from '../organizations/service';
import { claimedInPeriod } from './claim-counts';
import { offerEligibilityReasons } from './eligibility';
import { offerIndex } from './offer-search';
import { OfferModel, type OfferDoc } from './offer.model';
import { presentOfferDetail, presentOfferSummary } from './presenter';

type NearbyQuery = z.output<typeof NearbyOffersQuerySchema>;
type ListQuery = z.output<typeof OfferListQuerySchema>;

/** Offers members see in lists (paused, ended, draft and not-yet-started ones are not listed). */
const browsableOffers = (now: Date) => ({
  status: 'active',
  validFrom: { $lte: now },
  validUntil: { $gt: now },
});

async function activeMerchantsById(ids: Types.ObjectId[]): Promise<Map<string, MerchantDoc>> {
  const merchants = await MerchantModel.find({ _id: { $in: ids }, status: 'active' }).lean<MerchantDoc[]>();
  return new Map(merchants.map((merchant) => [String(merchant._id), merchant]));
}

export async function nearbyOffers(query: NearbyQuery, now: Date): Promise<OfferSummary[]> {
  const center = { lat: query.lat, lng: query.lng };
  const hits = offerIndex().nearest(center, query.radius, query.limit, {
    category: (query.category ?? null) as MerchantCategory | null,
    now,
  });
  if (hits.length === 0) return [];
  // The index may lag a write on another instance by one poll: what is shown is checked again here.
  const offers = await OfferModel.find({
    _id: { $in: hits.map((hit) => new Types.ObjectId(hit.offerId)) },
    ...browsableOffers(now),
  }).lean<OfferDoc[]>();
  const offerById = new Map(offers.map((offer) => [String(offer._id), offer]));
  const merchants = await activeMerchantsById(offers.map((offer) => offer.merchantId));
  return hits.flatMap((hit) => {
    const offer = offerById.get(hit.offerId);
    const merchant = offer && merchants.get(String(offer.merchantId));
    return offer && merchant ? [presentOfferSummary(offer, merchant, distanceMeters(center, merchant.location))] : [];
  });
}

export async function listOffers(query: ListQuery, now: Date) {
  const suspended = await MerchantModel.find({ status: 'suspended' }, { _id: 1 }).lean();
  const filter: Record<string, unknown> = {
    ...browsableOffers(now),
    merchantId: { $nin: suspended.map((merchant) => merchant._id) },
  };
  if (query.category) filter.category = query.category;
  const page = await pageById<OfferDoc>(OfferModel, filter, query);
  const merchants = await activeMerchantsById(page.items.map((offer) => offer.merchantId));
  const from = positionOf(query);
  const items = page.items.flatMap((offer) => {
    const merchant = merchants.get(String(offer.merchantId));
    if (!merchant) return [];
    return [presentOfferSummary(offer, merchant, from ? distanceMeters(from, merchant.location) : null)];
  });
  return { items, nextCursor: page.nextCursor };
}

const positionOf = (query: { lat?: number; lng?: number }): LatLng | null =>
  query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : null;

/**
 * One offer's page. Paused, ended or sold-out offers still open (a member may follow an
 * old link) and say why they cannot be claimed; drafts do not exist for members.
 */
export async function offerDetail(
  actor: Actor,
  offerId: string,
  query: { lat?: number; lng?: number },
  options: { now: Date; paymentsEnabled: boolean },
): Promise<OfferDetail> {
  const { now } = options;
  const offer = await OfferModel.findById(offerId).lean<OfferDoc>();
  if (!offer || offer.status === 'draft') throw NotFoundError('优惠不存在');
  const merchant = await MerchantModel.findById(offer.merchantId).lean<MerchantDoc>();
  if (!merchant) throw NotFoundError('优惠不存在');
  const member = actor.memberId ? await MemberModel.findById(actor.memberId).lean<MemberDoc>() : null;
  const [reasons, claimed, orgNames] = await Promise.all([
    offerEligibilityReasons(offer, member, now, merchant),
    member ? claimedInPeriod(offer, member._id, now) : Promise.resolve(0),
    organizationNames([merchant.orgId]),
  ]);
  if (member && claimed >= offer.limitPerMember) reasons.push(limitReachedReason(offer));
  const from = positionOf(query);
  return presentOfferDetail(offer, presentMerchantDetail(merchant, orgNames.get(String(merchant.orgId)) ?? ''), {
    distanceMeters: from ? distanceMeters(from, merchant.location) : null,
    eligibility: { canClaim: reasons.length === 0, reasons, claimedInPeriod: claimed },
    paymentsEnabled: options.paymentsEnabled,
  });
}

function limitReachedReason(offer: OfferDoc): string {
  const period = offer.limitPeriod as LimitPeriod;
  return `${LIMIT_PERIOD_LABELS[period]}限领 ${offer.limitPerMember} 张，您已领满`;
}
