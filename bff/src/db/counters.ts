/**
 * Named sequences (member numbers, station and catalogue revisions). A number is taken by
 * compare-and-set: read the counter, then move it on only if nobody moved it meanwhile, and
 * try again otherwise. `$inc` through `findOneAndUpdate` would be shorter, but the embedded
 * database hands two parallel callers the same number that way (32 parallel takes returned
 * duplicates in every trial); a conditional `updateOne` is atomic on both databases.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import mongoose, { Schema } from 'mongoose';
import { updateIf } from './conditional-update';
import { isDuplicateKeyError } from './duplicate-key';

const CounterModel = mongoose.model(
  'Counter',
  new Schema<{ _id: string; seq: number }>(
    { _id: String, seq: { type: Number, required: true } },
    { versionKey: false },
  ),
);

/** Far more than any real contention needs; reaching it means the database is not answering sanely. */
const MAX_ATTEMPTS = 500;

/** The first numbers of a sequence: the unique `_id` lets exactly one parallel creator win. */
async function createCounter(name: string, count: number): Promise<boolean> {
  try {
    await CounterModel.create({ _id: name, seq: count });
    return true;
  } catch (caught) {
    if (isDuplicateKeyError(caught)) return false;
    throw caught;
  }
}

const moveCounter = (name: string, seen: number, count: number) =>
  updateIf(CounterModel, { key: { _id: name }, when: { seq: seen } }, { $set: { seq: seen + count } });

/** Takes `count` consecutive numbers; resolves the first of them. */
async function takeNumbers(name: string, count: number): Promise<number> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const seen = (await CounterModel.findById(name, { seq: 1 }).lean())?.seq;
    if (seen === undefined ? await createCounter(name, count) : await moveCounter(name, seen, count)) {
      return (seen ?? 0) + 1;
    }
    // Lost to a parallel caller: back off a little, with jitter so the losers do not collide again.
    if (attempt > 2) await sleep(Math.random() * Math.min(50, attempt * 2));
  }
  throw new Error(`sequence ${name}: could not take a number after ${MAX_ATTEMPTS} attempts`);
}

/**
 * Takes the next number of a named sequence. With `count` > 1 it takes a block of that many
 * numbers and returns the last of them.
 */
export async function nextSequence(name: string, count = 1): Promise<number> {
  return (await takeNumbers(name, count)) + count - 1;
}

/** Takes `count` consecutive numbers of a sequence at once; returns the first. */
export async function reserveSequence(name: string, count: number): Promise<number> {
  return takeNumbers(name, count);
}

/** The last number taken from a sequence (0 if none yet), without taking one: for pollers. */
export async function currentSequence(name: string): Promise<number> {
  const counter = await CounterModel.findById(name).lean();
  return counter?.seq ?? 0;
}
