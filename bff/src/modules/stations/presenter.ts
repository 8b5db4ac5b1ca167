import {
  distanceMeters,
  openingStatus,
  rideMinutes,
  walkMinutes,
  type LatLng,
  type OpeningHours,
  type StationDetail,
  type StationSummary,
} from '@union/shared';
import type { StationDoc } from './station.model';

/** The stored hours, in the contract's shape (mongoose arrays and subdocuments stripped). */
export function hoursOf(station: Pick<StationDoc, 'hours'>): OpeningHours {
  // mongoose cannot infer nested arrays of subdocuments; this is their stored shape.
  const weekly = (station.hours?.weekly ?? []) as unknown as { open?: string | null; close?: string | null }[][];
  return {
    alwaysOpen: Boolean(station.hours?.alwaysOpen),
    weekly: Array.from({ length: 7 }, (_, day) =>
      (weekly[day] ?? []).map((interval) => ({ open: interval.open!, close: interval.close! })),
    ),
    exceptions: (station.hours?.exceptions ?? []).map((exception) => ({
      date: exception.date!,
      intervals: (exception.intervals ?? []).map((interval) => ({ open: interval.open!, close: interval.close! })),
      ...(exception.note ? { note: exception.note } : {}),
    })),
  };
}

/** Open now, as a rider means it: within its hours and not shut by staff. */
export function stationOpening(station: Pick<StationDoc, 'hours' | 'status'>, now: Date) {
  if (station.status === 'closed') return { openNow: false, closingSoon: false, closesInMinutes: null, opensAt: null };
  const status = openingStatus(hoursOf(station), now);
  return {
    openNow: status.open,
    closingSoon: status.closingSoon,
    closesInMinutes: status.closesInMinutes,
    opensAt: status.opensAt,
  };
}

export function presentStationSummary(station: StationDoc, options: { from?: LatLng; now: Date }): StationSummary {
  const meters = options.from ? Math.round(distanceMeters(options.from, station.location)) : null;
  return {
    id: String(station._id),
    name: station.name,
    type: station.type,
    hostName: station.hostName,
    address: station.address,
    location: { lat: station.location.lat, lng: station.location.lng },
    phone: station.phone,
    amenities: [...station.amenities],
    status: station.status,
    opening: stationOpening(station, options.now),
    distanceMeters: meters,
    walkMinutes: meters === null ? null : walkMinutes(meters),
    rideMinutes: meters === null ? null : rideMinutes(meters),
  };
}

export function presentStationDetail(
  station: StationDoc,
  options: { from?: LatLng; now: Date; orgName: string },
): StationDetail {
  return {
    ...presentStationSummary(station, options),
    orgId: String(station.orgId),
    orgName: options.orgName,
    hours: hoursOf(station),
    photos: station.photos.map((photo) => ({ id: String(photo._id), url: `/api/station-photos/${String(photo._id)}` })),
    description: station.description,
  };
}
