import { describe, expect, it } from 'vitest';
import { MERCHANT_CATEGORIES, type MerchantCategory } from '@union/shared';
import { createRandom } from '../../seeded-random';
import { bruteForceNearbyOffers, OfferIndex, type IndexedMerchant } from './offer-index';

const NOW = new Date('2026-11-21T04:00:00Z');
const DAY = 86_400_000;

function randomCatalogue(seed: number, count: number): IndexedMerchant[] {
  const random = createRandom(seed);
  const merchants: IndexedMerchant[] = [];
  for (let i = 0; i < count; i++) {
    // Every tenth merchant shares a building with the one before: equal distances must tie-break by id.
    const location =
      i % 10 === 9 ? merchants[i - 1]!.location : { lat: 30.2 + random.next() * 0.2, lng: 120.0 + random.next() * 0.3 };
    merchants.push({
      id: (0x100000 + i).toString(16).padStart(24, '0'),
      location,
      category: random.pick(MERCHANT_CATEGORIES.slice(0, 4)) as MerchantCategory,
      offers: Array.from({ length: random.int(1, 3) }, (_, k) => {
        const window = random.int(0, 3);
        // 0: current, 1: not started, 2: over, 3: current.
        const from = window === 1 ? NOW.getTime() + DAY : NOW.getTime() - 30 * DAY;
        const until = window === 2 ? NOW.getTime() - DAY : NOW.getTime() + 30 * DAY;
        return { id: (0x900000 + i * 4 + k).toString(16).padStart(24, '0'), validFrom: from, validUntil: until };
      }),
    });
  }
  return merchants;
}

describe('the offer index', () => {
  it('answers exactly what a brute-force scan answers, ties and windows included', () => {
    const merchants = randomCatalogue(7, 400);
    const index = new OfferIndex(merchants);
    const random = createRandom(11);
    for (let query = 0; query < 300; query++) {
      const center = { lat: 30.2 + random.next() * 0.2, lng: 120.0 + random.next() * 0.3 };
      const radius = random.pick([300, 1000, 3000, 20_000]);
      const limit = random.int(1, 50);
      const filter = { category: random.chance(0.5) ? null : random.pick(MERCHANT_CATEGORIES.slice(0, 5)), now: NOW };
      expect(index.nearest(center, radius, limit, filter)).toEqual(
        bruteForceNearbyOffers(merchants, center, radius, limit, filter),
      );
    }
  });

  it('finds offers at the merchant’s exact position and none beyond the radius', () => {
    const [merchant] = randomCatalogue(3, 1);
    merchant!.offers = [{ id: 'a'.repeat(24), validFrom: 0, validUntil: Infinity }];
    const index = new OfferIndex([merchant!]);
    expect(index.nearest(merchant!.location, 100, 5, { category: null, now: NOW })).toEqual([
      { offerId: 'a'.repeat(24), merchantId: merchant!.id, distanceMeters: 0 },
    ]);
    const away = { lat: merchant!.location.lat + 0.01, lng: merchant!.location.lng };
    expect(index.nearest(away, 1000, 5, { category: null, now: NOW })).toHaveLength(0);
    expect(index.nearest(away, 1200, 5, { category: null, now: NOW })).toHaveLength(1);
  });
});
