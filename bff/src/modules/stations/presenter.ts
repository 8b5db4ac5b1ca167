import {
  distanceMeters,
  openingStatus,
  rideMinutes,
  SUMMARY_STATION_FIELDS,
  walkMinutes,
  type LatLng,
  type OpeningHours,
  type StationDetail,
  type StationSummary,
  type SummaryStationField,
} from '@union/shared';
import type { Types } from 'mongoose';
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

type StationOpening = StationSummary['opening'];

/** Open now, as a rider means it: within its hours and not shut by staff. */
export function stationOpening(station: Pick<StationDoc, 'hours' | 'status'>, now: Date): StationOpening {
  return openingOf(station.status, hoursOf(station), now);
}

/** One shared value: answers cache their serialised opening per value (summary-json.ts). */
const CLOSED_BY_STAFF: StationOpening = Object.freeze({
  openNow: false,
  closingSoon: false,
  closesInMinutes: null,
  opensAt: null,
});

/** The same rule for hours already in the contract's shape (the search index keeps them so). */
export function openingOf(status: string, hours: OpeningHours, now: Date): StationOpening {
  if (status === 'closed') return CLOSED_BY_STAFF;
  const opening = openingStatus(hours, now);
  return {
    openNow: opening.open,
    closingSoon: opening.closingSoon,
    closesInMinutes: opening.closesInMinutes,
    opensAt: opening.opensAt,
  };
}

/** What a summary shows (the summary fields of STATION_FIELDS): a stored station, or the search index's copy of one. */
export type StationSummarySource = Pick<StationDoc, SummaryStationField | 'status'> & { _id: Types.ObjectId | string };

/** The summary fields, copied (the index's values are shared and frozen). */
function summaryValues(station: StationSummarySource): Pick<StationSummary, SummaryStationField> {
  const values: Record<string, unknown> = {};
  for (const key of SUMMARY_STATION_FIELDS) {
    const value: unknown = station[key];
    values[key] = Array.isArray(value) ? [...value] : value && typeof value === 'object' ? { ...value } : value;
  }
  return values as Pick<StationSummary, SummaryStationField>;
}

export function presentStationSummary(station: StationDoc, options: { from?: LatLng; now: Date }): StationSummary {
  return presentSummaryWithOpening(station, stationOpening(station, options.now), options.from);
}

/** What a summary shows whatever the time and wherever the rider: the nearby answer caches it per station. */
export function fixedSummary(station: StationSummarySource): Omit<StationSummary, 'opening' | keyof Travel> {
  return { id: String(station._id), ...summaryValues(station), status: station.status };
}

type Travel = Pick<StationSummary, 'distanceMeters' | 'walkMinutes' | 'rideMinutes'>;

/** How far, and how long on foot and by e-bike; nulls when the rider's location is unknown. */
export function travel(exactMeters: number | null): Travel {
  const meters = exactMeters === null ? null : Math.round(exactMeters);
  return {
    distanceMeters: meters,
    walkMinutes: meters === null ? null : walkMinutes(meters),
    rideMinutes: meters === null ? null : rideMinutes(meters),
  };
}

/** A summary whose opening is already known (the search index works it out once per minute). */
export function presentSummaryWithOpening(
  station: StationSummarySource,
  opening: StationOpening,
  from?: LatLng,
): StationSummary {
  return {
    ...fixedSummary(station),
    opening,
    ...travel(from ? distanceMeters(from, station.location) : null),
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
