import { describe, expect, it } from 'vitest';
import { NearbyStationsSchema } from '@union/shared';
import { createRandom } from '../../seeded-random';
import { HOURS, makeStations, NIGHT, NOON } from './index-test-support';
import { indexStation, InternPool, OpeningCache } from './indexed-station';
import { presentSummaryWithOpening } from './presenter';
import { StationIndex } from './station-index';
import { nearbyStationsJson } from './summary-json';

/** What Koa would have sent for the presenter's objects. */
const presented = (
  index: StationIndex,
  found: ReturnType<StationIndex['nearest']>,
  center: { lat: number; lng: number },
  now: Date,
) =>
  JSON.stringify({
    items: found.map(({ station }) =>
      presentSummaryWithOpening(station, index.openings.openingOf(station, now), center),
    ),
  });

describe('the nearby answer as bytes', () => {
  it('is byte for byte the JSON of the presented summaries, at any time, for any station', () => {
    const random = createRandom(8);
    const centre = { lat: 30.27, lng: 120.15 };
    const stations = makeStations(
      Array.from({ length: 400 }, () => ({
        lat: centre.lat + random.next() * 0.05,
        lng: centre.lng + random.next() * 0.05,
      })),
      random,
    );
    const index = new StationIndex(stations);
    for (const now of [NOON, NIGHT, new Date('2026-07-15T01:59:30Z')]) {
      for (const limit of [1, 20, 50]) {
        const found = index.nearest(centre, 20_000, limit, { amenityMask: 0, openAt: null });
        const answer = nearbyStationsJson(found, (station) => index.openings.openingOf(station, now));
        expect(answer.bytes.toString('utf8')).toBe(presented(index, found, centre, now));
        expect(NearbyStationsSchema.safeParse(answer.parse()).success).toBe(true);
      }
    }
  });

  it('escapes what a cadre may type: quotes, backslashes, line breaks, emoji', () => {
    const station = indexStation(
      {
        id: 'c'.repeat(24),
        revision: 1,
        name: '“工会”驿站 "东门" \\ 后门',
        type: 'union_station',
        hostName: '银行\n网点\t🚲',
        address: '</script>路 1 号',
        phone: '0571-88888888',
        location: { lat: 30.27, lng: 120.15 },
        amenities: ['toilet', 'microwave'],
        status: 'open',
        hours: HOURS[1]!,
        orgId: 'a'.repeat(24),
        orgPath: ['a'.repeat(24)],
      },
      new InternPool(),
    );
    const openings = new OpeningCache();
    const from = { lat: 30.28, lng: 120.16 };
    const index = new StationIndex([station]);
    const found = index.nearest(from, 5000, 20, { amenityMask: 0, openAt: null });
    const answer = nearbyStationsJson(found, (s) => openings.openingOf(s, NOON));
    expect(answer.bytes.toString('utf8')).toBe(
      JSON.stringify({ items: [presentSummaryWithOpening(station, openings.openingOf(station, NOON), from)] }),
    );
  });

  it('is an empty list when nothing is near', () => {
    expect(nearbyStationsJson([], () => undefined as never).bytes.toString()).toBe('{"items":[]}');
  });
});
