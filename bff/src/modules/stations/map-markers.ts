/**
 * Markers for a map view: every station when few enough to draw, otherwise one
 * marker per cell of a grid laid over the view (a cluster at the centroid of its
 * stations, or the station itself when it is alone in its cell).
 */
import type { z } from 'zod';
import { MAX_MARKERS_IN_VIEW, type MapMarkerSchema } from '@union/shared';
import type { IndexedStation } from './indexed-station';
import type { BoundingBox } from './station-index';

type MapMarker = z.infer<typeof MapMarkerSchema>;

/** 8 × 8 cells: at most 64 markers, readable on a phone screen. */
export const CLUSTER_GRID_SIZE = 8;

interface Cell {
  count: number;
  sumLat: number;
  sumLng: number;
  first: IndexedStation;
}

export function markersInView(
  stations: readonly IndexedStation[],
  box: BoundingBox,
  isOpen: (station: IndexedStation) => boolean,
): MapMarker[] {
  const stationMarker = (station: IndexedStation): MapMarker => ({
    kind: 'station',
    id: station._id,
    name: station.name,
    location: { lat: station.location.lat, lng: station.location.lng },
    openNow: isOpen(station),
  });
  if (stations.length <= MAX_MARKERS_IN_VIEW) {
    return [...stations].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)).map(stationMarker);
  }
  const cellOf = gridCells(box);
  const cells = new Map<number, Cell>();
  for (const station of stations) {
    const key = cellOf(station.location.lat, station.location.lng);
    const cell = cells.get(key);
    if (cell) {
      cell.count += 1;
      cell.sumLat += station.location.lat;
      cell.sumLng += station.location.lng;
    } else {
      cells.set(key, { count: 1, sumLat: station.location.lat, sumLng: station.location.lng, first: station });
    }
  }
  return [...cells.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, cell]) =>
      cell.count === 1
        ? stationMarker(cell.first)
        : {
            kind: 'cluster',
            count: cell.count,
            location: { lat: round6(cell.sumLat / cell.count), lng: round6(cell.sumLng / cell.count) },
          },
    );
}

/** Row-major cell number (south-west first) of a point inside the box. */
function gridCells(box: BoundingBox) {
  const latStep = (box.maxLat - box.minLat) / CLUSTER_GRID_SIZE;
  const lngStep = (box.maxLng - box.minLng) / CLUSTER_GRID_SIZE;
  // A view of zero height or width (a single point) is one row or column.
  const indexOf = (offset: number, step: number) =>
    step > 0 ? Math.min(CLUSTER_GRID_SIZE - 1, Math.floor(offset / step)) : 0;
  return (lat: number, lng: number) =>
    indexOf(lat - box.minLat, latStep) * CLUSTER_GRID_SIZE + indexOf(lng - box.minLng, lngStep);
}

export const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
