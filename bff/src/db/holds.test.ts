/**
 * Keyed holds (holds.ts), raced straight at the configured database: a unit is held at most
 * once per key and never more units than the stock; a hold ends exactly once, whether its
 * record is written (settled), its owner gives it back, or the sweep does while a retry adopts it.
 * Also the shapes the benefits use: a quota counting up whose holds are never settled, and a
 * late duplicate whose second unit is told apart from the settled first by its record.
 */
import { randomBytes } from 'node:crypto';
import mongoose, { Schema, Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../logger';
import { race, RACE_TIMEOUT_MS, RaceError } from '../../test/race';
import { connectDatabase, type Database } from './connect';
import {
  holdFields,
  holdPath,
  releaseHold,
  releaseStaleHolds,
  settleHold,
  takeHold,
  type Counter,
  type Hold,
  type HoldSlot,
} from './holds';

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
const stock: Counter = {
  model: StockedModel,
  target: { name: 'stock' },
  field: 'free',
  step: -1,
  when: { free: { $gte: 1 } },
};
const sweepable = { model: StockedModel, field: 'free', step: -1 };
const newRecord = () => String(new Types.ObjectId());
/** The stored holds by key, as the tests name them. */
const byKey = (holds: Record<string, HoldSlot>) =>
  Object.fromEntries(Object.values(holds).map((hold) => [hold.key, hold]));
/** Stored holds, placed as takeHold places them. */
const slots = (...holds: HoldSlot[]) =>
  Object.fromEntries(holds.map((hold) => [holdPath(hold.key).slice('holds.'.length), hold]));
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
        attempt: (contender) => takeHold(stock, `request:${contender % 8}`, newRecord(), new Date()),
        check: async (results, trial) => {
          if (results.some((result) => result instanceof RaceError)) return 'an attempt threw';
          const { free, held, holds } = await stored();
          if (free !== 0 || held !== 5 || Object.keys(holds).length !== 5)
            return `free ${free}, held ${held}, ${Object.keys(holds)}`;
          for (const hold of results as (Hold | null)[]) {
            // Every attempt that holds writes the record its key's hold is for: one record per key.
            if (hold && byKey(holds)[hold.key]?.record !== hold.record)
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
    const hold = (await takeHold(stock, 'member:r1', newRecord(), new Date()))!;
    expect(await settleHold(stock, hold.key, { record: newRecord() })).toBe(false);
    expect(await settleHold(stock, hold.key, { record: hold.record })).toBe(true);
    expect(await settleHold(stock, hold.key, { record: hold.record })).toBe(false);
    expect(await releaseHold(stock, hold.key, { owner: hold.owner })).toBe(false);
    expect(await stored()).toMatchObject({ free: 0, held: 0, holds: {} });
  });

  it('a retry adopts the hold its key left and must write the same record; the old attempt loses the right to give it back', async () => {
    await reset(2);
    const first = (await takeHold(stock, 'member:r2', newRecord(), new Date()))!;
    const retry = (await takeHold(stock, 'member:r2', newRecord(), new Date()))!;
    expect(retry).toMatchObject({ record: first.record, adopted: true });
    expect(await releaseHold(stock, first.key, { owner: first.owner })).toBe(false);
    expect(await releaseHold(stock, retry.key, { owner: retry.owner })).toBe(true);
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
        reset: () => reset(0, slots({ key: 'member:stale', record: newRecord(), owner: 'gone', at: takenAt })),
        attempt: (contender): Promise<unknown> =>
          contender % 2
            ? releaseStaleHolds(sweepable, staleBy, async () => false)
            : takeHold(stock, 'member:stale', newRecord(), retryAt),
        check: async (results) => {
          if (results.some((result) => result instanceof RaceError)) return 'an attempt threw';
          const { free, held, holds } = await stored();
          const givenBack = results.reduce<number>(
            (sum, result) => sum + ((result as { released?: number } | null)?.released ?? 0),
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
    const written = newRecord();
    await reset(
      0,
      slots(
        { key: 'member:written', record: written, owner: 'a', at: old },
        { key: 'member:fresh', record: newRecord(), owner: 'b', at: new Date('2026-01-01T00:10:00Z') },
      ),
    );
    const result = await releaseStaleHolds(
      sweepable,
      new Date('2026-01-01T00:05:00Z'),
      async (record) => record === written,
    );
    expect(result).toEqual({ settled: 1, released: 0 });
    const { free, held, holds } = await stored();
    expect({ free, held, keys: Object.keys(byKey(holds)) }).toEqual({ free: 0, held: 1, keys: ['member:fresh'] });
  });
  it('counts a quota up once per key below its limit; its holds, never settled, go back by key', async () => {
    await StockedModel.updateOne({ name: 'quota' }, { $set: { free: 0, held: 0, holds: {} } }, { upsert: true }).exec();
    const quota: Counter = {
      model: StockedModel,
      target: { name: 'quota' },
      field: 'free',
      step: 1,
      when: { free: { $lt: 2 } },
    };
    const now = new Date();
    expect(await takeHold(quota, 'claim:a', 'claim:a', now)).toMatchObject({ adopted: false });
    expect(await takeHold(quota, 'claim:a', 'claim:a', now)).toMatchObject({ adopted: true });
    expect(await takeHold(quota, 'claim:b', 'claim:b', now)).toMatchObject({ adopted: false });
    expect(await takeHold(quota, 'claim:c', 'claim:c', now)).toBeNull();
    expect(await releaseHold(quota, 'claim:a')).toBe(true);
    expect(await releaseHold(quota, 'claim:a')).toBe(false);
    const left = (await StockedModel.findOne({ name: 'quota' }).lean<Stocked>().exec())!;
    expect({ count: left.free, held: left.held, keys: Object.keys(byKey(left.holds)) }).toEqual({
      count: 1,
      held: 1,
      keys: ['claim:b'],
    });
  });

  it('a duplicate arriving after the first hold was settled takes a second unit, released by its own record', async () => {
    await reset(3);
    const first = (await takeHold(stock, 'claim:late', newRecord(), new Date()))!;
    expect(await settleHold(stock, first.key, { record: first.record })).toBe(true);
    const late = (await takeHold(stock, 'claim:late', newRecord(), new Date()))!;
    expect(late).toMatchObject({ adopted: false });
    expect(late.record).not.toBe(first.record);
    // The written record keeps the first hold's id: the late one's is surplus and goes back, once.
    expect(await releaseHold(stock, late.key, { record: first.record })).toBe(false);
    expect(await releaseHold(stock, late.key, { record: late.record })).toBe(true);
    expect(await stored()).toMatchObject({ free: 2, held: 0, holds: {} });
  });

  it('takes any key, whatever its characters, as its own hold', async () => {
    await reset(2);
    const odd = 'order:member:请求 $.key/with.dots';
    const hold = (await takeHold(stock, odd, newRecord(), new Date()))!;
    expect(byKey((await stored()).holds)[odd]).toMatchObject({ key: odd, record: hold.record });
    expect(await releaseHold(stock, odd, { record: hold.record })).toBe(true);
    expect(await stored()).toMatchObject({ free: 2, held: 0, holds: {} });
  });
});
