/**
 * The nearby answer written as JSON bytes from cached fragments. A summary is mostly fixed
 * (name, address, amenities...), its opening changes once a minute per schedule and only
 * its distance per rider: the fixed part is serialised once per indexed station (a new
 * revision is a new entry, so an edit is never served stale), the opening once per value
 * (the search index's OpeningCache hands out one value per schedule per minute), and only
 * the distance is written per request. The bytes equal JSON.stringify of the presenter's
 * objects (summary-json.test.ts), and outside production `mount` checks them against the
 * contract like any other answer.
 */
import type { z } from 'zod';
import type { NearbyStationsSchema, StationSummary } from '@union/shared';
import { JsonBytes } from '../../http/json-bytes';
import type { IndexedStation } from './indexed-station';
import { fixedSummary, travel } from './presenter';
import type { NearbyStation } from './station-index';

type NearbyStationsAnswer = z.output<typeof NearbyStationsSchema>;
type Opening = StationSummary['opening'];

const fixedParts = new WeakMap<IndexedStation, Buffer>();
const openingParts = new WeakMap<Opening, Buffer>();

/** `{"id":…,…,"status":…,"opening":` */
function fixedPart(station: IndexedStation): Buffer {
  let part = fixedParts.get(station);
  if (!part) {
    const json = JSON.stringify(fixedSummary(station));
    part = Buffer.from(`${json.slice(0, -1)},"opening":`);
    fixedParts.set(station, part);
  }
  return part;
}

function openingPart(opening: Opening): Buffer {
  let part = openingParts.get(opening);
  if (!part) {
    part = Buffer.from(JSON.stringify(opening));
    openingParts.set(opening, part);
  }
  return part;
}

/**
 * `,"distanceMeters":…,"walkMinutes":…,"rideMinutes":…}`: whole numbers (travel() rounds
 * them), written as JSON writes them; names and digits only, so one byte per character.
 */
function travelPart(exactMeters: number): string {
  const { distanceMeters, walkMinutes, rideMinutes } = travel(exactMeters);
  return `,"distanceMeters":${distanceMeters},"walkMinutes":${walkMinutes},"rideMinutes":${rideMinutes}}`;
}

const HEAD = Buffer.from('{"items":[');
const TAIL = Buffer.from(']}');
const COMMA = 0x2c;

export function nearbyStationsJson(
  found: readonly NearbyStation[],
  openingOf: (station: IndexedStation) => Opening,
): JsonBytes<NearbyStationsAnswer> {
  const fixed = found.map(({ station }) => fixedPart(station));
  const openings = found.map(({ station }) => openingPart(openingOf(station)));
  const travels = found.map(({ distanceMeters }) => travelPart(distanceMeters));
  let length = HEAD.length + TAIL.length + Math.max(0, found.length - 1);
  for (let i = 0; i < found.length; i++) length += fixed[i]!.length + openings[i]!.length + travels[i]!.length;
  const bytes = Buffer.allocUnsafe(length);
  let at = HEAD.copy(bytes, 0);
  for (let i = 0; i < found.length; i++) {
    if (i > 0) at = bytes.writeUInt8(COMMA, at);
    at += fixed[i]!.copy(bytes, at);
    at += openings[i]!.copy(bytes, at);
    at += bytes.write(travels[i]!, at, 'latin1');
  }
  TAIL.copy(bytes, at);
  return new JsonBytes(bytes);
}
