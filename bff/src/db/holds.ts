/**
 * Keyed holds: a counter a request moves at most once, however often it is retried and wherever
 * it stopped (an offer's stock, a member's quota, a group's free places). Moving the counter and
 * noting the request's key in the counter's own document are one atomic `updateOne`, so "did an
 * earlier attempt of this request already take a unit?" has its answer in the database, not in
 * a process that may have died. A hold notes:
 * - `record`: the id of the record that will stand for the unit (an entry's `_id`; the token a
 *   voucher or order keeps), chosen when the unit is taken. Whether that record exists answers
 *   "was this hold used"; a late duplicate that takes a second unit after the first one's hold
 *   was settled holds another record id, which shows that second unit to be surplus.
 * - `owner`: the attempt that took or last adopted it; only it (or the sweep) gives it back.
 * - `at`: when it was taken or last adopted; the sweep decides only holds older than a bound.
 *
 * Steps, each a conditional `updateOne` on the hold itself, so each hold ends exactly once:
 * - `takeHold` moves the counter and records the hold, or adopts the hold of an earlier attempt
 *   with the same key (renewing it, so the sweep leaves it to this attempt);
 * - `settleHold` forgets the hold and keeps the counter: its record exists and now stands for
 *   the unit. A hold never settled (a quota's) lives as long as its unit;
 * - `releaseHold` moves the counter back and forgets the hold;
 * - `staleHolds` / `releaseStaleHolds` find holds older than a bound no request outlives, for a
 *   sweep to settle (record written) or release (not written).
 *
 * Stored as `holds` (digest of the key → hold, a map rather than an array because the embedded
 * database has no `$push`/`$pull`; the digest makes any key a field name) and `held` (how many
 * holds are open: what a sweep looks for). Spread `holdFields` into the counter's schema.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Schema } from 'mongoose';
import type { AnyModel } from './conditional-update';

/** One open hold, as stored. */
export interface HoldSlot {
  key: string;
  record: string;
  owner: string;
  at: Date;
}

/** What this attempt holds: the record to write with the unit, and its claim on the hold. */
export interface Hold {
  key: string;
  record: string;
  owner: string;
  /** An earlier attempt of the same request took the unit: this one took nothing new. */
  adopted: boolean;
}

/** The fields a counter's document carries for its holds (spread into its schema definition). */
export const holdFields = {
  holds: { type: Schema.Types.Mixed, default: undefined },
  held: { type: Number, default: 0 },
};

type Filter = Record<string, unknown>;
type HeldModel = AnyModel<any>;

/** A counter and how a hold moves it. */
export interface Counter {
  model: HeldModel;
  /** Names exactly one document. */
  target: Filter;
  field: string;
  /** What a take adds to the counter (−1 for a stock, +1 for a quota); a release adds the opposite. */
  step: number;
  /** What must hold for a take to apply (stock ≥ 1, quota below its limit, offer open…). */
  when?: Filter;
}

/** Which hold under a key a settle or release may end. */
export interface HoldMatch {
  /** Only the hold for this record. */
  record?: string;
  /** Only while this attempt owns it (nobody adopted it since). */
  owner?: string;
  /** Only if taken (or last adopted) no later than this: the sweep's bound. */
  takenBy?: Date;
}

/** Adopting can lose to a parallel attempt adopting or giving back the same hold; a few rounds settle it. */
const ROUNDS = 3;

const digest = (key: string) => createHash('sha256').update(key).digest('base64url').slice(0, 22);
/** The path of the hold of `key` in its document. */
export const holdPath = (key: string) => `holds.${digest(key)}`;
const newOwner = () => randomBytes(9).toString('base64url');

async function slotOf(counter: Pick<Counter, 'model' | 'target'>, key: string): Promise<HoldSlot | null> {
  const path = holdPath(key);
  const stored: { holds?: Record<string, HoldSlot> } | null = await counter.model
    .findOne({ ...counter.target, [path]: { $exists: true } }, { [path]: 1 })
    .lean()
    .exec();
  return stored?.holds?.[digest(key)] ?? null;
}

async function applied(counter: Pick<Counter, 'model'>, filter: Filter, update: Filter): Promise<boolean> {
  const result = await counter.model.updateOne(filter, update as never).exec();
  return result.modifiedCount === 1;
}

/**
 * Takes one unit for `key`, to be used by the record `record`; or adopts the hold an earlier
 * attempt with the same key left (its retry, or a parallel duplicate), which then must write
 * that hold's record (`hold.record`). Null when the take was refused (`when` did not hold).
 */
