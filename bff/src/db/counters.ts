import mongoose, { Schema } from 'mongoose';

const CounterModel = mongoose.model(
  'Counter',
  new Schema<{ _id: string; seq: number }>(
    { _id: String, seq: { type: Number, required: true } },
    { versionKey: false },
  ),
);

/**
 * Atomically takes the next number of a named sequence (member numbers and the like).
 * With `count` > 1 it takes a block of that many numbers and returns the last of them.
 */
export async function nextSequence(name: string, count = 1): Promise<number> {
  const counter = await CounterModel.findOneAndUpdate(
    { _id: name },
    { $inc: { seq: count } },
    { upsert: true, new: true, lean: true },
  );
  return counter!.seq;
}

/** Takes `count` consecutive numbers of a sequence at once; returns the first. */
export async function reserveSequence(name: string, count: number): Promise<number> {
  const counter = await CounterModel.findOneAndUpdate(
    { _id: name },
    { $inc: { seq: count } },
    { upsert: true, new: true, lean: true },
  );
  return counter!.seq - count + 1;
}

/** The last number taken from a sequence (0 if none yet), without taking one: for pollers. */
export async function currentSequence(name: string): Promise<number> {
  const counter = await CounterModel.findById(name).lean();
  return counter?.seq ?? 0;
}
