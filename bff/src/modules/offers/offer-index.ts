/**
 * The in-process spatial index of merchants with offers members can browse: a static
 * kd-tree (kdbush) over the merchants' locations, with each merchant's offers' windows.
 * It holds locations and windows only; everything shown (title, stock) is read fresh.
 *
 * Answers equal a brute-force scan with shared `distanceMeters`, ranked by distance then
 * offer id: geokdbush ranks by its own haversine, so cut-offs are widened by a relative
 * 1e-9 and the candidates re-ranked exactly (as the station index does).
 */
import KDBush from 'kdbush';
import { around, distance as geokdbushKm } from 'geokdbush';
import { distanceMeters, EARTH_RADIUS_KM, type LatLng, type MerchantCategory } from '@union/shared';

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

const GEOKDBUSH_KM_PER_METER = 6371 / (EARTH_RADIUS_KM * 1000);
const widen = (km: number) => km * (1 + 1e-9) + 1e-9;

const isWithinWindow = (offer: IndexedOffer, at: number) => offer.validFrom <= at && at < offer.validUntil;

function byDistanceThenOfferId(a: NearbyOffer, b: NearbyOffer): number {
  return a.distanceMeters - b.distanceMeters || (a.offerId < b.offerId ? -1 : a.offerId > b.offerId ? 1 : 0);
}

export class OfferIndex {
  private readonly tree: KDBush;

  constructor(private readonly merchants: readonly IndexedMerchant[] = []) {
    this.tree = new KDBush(merchants.length, 32, Float64Array);
    for (const merchant of merchants) this.tree.add(merchant.location.lng, merchant.location.lat);
    this.tree.finish();
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
    const predicate = (position: number) => visibleOffers(this.merchants[position]!).length > 0;
    const maxKm = widen(radiusMeters * GEOKDBUSH_KM_PER_METER);
    let positions = around(this.tree, center.lng, center.lat, limit, maxKm, predicate);
    if (positions.length === limit) {
      const last = this.merchants[positions[limit - 1]!]!.location;
      const cutoffKm = widen(geokdbushKm(center.lng, center.lat, last.lng, last.lat));
      positions = around(this.tree, center.lng, center.lat, Infinity, Math.min(maxKm, cutoffKm), predicate);
    }
    const found: NearbyOffer[] = [];
    for (const position of positions) {
      const merchant = this.merchants[position]!;
      const meters = distanceMeters(center, merchant.location);
      if (meters > radiusMeters) continue;
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
