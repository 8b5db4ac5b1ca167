/**
 * The in-process spatial index of merchants with offers members can browse: a static
 * kd-tree (kdbush) over the merchants' locations, with each merchant's offers' windows.
 * It holds locations and windows only; everything shown (title, stock) is read fresh.
 *
 * Answers equal a brute-force scan with shared `distanceMeters`, ranked by distance then
 * offer id: the nearest merchants come from the same exact box search as stations'
 * (spatial/nearest-in-tree.ts).
 */
import { distanceMeters, type LatLng, type MerchantCategory } from '@union/shared';
import { GeoPoints, nearestPoints } from '../../spatial/nearest-in-tree';

export interface IndexedOffer {
  id: string;
  validFrom: number;
  validUntil: number;
}

export interface IndexedMerchant {
  id: string;
  location: LatLng;
  category: MerchantCategory;
  offers: IndexedOffer[];
}

export interface OfferFilter {
  category: MerchantCategory | null;
  now: Date;
}

export interface NearbyOffer {
  offerId: string;
  merchantId: string;
  /** Exact great-circle distance (unrounded), as shared `distanceMeters` gives it. */
  distanceMeters: number;
}

const isWithinWindow = (offer: IndexedOffer, at: number) => offer.validFrom <= at && at < offer.validUntil;

function byDistanceThenOfferId(a: NearbyOffer, b: NearbyOffer): number {
  return a.distanceMeters - b.distanceMeters || (a.offerId < b.offerId ? -1 : a.offerId > b.offerId ? 1 : 0);
}

export class OfferIndex {
  private readonly points: GeoPoints;
  /** By position in `points`. */
  private readonly merchants: readonly IndexedMerchant[];

  constructor(merchants: readonly IndexedMerchant[] = []) {
    this.points = new GeoPoints(merchants.map((merchant) => merchant.location));
    this.merchants = Array.from(this.points.order, (given) => merchants[given]!);
  }

  get size(): number {
    return this.merchants.length;
  }

  /**
   * The `limit` nearest browsable offers within the radius. Every merchant in the index
   * that passes the filter has at least one offer, so the offers wanted all lie no farther
   * than the `limit`-th nearest such merchant: all merchants up to that distance are read.
   */
  nearest(center: LatLng, radiusMeters: number, limit: number, filter: OfferFilter): NearbyOffer[] {
    const at = filter.now.getTime();
    const visibleOffers = (merchant: IndexedMerchant) =>
      filter.category !== null && merchant.category !== filter.category
        ? []
        : merchant.offers.filter((offer) => isWithinWindow(offer, at));
    const nearest = nearestPoints(this.points, {
      center,
      radiusMeters,
      limit,
      matches: (position) => visibleOffers(this.merchants[position]!).length > 0,
    });
    const found: NearbyOffer[] = [];
    for (const { position, meters } of nearest) {
      const merchant = this.merchants[position]!;
      for (const offer of visibleOffers(merchant)) {
        found.push({ offerId: offer.id, merchantId: merchant.id, distanceMeters: meters });
      }
    }
    return found.sort(byDistanceThenOfferId).slice(0, limit);
  }
}

/** The same question answered by scanning every merchant: the reference the index is tested against. */
export function bruteForceNearbyOffers(
  merchants: readonly IndexedMerchant[],
  center: LatLng,
  radiusMeters: number,
  limit: number,
  filter: OfferFilter,
): NearbyOffer[] {
  const at = filter.now.getTime();
  const found: NearbyOffer[] = [];
  for (const merchant of merchants) {
    if (filter.category !== null && merchant.category !== filter.category) continue;
    const meters = distanceMeters(center, merchant.location);
    if (meters > radiusMeters) continue;
    for (const offer of merchant.offers) {
      if (isWithinWindow(offer, at)) found.push({ offerId: offer.id, merchantId: merchant.id, distanceMeters: meters });
    }
  }
  return found.sort(byDistanceThenOfferId).slice(0, limit);
}
