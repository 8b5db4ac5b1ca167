/**
 * Where rate-limit counts live. A count belongs to a fixed window that starts with its first
 * hit and lasts the budget's duration. `memory` keeps them in this process (single-process
 * dev and tests); `mongo` keeps them in the database, so several BFF instances behind a load
 * balancer share one budget per key: five wrong passwords are five wherever they landed.
 *
 * The database store uses only single-document `updateOne`s, which are atomic on every
 * database we run on (the embedded one included, unlike a conditional `findOneAndUpdate`),
 * and reads the count back afterwards. A read can only see its own hit or later ones, so a
 * race can make a request see a higher count than its own (refusing it a little early), never
 * a lower one: no budget is exceeded.
 */
import mongoose, { Schema } from 'mongoose';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { isDuplicateKeyError } from '../db/duplicate-key';
import { upsertOne } from '../db/upsert';

export interface RateWindow {
  count: number;
  msBeforeNext: number;
}

/** One budget's counts (keys are accounts or addresses). */
export interface RateCounter {
  /** Adds one to the key's current window (opening a new one if none) and answers the window. */
  hit(key: string): Promise<RateWindow>;
  /** The key's current window, or null if it has none. */
  peek(key: string): Promise<RateWindow | null>;
  /** Sets the key's window to `count` for `seconds` from now (a lock is a window over budget). */
  set(key: string, count: number, seconds: number): Promise<void>;
  clear(key: string): Promise<void>;
}

export type RateStoreKind = 'memory' | 'mongo';
export type RateCounterFactory = (budget: string, durationSeconds: number) => RateCounter;

export function rateCounters(kind: RateStoreKind): RateCounterFactory {
  return kind === 'mongo' ? mongoCounter : memoryCounter;
}

// ---- memory ----------------------------------------------------------------------------

function memoryCounter(budget: string, durationSeconds: number): RateCounter {
  // Used as a plain counter: the budget is checked by the caller, so the limiter never refuses.
  const limiter = new RateLimiterMemory({
    keyPrefix: budget,
    points: Number.MAX_SAFE_INTEGER,
    duration: durationSeconds,
  });
  const windowOf = (res: { consumedPoints: number; msBeforeNext: number }) => ({
    count: res.consumedPoints,
    msBeforeNext: res.msBeforeNext,
  });
  return {
    hit: async (key) => windowOf(await limiter.penalty(key, 1)),
    async peek(key) {
      const res = await limiter.get(key);
      // The store drops a record by timer; an expired one still present is no window.
      return res && res.msBeforeNext > 0 ? windowOf(res) : null;
    },
    set: async (key, count, seconds) => void (await limiter.set(key, count, seconds)),
    clear: async (key) => void (await limiter.delete(key)),
  };
}

// ---- mongo -----------------------------------------------------------------------------

const rateWindowSchema = new Schema(
  {
    _id: { type: String, required: true },
    count: { type: Number, required: true },
    resetAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// A window past its end is the same as none: the database may drop it whenever it likes.
rateWindowSchema.index({ resetAt: 1 }, { expireAfterSeconds: 0 });
export const RateWindowModel = mongoose.model('RateWindow', rateWindowSchema);

function mongoCounter(budget: string, durationSeconds: number): RateCounter {
  const id = (key: string) => `${budget}:${key}`;
  const durationMs = durationSeconds * 1000;

  async function read(key: string, now: number): Promise<RateWindow | null> {
    const found = await RateWindowModel.findById(id(key), { count: 1, resetAt: 1 }).lean().exec();
    if (!found || found.resetAt.getTime() <= now) return null;
    return { count: found.count, msBeforeNext: found.resetAt.getTime() - now };
  }

  async function open(key: string, now: Date): Promise<boolean> {
    const window = { count: 1, resetAt: new Date(now.getTime() + durationMs) };
    // An ended window restarts; only one of several racing requests matches it.
    const restarted = await RateWindowModel.updateOne(
      { _id: id(key), resetAt: { $lte: now } },
      { $set: window },
    ).exec();
    if (restarted.matchedCount === 1) return true;
    try {
      await RateWindowModel.create({ _id: id(key), ...window });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false; // another request opened it: count into it
      throw error;
    }
  }

  return {
    async hit(key) {
      for (let attempt = 0; attempt < 4; attempt += 1) {
        const now = new Date();
        const counted = await RateWindowModel.updateOne(
          { _id: id(key), resetAt: { $gt: now } },
          { $inc: { count: 1 } },
        ).exec();
        if (counted.matchedCount === 1 || (await open(key, now))) {
          const window = await read(key, Date.now());
          if (window) return window;
        }
      }
      // Windows ending and restarting under us four times running: count this hit as the first.
      return { count: 1, msBeforeNext: durationMs };
    },
    peek: (key) => read(key, Date.now()),
    set: (key, count, seconds) =>
      upsertOne(RateWindowModel, { _id: id(key) }, { $set: { count, resetAt: new Date(Date.now() + seconds * 1000) } }),
    clear: async (key) => void (await RateWindowModel.deleteOne({ _id: id(key) }).exec()),
  };
}
