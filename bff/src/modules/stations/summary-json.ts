/**
 * The nearby answer written as JSON bytes from cached fragments. A summary is mostly fixed
 * (name, address, amenities...), its opening changes once a minute per schedule and only
 * its distance per rider: the fixed part is serialised once per indexed station (a new
 * revision is a new entry, so an edit is never served stale), the opening once per value
 * (the search index's OpeningCache hands out one value per schedule per minute), and only
 * the distance is written per request. The bytes equal JSON.stringify of the presenter's
 * objects (summary-json.test.ts), and outside production `mount` checks them against the
 * contract like any other answer.
 *
 * Memory, not arithmetic, is what an answer costs: 200,000 station objects lie scattered
 * over a large heap, and touching one is a cache (and TLB) miss, ~1 µs each on a virtual
 * machine. So a base station's fixed part is kept by its position in the index's base
 * (FixedPartStore: typed arrays and a few large chunks, near stations' parts side by side)
 * and its opening read from the base's schedule of that position: answering from the base
 * never touches a station object once its part is written.
 */
import type { z } from 'zod';
import type { NearbyStationsSchema, StationSummary } from '@union/shared';
import { JsonBytes } from '../../http/json-bytes';
import type { IndexedStation, StationSchedule } from './indexed-station';
import { fixedSummary, travel } from './presenter';
import type { IndexBase, NearbyStation } from './station-index';

type NearbyStationsAnswer = z.output<typeof NearbyStationsSchema>;
type Opening = StationSummary['opening'];

/** `{"id":…,…,"status":…,"opening":` */
function writeFixedPart(station: IndexedStation): Buffer {
  const json = JSON.stringify(fixedSummary(station));
  return Buffer.from(`${json.slice(0, -1)},"opening":`);
}

/** Stations outside a base (edited since it was built): parts kept per station object. */
const fixedParts = new WeakMap<IndexedStation, Buffer>();
const openingParts = new WeakMap<Opening, Buffer>();

function fixedPart(station: IndexedStation): Buffer {
  let part = fixedParts.get(station);
  if (!part) {
    part = writeFixedPart(station);
    fixedParts.set(station, part);
  }
  return part;
}

/** Bytes per chunk of a FixedPartStore (a power of two: a part's offset says its chunk). */
const CHUNK_SHIFT = 20;
const CHUNK_BYTES = 1 << CHUNK_SHIFT;
const IN_CHUNK = CHUNK_BYTES - 1;

/**
 * The fixed parts of one base's stations, by position, written the first time each is
 * answered: a part is a range of one chunk. Where each part lies is one typed array, two
 * numbers per position side by side (one memory read finds both). Parts written together
 * (one answer's stations, neighbours in space) lie together. Grows with the stations
 * actually answered, up to one part per station of the base; a rebuilt base starts afresh.
 */
class FixedPartStore {
  /**
   * By position: [offset over all chunks (chunk × CHUNK_BYTES + start), or -1; length]. Int32
   * offsets reach 2 GB of parts: ~4 million stations at ~500 bytes each.
   */
  private readonly spans: Int32Array;
  private readonly chunks: Uint8Array[] = [];
  private used = CHUNK_BYTES;
  /** `{status: 'open', hours}` per schedule of the base: what the opening cache is asked. */
  readonly openStations: StationSchedule[];

  constructor(base: IndexBase) {
    this.spans = new Int32Array(base.size * 2).fill(-1);
    this.openStations = base.schedules.map((hours) => ({ status: 'open', hours }));
  }

  /** The length of the part at `position`, written from `station` if it is not kept yet. */
  lengthAt(position: number, station: IndexedStation): number {
    if (this.spans[position * 2] === -1) this.keep(position, writeFixedPart(station));
    return this.spans[position * 2 + 1]!;
  }

  /** Copies the (kept) part at `position` into `bytes` at `at`; returns where it ends. */
  copyAt(position: number, bytes: Uint8Array, at: number): number {
    const offset = this.spans[position * 2]!;
    const length = this.spans[position * 2 + 1]!;
    const start = offset & IN_CHUNK;
    bytes.set(this.chunks[offset >>> CHUNK_SHIFT]!.subarray(start, start + length), at);
    return at + length;
  }

  private keep(position: number, part: Buffer): void {
    if (this.used + part.length > CHUNK_BYTES) {
      // A part longer than a chunk (none comes near: ~500 bytes) gets a chunk of its own.
      this.chunks.push(new Uint8Array(Math.max(CHUNK_BYTES, part.length)));
      this.used = 0;
    }
    this.chunks[this.chunks.length - 1]!.set(part, this.used);
    this.spans[position * 2] = (this.chunks.length - 1) * CHUNK_BYTES + this.used;
    this.spans[position * 2 + 1] = part.length;
    this.used += part.length;
  }
}

const stores = new WeakMap<IndexBase, FixedPartStore>();

function storeOf(base: IndexBase): FixedPartStore {
  let store = stores.get(base);
  if (!store) {
    store = new FixedPartStore(base);
    stores.set(base, store);
  }
  return store;
}

