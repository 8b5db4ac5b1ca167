/**
 * The activity lottery (抽签), verifiable by anyone from what is published. The BFF draws with
 * it, and the mini-program's 验证 button runs the same function on the member's phone.
 *
 * Before sign-up closes the organiser publishes a commitment: the SHA-256 of a secret seed
 * (32 random bytes, written as 64 lowercase hex digits; the hash is over the bytes). From then
 * on the seed cannot be changed without the commitment showing it, and the commitment tells
 * nobody how the draw will fall. After sign-up closes the draw runs once and the seed is
 * published with the result, so anyone can check the commitment and recompute the order:
 *
 *   1. Each entry's ticket is HMAC-SHA256 with the seed bytes as key and the entry id (ASCII)
 *      as message, 64 hex digits.
 *   2. The first 13 hex digits of the ticket, read as a whole number n (0 ≤ n < 2^52), give
 *      the entry's draw number u = (n + 0.5) / 2^52, strictly between 0 and 1.
 *   3. The draw key is u to the power 1/w, w being the entry's published weight (1 if none).
 *   4. Entries are sorted by draw key, highest first; equal keys (practically never) by id.
 *      The first `places` entries win; the rest form the waitlist in that order.
 *
 * Step 3 is Efraimidis–Spirakis weighted sampling: at every place, each entry still in the
 * draw is picked with a chance proportional to its weight. Weight 2 beats weight 1 two times
 * in three; weight 2 is also exactly "hold two tickets and keep the better one". Everyone at
 * weight 1 is a plain uniform draw, the same whether weights are given or left out.
 *
 * The organiser cannot steer the result: the seed is fixed before the entries are known, and
 * an entry's place depends only on the seed and its own id, never on when it signed up or on
 * the order the entries are listed in.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { asciiBytes } from './card-token';

export const LOTTERY_SEED_BYTES = 32;

export interface LotteryEntry {
  /** The sign-up's id (a Mongo ObjectId in hex): printable ASCII, unique within the draw. */
  id: string;
  /** Published weight of the entry's priority group, see `weightOf`; 1 when left out. */
  weight?: number;
}

export interface LotteryDrawInput {
  /** The revealed seed, 64 lowercase hex digits. */
  seed: string;
  entries: readonly LotteryEntry[];
  /** How many entries win (the group's capacity). */
  places: number;
}

/** One line of the published order: everything needed to check this entry by hand. */
export interface LotteryDrawnEntry {
  id: string;
  /** 1 for the first drawn. */
  rank: number;
  weight: number;
  /** HMAC-SHA256(seed, id) in hex. */
  ticket: string;
  /** The draw number in (0, 1) from the ticket's first 13 hex digits. */
  u: number;
  /** u^(1/weight); higher draws earlier. */
  key: number;
}

export interface LotteryResult {
  /** Ids of the first `places` entries, in draw order. */
  winners: string[];
  /** Ids of everyone else, in draw order: the first is offered the first place that frees. */
  waitlist: string[];
  order: LotteryDrawnEntry[];
}

/** A priority tag's weight, e.g. `{ new_employment_form: 2, first_time: 1.5, repeated_no_show: 0.5 }`. */
export type LotteryWeightRules = Readonly<Record<string, number>>;

const SEED_PATTERN = /^[0-9a-f]{64}$/;
const COMMITMENT_PATTERN = /^[0-9a-f]{64}$/;
// ASCII only: the mini-program runtime has no TextEncoder, and one id must have one byte spelling.
const ENTRY_ID_PATTERN = /^[\x21-\x7e]+$/;
const TWO_TO_52 = 2 ** 52;

/** One spelling per seed (lowercase), so the published seed is exactly what was hashed. */
export function isWellFormedSeed(seed: string): boolean {
  return SEED_PATTERN.test(seed);
}

function seedBytes(seed: string): Uint8Array {
  if (!isWellFormedSeed(seed)) throw new Error('lottery seed must be 64 lowercase hex digits (32 bytes)');
  return hexToBytes(seed);
}

/** The commitment published before sign-up closes: SHA-256 of the seed's bytes, in lowercase hex. */
export function commitmentOf(seed: string): string {
  return bytesToHex(sha256(seedBytes(seed)));
}

/** Whether a revealed seed is the one committed to; false for anything malformed. */
export function verifyCommitment(seed: string, commitment: string): boolean {
  if (!isWellFormedSeed(seed) || !COMMITMENT_PATTERN.test(commitment)) return false;
  return commitmentOf(seed) === commitment;
}

function isValidWeight(weight: number): boolean {
  return typeof weight === 'number' && Number.isFinite(weight) && weight > 0;
}

/**
 * An entry's weight: the product of the published weights of its priority tags. A first-time
 * applicant (×1.5) in new employment forms (×2) draws at 3; with repeated no-shows (×0.5) too,
 * at 1.5. A tag the table does not list counts ×1, and a tag counts once however often listed.
 */
export function weightOf(priorities: readonly string[], rules: LotteryWeightRules): number {
  for (const [tag, weight] of Object.entries(rules)) {
    if (!isValidWeight(weight)) throw new Error(`lottery weight of "${tag}" must be a positive finite number`);
  }
  let weight = 1;
  for (const tag of new Set(priorities)) {
    // hasOwnProperty, not Object.hasOwn: older WeChat runtimes lack it.
    if (Object.prototype.hasOwnProperty.call(rules, tag)) weight *= rules[tag]!;
  }
  return weight;
}

/** The deterministic draw described at the top of this file. Throws on a programmer's mistake. */
export function drawLottery({ seed, entries, places }: LotteryDrawInput): LotteryResult {
  if (!Number.isSafeInteger(places) || places < 0) throw new Error('lottery places must be a whole number ≥ 0');
  // Keying once and cloning per entry saves re-hashing the key 100,000 times.
  const keyed = hmac.create(sha256, seedBytes(seed));
  const seen = new Set<string>();
  const drawn = entries.map(({ id, weight = 1 }) => {
    if (typeof id !== 'string' || !ENTRY_ID_PATTERN.test(id)) {
      throw new Error(`lottery entry id must be printable ASCII, got ${JSON.stringify(id)}`);
    }
    if (seen.has(id)) throw new Error(`lottery entry ${id} is listed twice`);
    seen.add(id);
    if (!isValidWeight(weight)) throw new Error(`lottery weight of entry ${id} must be a positive finite number`);
    const ticket = bytesToHex(keyed.clone().update(asciiBytes(id)).digest());
    const u = (parseInt(ticket.slice(0, 13), 16) + 0.5) / TWO_TO_52;
    // At weight 1 the key is u itself, exact on every phone; Math.pow may differ between
    // engines in the last bit, which could only swap keys equal to about 16 digits.
    const key = weight === 1 ? u : Math.pow(u, 1 / weight);
    return { id, rank: 0, weight, ticket, u, key };
  });
  // Ids compared by code unit, not localeCompare: the same order on every phone.
  drawn.sort((a, b) => b.key - a.key || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  drawn.forEach((entry, index) => (entry.rank = index + 1));
  const ids = drawn.map((entry) => entry.id);
  return { winners: ids.slice(0, places), waitlist: ids.slice(places), order: drawn };
}
