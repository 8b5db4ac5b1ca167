import { describe, expect, it } from 'vitest';
import { NearbyStationsSchema } from '@union/shared';
import { createRandom } from '../../seeded-random';
import { HOURS, makeStations, NIGHT, NOON } from './index-test-support';
import { indexStation, InternPool, OpeningCache } from './indexed-station';
import { presentSummaryWithOpening, travel } from './presenter';
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
        // Kept by position in the index's base, and (for stations outside one) per station.
        for (const base of [index.currentBase, null]) {
          const answer = nearbyStationsJson(found, (station) => index.openings.openingOf(station, now), base);
          expect(answer.bytes.toString('utf8')).toBe(presented(index, found, centre, now));
          expect(NearbyStationsSchema.safeParse(answer.parse()).success).toBe(true);
        }
      }
    }
  });

  it('shows an edit at once, before and after the index rebuilds its base', () => {
    const random = createRandom(11);
    const centre = { lat: 30.27, lng: 120.15 };
    const stations = makeStations(
      Array.from({ length: 60 }, () => ({
        lat: centre.lat + random.next() * 0.01,
        lng: centre.lng + random.next() * 0.01,
      })),
      random,
    );
    const index = new StationIndex(stations, 2);
    const answer = () => {
      const found = index.nearest(centre, 5000, 60, { amenityMask: 0, openAt: null });
      const bytes = nearbyStationsJson(found, (station) => index.openings.openingOf(station, NOON), index.currentBase);
      expect(bytes.bytes.toString('utf8')).toBe(presented(index, found, centre, NOON));
      return JSON.parse(bytes.bytes.toString('utf8')).items as { id: string; name: string; status: string }[];
    };
    answer(); // every part is now kept by position
    const edited = (station: (typeof stations)[number], name: string, revision: number) =>
      indexStation(
        { ...station, id: station._id, revision, name, status: 'closed', orgPath: [...station.orgPath] },
        new InternPool(),
      );
    // One edit: the station now comes from the index's overlay, beside the base's kept parts.
    index.upsert(edited(stations[0]!, '改名驿站', 1000));
    expect(answer().find((item) => item.id === stations[0]!._id)).toMatchObject({ name: '改名驿站', status: 'closed' });
    // More edits than the overlay holds: the base is rebuilt, and its parts written afresh.
    const before = index.currentBase;
    for (const [i, station] of stations.slice(1, 4).entries()) index.upsert(edited(station, `新名 ${i}`, 2000 + i));
    expect(index.currentBase).not.toBe(before);
    const names = new Map(answer().map((item) => [item.id, item.name]));
    expect(names.get(stations[0]!._id)).toBe('改名驿站');
    expect([1, 2, 3].map((i) => names.get(stations[i]!._id))).toEqual(['新名 0', '新名 1', '新名 2']);
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

  it('writes distances and minutes as JSON does, from 0 m (the rider at the door) to 20 km', () => {
    const station = makeStations([{ lat: 30.27, lng: 120.15 }], createRandom(3))[0]!;
    const opening = new OpeningCache().openingOf(station, NOON);
    // Beyond any search radius too: numbers past the safe integers are written as JSON writes them.
    const far = [2 ** 53 + 2, 1e21, 1.7976931348623157e308];
    for (const meters of [0, 0.4, 0.5, 9, 9.5, 10, 99.5, 100, 999, 1000, 4999.5, 10_000, 19_999.9, 20_000, ...far]) {
      const answer = nearbyStationsJson([{ station, distanceMeters: meters, position: -1 }], () => opening);
      const summary = { ...presentSummaryWithOpening(station, opening), ...travel(meters) };
      expect(answer.bytes.toString('utf8')).toBe(JSON.stringify({ items: [summary] }));
    }
  });

  it('keeps an answer whole while later answers are written (they share large buffers)', () => {
    const random = createRandom(21);
    const centre = { lat: 30.27, lng: 120.15 };
    const around = () => ({ lat: centre.lat + random.next() * 0.05, lng: centre.lng + random.next() * 0.05 });
    const index = new StationIndex(makeStations(Array.from({ length: 300 }, around), random));
    const answerAt = (from: { lat: number; lng: number }) => {
      const found = index.nearest(from, 20_000, 50, { amenityMask: 0, openAt: null });
      return nearbyStationsJson(found, (station) => index.openings.openingOf(station, NOON), index.currentBase);
    };
    const first = answerAt(centre);
    const sent = Buffer.from(first.bytes);
    // ~20 KB each: far more than one shared buffer holds.
    for (let i = 0; i < 100; i++) answerAt(around());
    expect(first.bytes.equals(sent)).toBe(true);
    expect(JSON.parse(first.bytes.toString('utf8')).items).toHaveLength(50);
  });

  it('answers a station whose summary is larger than a chunk of kept parts', () => {
    const [station] = makeStations([{ lat: 30.27, lng: 120.15 }], createRandom(5));
    const huge = indexStation(
      { ...station!, id: station!._id, address: '长'.repeat(400_000), orgPath: [...station!.orgPath] },
      new InternPool(),
    );
    const index = new StationIndex([huge, ...makeStations([{ lat: 30.2701, lng: 120.1501 }], createRandom(6), 1)]);
    const found = index.nearest({ lat: 30.27, lng: 120.15 }, 5000, 20, { amenityMask: 0, openAt: null });
    for (let round = 0; round < 2; round++) {
      const answer = nearbyStationsJson(found, (s) => index.openings.openingOf(s, NOON), index.currentBase);
      expect(answer.bytes.toString('utf8')).toBe(presented(index, found, { lat: 30.27, lng: 120.15 }, NOON));
    }
  });

  it('is an empty list when nothing is near', () => {
    expect(nearbyStationsJson([], () => undefined as never).bytes.toString()).toBe('{"items":[]}');
  });
});
