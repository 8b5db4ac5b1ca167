/**
 * Keyed holds (holds.ts), raced straight at the configured database: a unit is held at most
 * once per key and never more units than the stock; a hold ends exactly once, whether its
 * record is written (settled), its owner gives it back, or the sweep does while a retry adopts it.
 */
import { randomBytes } from 'node:crypto';
import mongoose, { Schema, Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../logger';
import { race, RACE_TIMEOUT_MS, RaceError } from '../../test/race';
import { connectDatabase, type Database } from './connect';
import { giveBackHold, holdFields, releaseStaleHolds, settleHold, takeHold, type Hold, type HoldSlot } from './holds';

const TRIALS = 100;
const PARALLEL = 16;

interface Stocked {
  name: string;
  free: number;
  held: number;
  holds: Record<string, HoldSlot>;
}
const StockedModel = mongoose.model(
  'HoldsStocked',
  new Schema({ name: { type: String, unique: true }, free: Number, ...holdFields }, { versionKey: false }),
);
const stock = { model: StockedModel, key: { name: 'stock' }, count: 'free' };
const reset = (free: number, holds: Record<string, HoldSlot> = {}) =>
  StockedModel.updateOne(
    { name: 'stock' },
    { $set: { free, held: Object.keys(holds).length, holds } },
    { upsert: true },
  ).exec();
const stored = async () => (await StockedModel.findOne({ name: 'stock' }).lean<Stocked>().exec())!;

let database: Database;
beforeAll(async () => {
  database = await connectDatabase({
    uri: inject('mongoUri'),
    dbName: `holds_${randomBytes(6).toString('hex')}`,
    logger: createLogger('silent'),
  });
});
afterAll(async () => {
  if (process.env.MONGODB_URI) await mongoose.connection.db?.dropDatabase();
  await database.close();
});

describe('keyed holds', () => {
  it(
    'holds 5 units for 5 of 8 keys when 16 attempts (2 per key) race, each key once',
    { timeout: RACE_TIMEOUT_MS },
    async () => {
      const report = await race({
        trials: TRIALS,
        parallel: PARALLEL,
        reset: () => reset(5),
        attempt: (contender) => takeHold(stock, `request:${contender % 8}`, new Types.ObjectId(), new Date()),
        check: async (results, trial) => {
          if (results.some((result) => result instanceof RaceError)) return 'an attempt threw';
          const { free, held, holds } = await stored();
          if (free !== 0 || held !== 5 || Object.keys(holds).length !== 5)
            return `free ${free}, held ${held}, ${Object.keys(holds)}`;
          for (const hold of results as (Hold | null)[]) {
            // Every attempt that holds writes the record its key's hold is for: one record per key.
            if (hold && String(holds[hold.key]?.record) !== String(hold.record))
              return `trial ${trial}: ${hold.key} holds another record`;
          }
          return null;
        },
      });
      expect(report.violations).toEqual([]);
    },
  );

  it('settles a hold once, only for its own record, and a settled hold cannot be given back', async () => {
    await reset(1);
    const hold = (await takeHold(stock, 'member:r1', new Types.ObjectId(), new Date()))!;
    expect(await settleHold(stock, hold.key, new Types.ObjectId())).toBe(false);
    expect(await settleHold(stock, hold.key, hold.record)).toBe(true);
    expect(await settleHold(stock, hold.key, hold.record)).toBe(false);
    expect(await giveBackHold(stock, hold)).toBe(false);
    expect(await stored()).toMatchObject({ free: 0, held: 0, holds: {} });
  });

  it('a retry adopts the hold its key left and must write the same record; the old attempt loses the right to give it back', async () => {
    await reset(2);
    const first = (await takeHold(stock, 'member:r2', new Types.ObjectId(), new Date()))!;
    const retry = (await takeHold(stock, 'member:r2', new Types.ObjectId(), new Date()))!;
    expect(String(retry.record)).toBe(String(first.record));
    expect(await giveBackHold(stock, first)).toBe(false);
    expect(await giveBackHold(stock, retry)).toBe(true);
    expect(await stored()).toMatchObject({ free: 2, held: 0, holds: {} });
  });

  it(
    'gives a stale hold back exactly once while sweeps and retries race for it',
    { timeout: RACE_TIMEOUT_MS },
    async () => {
      const takenAt = new Date('2026-01-01T00:00:00Z');
      const staleBy = new Date(takenAt.getTime() + 60_000);
      // Retries come later than the sweep's bound: a hold they take or adopt is fresh to it.
      const retryAt = new Date(staleBy.getTime() + 60_000);
      const report = await race({
        trials: TRIALS,
        parallel: PARALLEL,
        reset: () => reset(0, { 'member:stale': { record: new Types.ObjectId(), by: 'gone', at: takenAt } }),
        attempt: (contender): Promise<unknown> =>
          contender % 2
            ? releaseStaleHolds(StockedModel, 'free', staleBy, async () => false)
            : takeHold(stock, 'member:stale', new Types.ObjectId(), retryAt),
        check: async (results) => {
          if (results.some((result) => result instanceof RaceError)) return 'an attempt threw';
          const { free, held, holds } = await stored();
          const givenBack = results.reduce<number>(
            (sum, result) => sum + ((result as { givenBack?: number } | null)?.givenBack ?? 0),
            0,
          );
          // One unit in all: free, or held by one slot; and it was given back at most once.
          if (free + held !== 1 || Object.keys(holds).length !== held) return `free ${free}, held ${held}`;
          return givenBack <= 1 ? null : `given back ${givenBack} times`;
        },
      });
      expect(report.violations).toEqual([]);
    },
  );

  it('the sweep settles a stale hold whose record exists and leaves fresh ones alone', async () => {
    const old = new Date('2026-01-01T00:00:00Z');
    const written = new Types.ObjectId();
    await reset(0, {
      'member:written': { record: written, by: 'a', at: old },
      'member:fresh': { record: new Types.ObjectId(), by: 'b', at: new Date('2026-01-01T00:10:00Z') },
    });
    const result = await releaseStaleHolds(StockedModel, 'free', new Date('2026-01-01T00:05:00Z'), async (record) =>
      record.equals(written),
    );
    expect(result).toEqual({ settled: 1, givenBack: 0 });
    const { free, held, holds } = await stored();
    expect({ free, held, keys: Object.keys(holds) }).toEqual({ free: 0, held: 1, keys: ['member:fresh'] });
  });
});
