import { describe, expect, it } from 'vitest';
import { MAX_MARKERS_IN_VIEW } from '@union/shared';
import { createRandom } from '../../seeded-random';
import { indexStation, InternPool } from './indexed-station';
import { CLUSTER_GRID_SIZE, markersInView } from './map-markers';
import { ALWAYS_OPEN } from './test-support';

const pool = new InternPool();
const station = (i: number, lat: number, lng: number) =>
  indexStation(
    {
      id: i.toString(16).padStart(24, '0'),
      revision: i + 1,
      name: `驿站${i}`,
      type: 'union_station',
      hostName: '',
      address: '测试路',
      phone: '',
      location: { lat, lng },
      amenities: [],
      status: 'open',
      hours: ALWAYS_OPEN,
      orgId: 'a'.repeat(24),
      orgPath: [],
    },
    pool,
  );
const box = { minLat: 30, minLng: 120, maxLat: 31, maxLng: 121 };
const open = () => true;

describe('map markers', () => {
  it('draws every station, in id order, when few enough are in view', () => {
    const stations = [station(3, 30.5, 120.5), station(1, 30.2, 120.2)];
    expect(markersInView(stations, box, open)).toEqual([
      { kind: 'station', id: stations[1]!._id, name: '驿站1', location: { lat: 30.2, lng: 120.2 }, openNow: true },
      { kind: 'station', id: stations[0]!._id, name: '驿站3', location: { lat: 30.5, lng: 120.5 }, openNow: true },
    ]);
  });

  it('groups many stations into grid cells, each cluster at the centroid of its stations', () => {
    const random = createRandom(11);
    const stations = Array.from({ length: MAX_MARKERS_IN_VIEW * 3 }, (_, i) =>
      station(i, 30 + random.next(), 120 + random.next()),
    );
    const markers = markersInView(stations, box, open);
    expect(markers.length).toBeLessThanOrEqual(CLUSTER_GRID_SIZE ** 2);
    const counted = markers.reduce((sum, marker) => sum + (marker.kind === 'cluster' ? marker.count : 1), 0);
    expect(counted).toBe(stations.length);
    // The south-west cell: stations below 30.125 N and west of 120.125 E.
    const corner = stations.filter((s) => s.location.lat < 30.125 && s.location.lng < 120.125);
    const first = markers[0]!;
    expect(first).toMatchObject({ kind: 'cluster', count: corner.length });
    const meanLat = corner.reduce((sum, s) => sum + s.location.lat, 0) / corner.length;
    expect(first.location.lat).toBeCloseTo(meanLat, 5);
  });

  it('puts stations on the north and east edges into the last cells, and copes with a view of one point', () => {
    const onEdge = Array.from({ length: MAX_MARKERS_IN_VIEW + 1 }, (_, i) => station(i, 31, 121));
    expect(markersInView(onEdge, box, open)).toEqual([
      { kind: 'cluster', count: MAX_MARKERS_IN_VIEW + 1, location: { lat: 31, lng: 121 } },
    ]);
    const point = { minLat: 31, minLng: 121, maxLat: 31, maxLng: 121 };
    expect(markersInView(onEdge, point, open)).toHaveLength(1);
  });
});
