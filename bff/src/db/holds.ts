/**
 * Keyed holds: a unit of a counted stock (a group's free places, an offer's stock) taken for one
 * request before the record that uses it (an entry, a voucher) is written. Taking the unit and
 * noting who took it is one update of one document, so a request the database dies under
 * between the two writes leaves a hold, never a leak:
 * - its retry (same key) finds the hold and adopts it, then writes the very record the hold was
 *   taken for (`hold.record`: the record's id is chosen when the unit is taken);
 * - once that record exists the hold is settled (removed; the unit stays used);
 * - a hold whose record never appeared is given back by a sweep once it is older than a bound
 *   no request outlives (`releaseStaleHolds`), or at once by its owner when its write was refused.
 * Every step is a conditional `updateOne` on the hold itself, so each hold ends exactly once.
 *
 * Stored on the stock's document as `held` (how many holds are open: what the sweep looks for)
 * and `holds` (hold key → slot), a map rather than an array because the embedded database has
 * no `$push`/`$pull`. Keys become field names, hence the narrow alphabet.
 */
import { randomBytes } from 'node:crypto';
import { Schema, Types, type FilterQuery, type UpdateQuery } from 'mongoose';
import { updateIf, type AnyModel } from './conditional-update';

/** One open hold: which record the unit is for, which attempt may give it back, since when (or last renewed). */
export interface HoldSlot {
  record: Types.ObjectId;
  /** The attempt that took or last adopted the hold: only it (or the sweep) gives it back. */
  by: string;
  at: Date;
}

/** The fields a stocked document carries for its holds (spread into its schema definition). */
export const holdFields = {
  held: { type: Number, default: 0 },
  holds: {
    type: Map,
    of: new Schema<HoldSlot>(
      { record: { type: Schema.Types.ObjectId, required: true }, by: String, at: Date },
      { _id: false },
    ),
    default: () => ({}),
  },
};

/** A counted stock: the document (by a unique key) and the field holding its free units. */
export interface Stock<T> {
  model: AnyModel<T>;
  key: FilterQuery<T>;
  count: string;
}

/** What this attempt holds: the record to write with the unit, and its claim on the hold. */
export interface Hold {
  key: string;
  record: Types.ObjectId;
  by: string;
}

const HOLD_KEY = /^[\w:-]{1,200}$/;
/** Adopting can lose to a parallel attempt adopting or giving back the same hold; a few rounds settle it. */
const ROUNDS = 3;

function slotPath(key: string): string {
  if (!HOLD_KEY.test(key)) throw new Error(`hold key not storable as a field name: ${key}`);
  return `holds.${key}`;
}

/** Paths into the `holds` map are built at run time: the model's own types cannot check them. */
const when = <T>(conditions: Record<string, unknown>) => conditions as FilterQuery<T>;
const change = <T>(update: Record<string, unknown>) => update as UpdateQuery<T>;

async function slotOf<T>(stock: Stock<T>, key: string): Promise<HoldSlot | undefined> {
  const stored = (await stock.model
    .findOne(stock.key, { [slotPath(key)]: 1 })
    .lean()
    .exec()) as {
    holds?: Record<string, HoldSlot>;
  } | null;
  return stored?.holds?.[key];
}

/**
 * Takes one unit for `key`, to be used by the record `record`; or adopts the hold an earlier
 * attempt with the same key left (its retry), which then must write that hold's record.
 * Resolves null when no unit is free.
 */
export async function takeHold<T>(stock: Stock<T>, key: string, record: Types.ObjectId, now: Date) {
  const path = slotPath(key);
  const by = randomBytes(9).toString('base64url');
  for (let round = 0; round < ROUNDS; round++) {
    const taken = await updateIf(
      stock.model,
      { key: stock.key, when: when<T>({ [stock.count]: { $gte: 1 }, [path]: { $exists: false } }) },
      change<T>({ $inc: { [stock.count]: -1, held: 1 }, $set: { [path]: { record, by, at: now } } }),
    );
    if (taken) return { key, record, by } satisfies Hold;
    const slot = await slotOf(stock, key);
    if (!slot) return null;
    // Adopting renews the hold, so the sweep leaves it alone while this attempt writes.
    const adopted = await updateIf(
      stock.model,
      { key: stock.key, when: when<T>({ [`${path}.by`]: slot.by }) },
      change<T>({ $set: { [`${path}.by`]: by, [`${path}.at`]: now } }),
    );
    if (adopted) return { key, record: slot.record, by } satisfies Hold;
    // A twin attempt (same key, in parallel) adopted it first: it is fresh and for the same
    // record, so write that record too, leaving any giving back to its owner. Otherwise it was
    // closed or given back meanwhile: look again.
    const current = await slotOf(stock, key);
    if (current?.record.equals(slot.record)) return { key, record: slot.record, by } satisfies Hold;
  }
  return null;
}

/** The record `record` exists: its hold (if still open) is closed, the unit stays used. */
export function settleHold<T>(stock: Stock<T>, key: string, record: Types.ObjectId): Promise<boolean> {
  const path = slotPath(key);
  return updateIf(
    stock.model,
    { key: stock.key, when: when<T>({ [`${path}.record`]: record }) },
    change<T>({ $unset: { [path]: 1 }, $inc: { held: -1 } }),
  );
}

/**
 * Gives the unit back, once: only while `by` still owns the hold (nobody adopted it since) and,
 * for the sweep, only if it was taken no later than `takenBy`. Resolves whether it did.
 */
export function giveBackHold<T>(stock: Stock<T>, hold: Pick<Hold, 'key' | 'by'>, takenBy?: Date): Promise<boolean> {
  const path = slotPath(hold.key);
  return updateIf(
    stock.model,
    {
      key: stock.key,
      when: when<T>({ [`${path}.by`]: hold.by, ...(takenBy ? { [`${path}.at`]: { $lte: takenBy } } : {}) }),
    },
    change<T>({ $unset: { [path]: 1 }, $inc: { [stock.count]: 1, held: -1 } }),
  );
}

export interface StaleHoldsResult {
  settled: number;
  givenBack: number;
}

/**
 * The sweep: holds taken no later than `takenBy` (a bound longer than any request writes for)
 * are settled when their record exists and given back when it does not; an attempt that adopts
 * one meanwhile renews it and so keeps it.
 */
export async function releaseStaleHolds<T>(
  model: AnyModel<T>,
  count: string,
  takenBy: Date,
  recordExists: (record: Types.ObjectId) => Promise<boolean>,
  limit = 1000,
): Promise<StaleHoldsResult> {
  const result: StaleHoldsResult = { settled: 0, givenBack: 0 };
  const stocked = (await model
    .find(when<T>({ held: { $gte: 1 } }), { holds: 1 })
    .limit(limit)
    .lean()
    .exec()) as { _id: Types.ObjectId; holds?: Record<string, HoldSlot> }[];
  for (const document of stocked) {
    const stock: Stock<T> = { model, key: when<T>({ _id: document._id }), count };
    for (const [key, slot] of Object.entries(document.holds ?? {})) {
      if (slot.at > takenBy) continue;
      if (await recordExists(slot.record)) {
        if (await settleHold(stock, key, slot.record)) result.settled += 1;
      } else if (await giveBackHold(stock, { key, by: slot.by }, takenBy)) {
        result.givenBack += 1;
      }
    }
  }
  return result;
}