export async function takeHold(counter: Counter, key: string, record: string, now: Date): Promise<Hold | null> {
  const path = holdPath(key);
  const owner = newOwner();
  for (let round = 0; round < ROUNDS; round++) {
    const taken = await applied(
      counter,
      { ...counter.target, ...counter.when, [path]: { $exists: false } },
      { $inc: { [counter.field]: counter.step, held: 1 }, $set: { [path]: { key, record, owner, at: now } } },
    );
    if (taken) return { key, record, owner, adopted: false };
    const slot = await slotOf(counter, key);
    if (!slot) return null;
    // Adopting renews the hold, so the sweep leaves it alone while this attempt writes.
    const adopted = await applied(
      counter,
      { ...counter.target, [`${path}.owner`]: slot.owner },
      { $set: { [`${path}.owner`]: owner, [`${path}.at`]: now } },
    );
    if (adopted) return { key, record: slot.record, owner, adopted: true };
    // A twin attempt (same key, in parallel) adopted it first: it is fresh and for the same
    // record, so write that record too, leaving any giving back to its owner. Otherwise it was
    // settled or released meanwhile: look again.
    const current = await slotOf(counter, key);
    if (current?.record === slot.record) return { key, record: slot.record, owner, adopted: true };
  }
  return null;
}

/** The record the hold under `key` is for, or null when there is none. */
export async function heldRecord(counter: Pick<Counter, 'model' | 'target'>, key: string): Promise<string | null> {
  return (await slotOf(counter, key))?.record ?? null;
}

function matching(key: string, match: HoldMatch): Filter {
  const path = holdPath(key);
  return {
    [path]: { $exists: true },
    ...(match.record !== undefined ? { [`${path}.record`]: match.record } : {}),
    ...(match.owner !== undefined ? { [`${path}.owner`]: match.owner } : {}),
    ...(match.takenBy ? { [`${path}.at`]: { $lte: match.takenBy } } : {}),
  };
}

/** The record exists and stands for the unit: the hold (if still open) is forgotten, the counter kept. */
export function settleHold(
  counter: Pick<Counter, 'model' | 'target'>,
  key: string,
  match: HoldMatch = {},
): Promise<boolean> {
  return applied(
    counter,
    { ...counter.target, ...matching(key, match) },
    { $unset: { [holdPath(key)]: '' }, $inc: { held: -1 } },
  );
}

/** Gives the unit back, once: true only for the one call that found the hold (as matched). */
export function releaseHold(counter: Counter, key: string, match: HoldMatch = {}): Promise<boolean> {
  return applied(
    counter,
    { ...counter.target, ...matching(key, match) },
    { $unset: { [holdPath(key)]: '' }, $inc: { [counter.field]: -counter.step, held: -1 } },
  );
}

/** Holds taken (or last adopted) no later than `takenBy`, with their document's id (at most `limit` documents). */
export async function staleHolds(
  model: HeldModel,
  takenBy: Date,
  limit = 200,
): Promise<{ documentId: unknown; hold: HoldSlot }[]> {
  const documents: { _id: unknown; holds?: Record<string, HoldSlot> | null }[] = await model
    .find({ held: { $gte: 1 } }, { holds: 1 })
    .limit(limit)
    .lean()
    .exec();
  return documents.flatMap((document) =>
    Object.values(document.holds ?? {})
      .filter((hold) => hold.at.getTime() <= takenBy.getTime())
      .map((hold) => ({ documentId: document._id, hold })),
  );
}

export interface StaleHoldsResult {
  settled: number;
  released: number;
}

/**
 * The sweep for counters whose record is found by its id: holds taken no later than `takenBy`
 * (a bound longer than any request writes for) are settled when their record exists and
 * released when it does not; an attempt that adopts one meanwhile renews it and so keeps it.
 */
export async function releaseStaleHolds(
  counter: Pick<Counter, 'model' | 'field' | 'step'>,
  takenBy: Date,
  recordExists: (record: string, hold: HoldSlot) => Promise<boolean>,
  limit = 1000,
): Promise<StaleHoldsResult> {
  const result: StaleHoldsResult = { settled: 0, released: 0 };
  for (const { documentId, hold } of await staleHolds(counter.model, takenBy, limit)) {
    const held: Counter = { ...counter, target: { _id: documentId } };
    if (await recordExists(hold.record, hold)) {
      if (await settleHold(held, hold.key, { record: hold.record })) result.settled += 1;
    } else if (await releaseHold(held, hold.key, { owner: hold.owner, takenBy })) {
      result.released += 1;
    }
  }
  return result;
}
