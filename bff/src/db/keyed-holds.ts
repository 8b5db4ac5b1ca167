/**
 * Counters a request changes at most once, however often it is retried and wherever it
 * stopped: the request's key is written into the counter's own document in the same atomic
 * update that moves the counter (`holds.<digest of key>`), so "did my earlier attempt already
 * take this unit?" has an answer in the database, not in a process that may have died.
 *
 * - `takeHold` moves the counter and records the hold under a fresh token, or finds the hold
 *   already recorded (a retry, a parallel duplicate) and answers its token.
 * - `releaseHold` moves the counter back and removes the hold, only while the hold is there.
 * - `settleHold` removes the hold without moving the counter: the unit now lives in a record
 *   of its own (a voucher, an order), and the hold has done its job.
 *
 * The token tells holds of one key apart over time: a duplicate that arrives after the first
 * attempt settled its hold takes a second one, and the record (which keeps the token of the
 * hold it stands for) shows that second hold to be surplus, to be released.
 * - `holdsOlderThan` lists holds a crash may have abandoned, for a sweep to settle or release.
 *
 * A map keyed by digest rather than an array, because the embedded database has no $push or
 * $pull; `$set`/`$unset` of a dotted path and `$exists` on it are portable and, in one
 * `updateOne`, atomic on both databases. `holdCount` lets a sweep find documents with holds.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { AnyModel } from './conditional-update';

export interface Hold {
  key: string;
  at: Date;
  token: string;
}

export interface HoldTaken {
  outcome: 'taken' | 'already_held';
  token: string;
}

export interface HeldDocument {
  holds?: Record<string, Hold> | null;
  holdCount?: number | null;
}

type Filter = Record<string, unknown>;
type HeldModel = AnyModel<any>;

export interface CounterMove {
  model: HeldModel;
  /** Names exactly one document. */
  target: Filter;
  counter: string;
  /** What a take adds to the counter (−1 for stock, +1 for a quota); a release adds the opposite. */
  by: number;
  /** What must hold for a take to apply (stock ≥ 1, quota below its limit, offer open…). */
  when?: Filter;
}

const digest = (key: string) => createHash('sha256').update(key).digest('base64url').slice(0, 22);
export const holdPath = (key: string) => `holds.${digest(key)}`;

/** The hold taken now, or the one already there under the key; null when the take was refused. */
export async function takeHold(move: CounterMove, key: string, now: Date): Promise<HoldTaken | null> {
  const path = holdPath(key);
  const token = randomUUID();
  const result = await move.model.updateOne({ ...move.target, ...move.when, [path]: { $exists: false } }, {
    $inc: { [move.counter]: move.by, holdCount: 1 },
    $set: { [path]: { key, at: now, token } },
  } as never);
  if (result.modifiedCount === 1) return { outcome: 'taken', token };
  const held = await heldToken(move, key);
  return held ? { outcome: 'already_held', token: held } : null;
}

/** The token of the hold under `key`, or null when there is none. */
export async function heldToken(move: Pick<CounterMove, 'model' | 'target'>, key: string): Promise<string | null> {
  const path = holdPath(key);
  const document: HeldDocument | null = await move.model
    .findOne({ ...move.target, [path]: { $exists: true } }, { [path]: 1 })
    .lean()
    .exec();
  return document?.holds?.[path.slice('holds.'.length)]?.token ?? null;
}

/** Only the hold with this token, when given; any hold under the key otherwise. */
const holdFilter = (path: string, token?: string) =>
  token ? { [`${path}.token`]: token } : { [path]: { $exists: true } };

/** Gives the unit back; true only for the one call that found the hold. */
export async function releaseHold(move: CounterMove, key: string, token?: string): Promise<boolean> {
  const path = holdPath(key);
  const result = await move.model.updateOne({ ...move.target, ...holdFilter(path, token) }, {
    $inc: { [move.counter]: -move.by, holdCount: -1 },
    $unset: { [path]: '' },
  } as never);
  return result.modifiedCount === 1;
}

/** The unit is now a record of its own: forget the hold, keep the counter. */
export async function settleHold(
  move: Pick<CounterMove, 'model' | 'target'>,
  key: string,
  token?: string,
): Promise<boolean> {
  const path = holdPath(key);
  const result = await move.model.updateOne({ ...move.target, ...holdFilter(path, token) }, {
    $inc: { holdCount: -1 },
    $unset: { [path]: '' },
  } as never);
  return result.modifiedCount === 1;
}

/** Holds taken before `cutoff`, with the document holding each (at most `limit` documents). */
export async function holdsOlderThan(
  model: HeldModel,
  cutoff: Date,
  limit = 200,
): Promise<{ documentId: unknown; hold: Hold }[]> {
  const documents: ({ _id: unknown } & HeldDocument)[] = await model
    .find({ holdCount: { $gt: 0 } }, { holds: 1 })
    .limit(limit)
    .lean()
    .exec();
  return documents.flatMap((document) =>
    Object.values(document.holds ?? {})
      .filter((hold) => hold.at.getTime() < cutoff.getTime())
      .map((hold) => ({ documentId: document._id, hold })),
  );
}
