/**
 * The one way to make a conditional change (compare-and-set): a state transition, taking a
 * unit of stock, using a token once. Every exactly-once promise of the product rests on it.
 *
 * Why not `findOneAndUpdate`: the embedded database (jongodb) runs it as a read followed by a
 * write, so with a conditional filter several parallel callers all "win" (32 parallel
 * decrements of a stock of 5 overshot in 246 of 300 trials). A conditional `updateOne` is
 * atomic there and on MongoDB alike: the database itself decides, and its matched count tells
 * this caller whether its change was the one applied. `db/conformance.test.ts` proves that on
 * whichever database the tests run against, and pins the unsafe `findOneAndUpdate` so an
 * upgrade that changes it is noticed. ESLint forbids `findOneAndUpdate` and friends elsewhere.
 */
import type { FilterQuery, Model, Types, UpdateQuery } from 'mongoose';
import { isDuplicateKeyError } from './duplicate-key';

export interface ConditionalTarget<T> {
  /** Identifies exactly one document (its `_id` or a unique key); used again to read it back. */
  key: FilterQuery<T>;
  /** What must still hold for the change to apply (state, version, stock ≥ 1 …). */
  when?: FilterQuery<T>;
}

/** Any compiled model of documents of type T, whatever its schema options (e.g. `versionKey: false`). */
export type AnyModel<T> = Model<T, any, any, any, any, any>;

/** A lean document as stored (the shape the modules' `XxxDoc` types name). */
export type StoredDoc<T> = T & { _id: Types.ObjectId };

export interface ConditionalOptions {
  /**
   * Insert the document when no document has the key. Only safe when `key` is unique: parallel
   * inserts are then decided by the unique index (the losers' E11000 is reported as not applied).
   */
  upsert?: boolean;
  /**
   * The filter (`key`, `when`) and the update are already exactly what is stored (built by the
   * server: ObjectIds as ObjectIds, dates as Dates, no extra fields), so they are sent as
   * written. Mongoose's casting is skipped, and with it its stripping of unknown fields: on a
   * hot path it builds a document per element of an array set whole (a member's 40 card QR
   * windows: about 1 ms per batch). A string where an ObjectId is stored would match nothing,
   * and an upsert would then insert beside the real document.
   */
  asStored?: boolean;
}

/**
 * Applies `update` to the document named by `key` only if `when` still holds, atomically.
 * Resolves true when this caller's change was applied, false when the condition did not hold
 * (someone else changed it first, or there is no such document).
 */
export async function updateIf<T>(
  model: AnyModel<T>,
  target: ConditionalTarget<T>,
  update: UpdateQuery<T>,
  options: ConditionalOptions = {},
): Promise<boolean> {
  const filter = { ...target.key, ...target.when } as FilterQuery<T>;
  try {
    const upsert = options.upsert ?? false;
    const result = options.asStored
      ? await model.collection.updateOne(filter as Record<string, unknown>, update as Record<string, unknown>, {
          upsert,
        })
      : await model.updateOne(filter, update, { upsert });
    return result.matchedCount + result.upsertedCount === 1;
  } catch (caught) {
    // An upsert that lost the race to insert the same key: the other caller's change applied.
    if (options.upsert && isDuplicateKeyError(caught)) return false;
    throw caught;
  }
}

/**
 * `updateIf`, then reads the document back by its key: resolves the document as it stands
 * after this caller's change, or null when the change did not apply. (A later change by
 * someone else may already show in what is read back; the decision was this caller's.)
 */
export async function updateIfAndRead<T>(
  model: AnyModel<T>,
  target: ConditionalTarget<T>,
  update: UpdateQuery<T>,
  options: ConditionalOptions & { projection?: Record<string, 0 | 1> } = {},
): Promise<StoredDoc<T> | null> {
  if (!(await updateIf(model, target, update, options))) return null;
  const document = (await model.findOne(target.key, options.projection).lean()) as StoredDoc<T> | null;
  // Applied but gone by the time it is read: only a delete in between does that, and a caller
  // that was told "applied" must not be handed "not applied"; let it fail loudly instead.
  if (!document) throw new Error(`${model.modelName}: changed document vanished before it was read back`);
  return document;
}
