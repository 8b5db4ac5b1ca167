import { Types } from 'mongoose';
import type { AdminMerchant, MerchantCategory, MerchantDetail, MerchantSummary } from '@union/shared';
import { AccountModel } from '../auth/account.model';
import { organizationNames } from '../organizations/service';
import { catalogueHooks } from './catalogue';
import { merchantsWithClerkOrInvitation } from './clerk-todo';
import type { MerchantDoc } from './merchant.model';

/** Images are served by the public merchantImage endpoint, by their own id. */
const merchantImageUrl = (merchantId: Types.ObjectId | string, imageId: Types.ObjectId | string) =>
  `/api/benefits/merchants/${String(merchantId)}/images/${String(imageId)}`;

type ImageRef = { _id?: Types.ObjectId | null } | null | undefined;
const imageUrl = (merchant: Pick<MerchantDoc, '_id'>, image: ImageRef) =>
  image?._id ? merchantImageUrl(merchant._id, image._id) : null;

export function presentMerchantSummary(merchant: MerchantDoc): MerchantSummary {
  return {
    id: String(merchant._id),
    name: merchant.name,
    category: merchant.category as MerchantCategory,
    address: merchant.address,
    location: { lat: merchant.location.lat, lng: merchant.location.lng },
    phone: merchant.phone ?? '',
    logoUrl: imageUrl(merchant, merchant.logo),
  };
}

export function presentMerchantDetail(merchant: MerchantDoc, orgName: string): MerchantDetail {
  return {
    ...presentMerchantSummary(merchant),
    description: merchant.description ?? '',
    photos: (merchant.photos ?? []).map((photo) => ({ id: String(photo._id), url: imageUrl(merchant, photo)! })),
    orgId: String(merchant.orgId),
    orgName,
    status: merchant.status as MerchantDetail['status'],
  };
}

type CountRow = { _id: Types.ObjectId; count: number };
const perMerchant = { $group: { _id: '$merchantId', count: { $sum: 1 } } };
const countMap = (rows: CountRow[]) => new Map(rows.map((row) => [String(row._id), row.count]));

export async function presentAdminMerchants(merchants: MerchantDoc[], now = new Date()): Promise<AdminMerchant[]> {
  if (merchants.length === 0) return [];
  const ids = merchants.map((merchant) => merchant._id);
  const [names, staffCounts, offerCounts, covered] = await Promise.all([
    organizationNames(merchants.map((merchant) => merchant.orgId)),
    AccountModel.aggregate<CountRow>([{ $match: { merchantId: { $in: ids } } }, perMerchant]).then(countMap),
    catalogueHooks().activeOfferCounts(ids),
    merchantsWithClerkOrInvitation(ids, now),
  ]);
  return merchants.map((merchant) => {
    const id = String(merchant._id);
    return {
      ...presentMerchantDetail(merchant, names.get(String(merchant.orgId)) ?? ''),
      staffCount: staffCounts.get(id) ?? 0,
      activeOfferCount: offerCounts.get(id) ?? 0,
      createdAt: (merchant as { createdAt?: Date }).createdAt?.toISOString() ?? new Date(0).toISOString(),
      // As needsClerkFilter decides it, so the mark and the to-do's queue agree.
      needsClerk: merchant.status === 'active' && !covered.has(id),
    };
  });
}

export const presentAdminMerchant = async (merchant: MerchantDoc) => (await presentAdminMerchants([merchant]))[0]!;
