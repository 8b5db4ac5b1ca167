/**
 * What the in-memory search index keeps of a station: what search filters on and
 * what a summary shows, nothing else (no photos, no description). Hours, amenity
 * lists and organisation paths repeat across thousands of stations, so they are
 * interned: one shared, frozen copy per distinct value keeps 200,000 stations small
 * and lets the opening status be worked out once per schedule instead of per station.
 */
import {
  AMENITY_CODES,
  INDEXED_STATION_FIELDS,
  type AmenityCode,
  type IndexedStationField,
  type OpeningHours,
  type StationInputValues,
} from '@union/shared';
import { hoursOf, openingOf } from './presenter';
import type { StationDoc } from './station.model';

/** The indexed fields (STATION_FIELDS) in plain form: as the contract has them, ids as hex. */
type IndexedValues = Pick<StationInputValues, IndexedStationField>;

/** What the index keeps of a station, and what it works out once to search quickly. */
interface IndexKeeping {
  /** The ObjectId as hex: compared as text to break distance ties. */
  _id: string;
  revision: number;
  /** Bit i set when the station has AMENITY_CODES[i]: an all-of filter is one AND. */
  amenityMask: number;
  status: 'open' | 'closed';
  /** The owning organisation and its ancestors, top down. */
  orgPath: readonly string[];
}

export type IndexedStation = Readonly<IndexedValues & IndexKeeping>;

/** A station to index, in plain form. */
export type StationFields = IndexedValues & {
  id: string;
  revision: number;
  status: string;
  orgPath: readonly string[];
};

/** What the index reads from the database: the indexed fields, and whether and how a station is searchable. */
const STORED_FIELDS = [...INDEXED_STATION_FIELDS, 'status', 'orgPath', 'published', 'revision'] as const;
export const INDEXED_FIELDS = Object.fromEntries(STORED_FIELDS.map((key) => [key, 1])) as Record<
  (typeof STORED_FIELDS)[number],
  1
>;

export type IndexedStationDoc = Pick<StationDoc, '_id' | keyof typeof INDEXED_FIELDS>;

export function amenityMaskOf(codes: readonly string[]): number {
  let mask = 0;
  for (const code of codes) {
    const bit = (AMENITY_CODES as readonly string[]).indexOf(code);
    if (bit >= 0) mask |= 1 << bit;
  }
  return mask;
}

/** Shared copies of values that repeat across stations. */
export class InternPool {
  private readonly hours = new Map<string, OpeningHours>();
  private readonly amenityLists = new Map<number, AmenityCode[]>();
  private readonly paths = new Map<string, readonly string[]>();

  internHours(hours: OpeningHours): OpeningHours {
    const key = JSON.stringify(hours);
    let shared = this.hours.get(key);
    if (!shared) {
      shared = deepFreeze(structuredClone(hours));
      this.hours.set(key, shared);
    }
    return shared;
  }

  amenities(mask: number): AmenityCode[] {
    let list = this.amenityLists.get(mask);
    if (!list) {
      list = AMENITY_CODES.filter((_, bit) => (mask & (1 << bit)) !== 0);
      this.amenityLists.set(mask, Object.freeze(list) as AmenityCode[]);
    }
    return list;
  }

  orgPath(path: readonly string[]): readonly string[] {
    const key = path.join('/');
    let shared = this.paths.get(key);
    if (!shared) {
      shared = Object.freeze([...path]);
      this.paths.set(key, shared);
    }
    return shared;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The index entry: a literal, so every entry has the same shape (and the type names every indexed field). */
export function indexStation(fields: StationFields, pool: InternPool): IndexedStation {
  const amenityMask = amenityMaskOf(fields.amenities);
  return {
    _id: fields.id,
    revision: fields.revision,
    name: fields.name,
    type: fields.type,
    hostName: fields.hostName,
    address: fields.address,
    phone: fields.phone,
    location: { lat: fields.location.lat, lng: fields.location.lng },
    amenities: pool.amenities(amenityMask),
    amenityMask,
    status: fields.status === 'closed' ? 'closed' : 'open',
    hours: pool.internHours(fields.hours),
    orgId: fields.orgId,
    orgPath: pool.orgPath(fields.orgPath),
  };
}

export function indexStoredStation(doc: IndexedStationDoc, pool: InternPool): IndexedStation {
  const stored: Record<string, unknown> = {};
  for (const key of INDEXED_STATION_FIELDS) stored[key] = doc[key];
  return indexStation(
    {
      ...(stored as IndexedValues),
      id: String(doc._id),
      revision: doc.revision,
      status: doc.status,
      orgId: String(doc.orgId),
      hours: hoursOf(doc),
      orgPath: doc.orgPath.map(String),
    },
    pool,
  );
}

type Opening = ReturnType<typeof openingOf>;
export const MINUTE_MS = 60_000;

/** What a station's opening depends on. */
export type StationSchedule = Pick<IndexedStation, 'status' | 'hours'>;

/**
 * Opening status per schedule per minute. Hours are whole minutes, so within one
 * clock minute [m, m+1) the answer (open, minutes to closing, next opening) cannot
 * change: computing it once per schedule per minute gives exactly what computing it
 * per station per request would. Keyed by the interned hours object.
 */
export class OpeningCache {
  private readonly entries = new WeakMap<OpeningHours, { minute: number; opening: Opening }>();

  openingOf(station: StationSchedule, now: Date): Opening {
    if (station.status === 'closed') return openingOf('closed', station.hours, now);
    const minute = Math.floor(now.getTime() / MINUTE_MS);
    const cached = this.entries.get(station.hours);
    if (cached && cached.minute === minute) return cached.opening;
    const opening = openingOf('open', station.hours, now);
    this.entries.set(station.hours, { minute, opening });
    return opening;
  }

  isOpen(station: StationSchedule, now: Date): boolean {
    return station.status === 'open' && this.openingOf(station, now).openNow;
  }
}