function openingPart(opening: Opening): Buffer {
  let part = openingParts.get(opening);
  if (!part) {
    part = Buffer.from(JSON.stringify(opening));
    openingParts.set(opening, part);
  }
  return part;
}

/** Numbers as JSON writes them, in ASCII (null for null, NaN and infinities). */
function writeNumber(bytes: Buffer, at: number, value: number | null): number {
  if (value === null || !Number.isFinite(value)) return at + bytes.write('null', at, 'latin1');
  if (!Number.isSafeInteger(value) || value < 0) return at + bytes.write(String(value), at, 'latin1');
  let digits = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  for (let i = digits - 1, rest = value; i >= 0; i--, rest = Math.floor(rest / 10)) {
    bytes[at + i] = 0x30 + (rest % 10);
  }
  return at + digits;
}

const DISTANCE = Buffer.from(',"distanceMeters":');
const WALK = Buffer.from(',"walkMinutes":');
const RIDE = Buffer.from(',"rideMinutes":');
/** The longest number JavaScript writes (`-1.7976931348623157e+308`); safe integers take at most 16. */
const NUMBER_MAX = 24;
/** The longest travel tail: the three names, three numbers, `}`. */
const TRAVEL_MAX = DISTANCE.length + WALK.length + RIDE.length + 3 * NUMBER_MAX + 1;

/** `,"distanceMeters":…,"walkMinutes":…,"rideMinutes":…}`: whole numbers (travel() rounds them). */
function writeTravel(bytes: Buffer, at: number, exactMeters: number): number {
  const { distanceMeters, walkMinutes, rideMinutes } = travel(exactMeters);
  bytes.set(DISTANCE, at);
  at = writeNumber(bytes, at + DISTANCE.length, distanceMeters);
  bytes.set(WALK, at);
  at = writeNumber(bytes, at + WALK.length, walkMinutes);
  bytes.set(RIDE, at);
  at = writeNumber(bytes, at + RIDE.length, rideMinutes);
  bytes[at] = CLOSE_BRACE;
  return at + 1;
}

const HEAD = Buffer.from('{"items":[');
const TAIL = Buffer.from(']}');
const COMMA = 0x2c;
const CLOSE_BRACE = 0x7d;

/** Reused between answers (each is written synchronously): no arrays allocated per request. */
const openingsOf: Buffer[] = [];
const fixedOf: (Buffer | null)[] = [];

/**
 * Answers are cut from shared slabs, as Node's pool does for small buffers: an ArrayBuffer of
 * its own per ~11 KB answer (too large for that pool) costs about a microsecond. Slab bytes are
 * written once, so an answer still being sent keeps its bytes; a slab is freed with its last answer.
 */
class AnswerSlabs {
  private slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
  private used = 0;

  /** The slab to write an answer of at most `length` bytes into, from `start`. */
  room(length: number): Buffer {
    if (this.used + length > this.slab.length) {
      this.slab = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, length));
      this.used = 0;
    }
    return this.slab;
  }

  get start(): number {
    return this.used;
  }

  /** The answer written from `start` to `end`; the next one starts after it. */
  take(end: number): Buffer {
    const answer = this.slab.subarray(this.used, end);
    this.used = end;
    return answer;
  }
}

const SLAB_BYTES = 256 * 1024;
const slabs = new AnswerSlabs();

/**
 * The answer for `found`. `base`: the index base their positions refer to (null when none
 * does, e.g. a brute-force scan); `openingOf`: the opening cache for the answer's instant.
 */
export function nearbyStationsJson(
  found: readonly NearbyStation[],
  openingOf: (station: StationSchedule) => Opening,
  base: IndexBase | null = null,
): JsonBytes<NearbyStationsAnswer> {
  const store = base ? storeOf(base) : null;
  let length = HEAD.length + TAIL.length + found.length * (1 + TRAVEL_MAX);
  for (let i = 0; i < found.length; i++) {
    const { station, position } = found[i]!;
    let opening: Opening;
    if (store && position >= 0) {
      length += store.lengthAt(position, station);
      fixedOf[i] = null;
      const schedule = base!.scheduleOf[position]!;
      opening = openingOf(schedule < 0 ? station : store.openStations[schedule]!);
    } else {
      const fixed = (fixedOf[i] = fixedPart(station));
      length += fixed.length;
      opening = openingOf(station);
    }
    const part = (openingsOf[i] = openingPart(opening));
    length += part.length;
  }
  const bytes = slabs.room(length);
  bytes.set(HEAD, slabs.start);
  let at = slabs.start + HEAD.length;
  for (let i = 0; i < found.length; i++) {
    if (i > 0) bytes[at++] = COMMA;
    const fixed = fixedOf[i];
    if (fixed) {
      bytes.set(fixed, at);
      at += fixed.length;
    } else at = store!.copyAt(found[i]!.position, bytes, at);
    const opening = openingsOf[i]!;
    bytes.set(opening, at);
    at += opening.length;
    at = writeTravel(bytes, at, found[i]!.distanceMeters);
  }
  bytes.set(TAIL, at);
  at += TAIL.length;
  fixedOf.length = 0;
  openingsOf.length = 0;
  return new JsonBytes(slabs.take(at));
}
