/** Test helpers for the station finder: stations written straight into the database, as another instance would. */
import { Types } from 'mongoose';
import { chinaMoment, type AmenityCode, type LatLng, type OpeningHours } from '@union/shared';
import { offsetKm } from './generated-stations';
import { stationWrites } from './station-revision';
import { StationModel } from './station.model';

export const ALWAYS_OPEN: OpeningHours = { alwaysOpen: true, weekly: [[], [], [], [], [], [], []], exceptions: [] };
export const NEVER_OPEN: OpeningHours = { alwaysOpen: false, weekly: [[], [], [], [], [], [], []], exceptions: [] };

/** Every day, from `fromMinutes` to `toMinutes` after the current China time (negative: before). */
export function hoursAroundNow(fromMinutes: number, toMinutes: number): OpeningHours {
  const [hours, minutes] = chinaMoment(Date.now()).time.split(':').map(Number) as [number, number];
  const minuteOfDay = hours * 60 + minutes;
  const clock = (offset: number) => {
    const minutes = (((minuteOfDay + offset) % 1440) + 1440) % 1440;
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  };
  const day = [{ open: clock(fromMinutes), close: clock(toMinutes) }];
  return { alwaysOpen: false, weekly: Array.from({ length: 7 }, () => day), exceptions: [] };
}

export interface StationSpec {
  name?: string;
  location: LatLng;
  org: { _id: Types.ObjectId; path: Types.ObjectId[] };
  amenities?: AmenityCode[];
  hours?: OpeningHours;
  status?: 'open' | 'closed';
  published?: boolean;
  /** Stamp this revision instead of taking the next one. */
  revision?: number;
}

let counter = 0;

export async function stationDocument(spec: StationSpec) {
  counter += 1;
  return {
    _id: new Types.ObjectId(),
    name: spec.name ?? `测试驿站${counter}`,
    type: 'union_station',
    hostName: '测试承办单位',
    address: `杭州市西湖区文三路 ${counter} 号`,
    location: spec.location,
    orgId: spec.org._id,
    orgPath: spec.org.path,
    phone: '0571-88886666',
    amenities: spec.amenities ?? ['drinking_water'],
    hours: spec.hours ?? ALWAYS_OPEN,
    status: spec.status ?? 'open',
    published: spec.published ?? true,
    revision: spec.revision ?? (await stationWrites.next()),
  };
}

/** Inserts stations in one write; returns their ids in the order given. */
export async function insertStations(specs: StationSpec[]): Promise<string[]> {
  const docs = [];
  for (const spec of specs) docs.push(await stationDocument(spec));
  await StationModel.insertMany(docs);
  return docs.map((doc) => String(doc._id));
}

/** A point `meters` due east of `from`. */
export const eastOf = (from: LatLng, meters: number): LatLng => offsetKm(from, meters / 1000, Math.PI / 2);

/** Waits until `check` passes (the poller runs on its own clock). */
export async function eventually(check: () => Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
