/**
 * Database conformance: every primitive the product's exactly-once promises rest on, raced
 * many ways and hundreds of times straight at the configured database (the embedded one in
 * CI, MongoDB when MONGODB_URI is set). If a database or an upgrade breaks one, this fails
 * before any feature test could pass by luck.
 */
import { randomBytes } from 'node:crypto';
import mongoose, { Schema, Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createLogger } from '../logger';
import { race, RACE_TIMEOUT_MS, RaceError, tally } from '../../test/race';
import { updateIf, updateIfAndRead } from './conditional-update';
import { connectDatabase, type Database } from './connect';
import { currentSequence, nextSequence, reserveSequence } from './counters';
import { isDuplicateKeyError } from './duplicate-key';

const TRIALS = 300;
const PARALLEL = 32;

interface Contested {
  _id: Types.ObjectId;
  stock: number;
  status: string;
  version: number;
  decidedBy: number | null;
}
const ContestedModel = mongoose.model(
  'ConformanceContested',
  new Schema<Contested>({
    stock: Number,
    status: String,
    version: Number,
    decidedBy: { type: Number, default: null },
  }),
);

interface Keyed {
  key: string;
  count: number;
  lastAt: Date;
}
const KeyedModel = mongoose.model(
  'ConformanceKeyed',
  new Schema<Keyed>({ key: { type: String, unique: true }, count: Number, lastAt: Date }),
);

interface Quota {
  offer: string;
  member: string;
  period: string;
  count: number;
}
const quotaSchema = new Schema<Quota>({ offer: String, member: String, period: String, count: Number });
quotaSchema.index({ offer: 1, member: 1, period: 1 }, { unique: true });
const QuotaModel = mongoose.model('ConformanceQuota', quotaSchema);

const embedded = !process.env.MONGODB_URI;
let database: Database;
const contestedId = new Types.ObjectId();

beforeAll(async () => {
  database = await connectDatabase({
    uri: inject('mongoUri'),
    dbName: `conformance_${randomBytes(6).toString('hex')}`,
    logger: createLogger('silent'),
  });
  await ContestedModel.create({ _id: contestedId, stock: 0, status: 'open', version: 0 });
});
afterAll(async () => {
  if (!embedded) await mongoose.connection.db?.dropDatabase();
  await database.close();
});

const resetContested = (state: Partial<Contested>) =>
  ContestedModel.updateOne(
    { _id: contestedId },
    { $set: { stock: 0, status: 'open', version: 0, decidedBy: null, ...state } },
  );
const contested = async () => (await ContestedModel.findById(contestedId).lean())!;
const failures = (results: unknown[]) => results.filter((result) => result instanceof RaceError) as RaceError[];

describe('conditional update (updateIf)', () => {
  it('takes exactly the stock there is when 32 race for 5 units', { timeout: RACE_TIMEOUT_MS }, async () => {
    const report = await race({
      trials: TRIALS,
      parallel: PARALLEL,
      reset: () => resetContested({ stock: 5 }),
      attempt: () =>
        updateIf(ContestedModel, { key: { _id: contestedId }, when: { stock: { $gte: 1 } } }, { $inc: { stock: -1 } }),
      check: async (results) => {
        const { stock } = await contested();
        const taken = results.filter((result) => result === true).length;
        return taken === 5 && stock === 0 ? null : `taken ${taken}, stock left ${stock}, ${tally(results, String)}`;
      },
    });
    expect(report.violations).toEqual([]);
  });

  it(
    'lets exactly one of 32 different decisions on one version win, and reads back the winner',
    { timeout: RACE_TIMEOUT_MS },
    async () => {
      const report = await race({
        trials: TRIALS,
        parallel: PARALLEL,
        reset: () => resetContested({}),
        attempt: (contender) =>
          updateIfAndRead<Contested>(
            ContestedModel,
            { key: { _id: contestedId }, when: { version: 0, status: 'open' } },
            { $set: { status: contender % 2 ? 'approved' : 'returned', decidedBy: contender }, $inc: { version: 1 } },
          ),
        check: async (results) => {
          const winners = results.filter((result) => result && !(result instanceof RaceError)) as Contested[];
          const stored = await contested();
          if (winners.length !== 1) return `${winners.length} winners`;
          if (stored.version !== 1) return `version ${stored.version}`;
          return winners[0]!.decidedBy === stored.decidedBy ? null : 'the winner read back another decision';
        },
      });
      expect(report.violations).toEqual([]);
    },
  );

  it(
    'takes exactly the stock there is when the change is sent as stored (uncast)',
    { timeout: RACE_TIMEOUT_MS },
    async () => {
      const report = await race({
        trials: TRIALS,
        parallel: PARALLEL,
        reset: () => resetContested({ stock: 5 }),
        attempt: () =>
          updateIf(
            ContestedModel,
            { key: { _id: contestedId }, when: { stock: { $gte: 1 } } },
            { $inc: { stock: -1 } },
            { asStored: true },
          ),
        check: async (results) => {
          const { stock } = await contested();
          const taken = results.filter((result) => result === true).length;
          return taken === 5 && stock === 0 ? null : `taken ${taken}, stock left ${stock}, ${tally(results, String)}`;
        },
      });
      expect(report.violations).toEqual([]);
    },
  );

  it('reports a change to a document that does not exist as not applied', async () => {
    expect(await updateIf(ContestedModel, { key: { _id: new Types.ObjectId() } }, { $set: { status: 'x' } })).toBe(
      false,
    );
    expect(
      await updateIfAndRead(ContestedModel, { key: { _id: new Types.ObjectId() } }, { $set: { status: 'x' } }),
    ).toBeNull();
  });
});

describe('conditional upsert on a unique key', () => {
  const key = 'gate';
  const windowStart = new Date('2026-01-01T00:00:00Z');
  const pass = () =>
    updateIf(
      KeyedModel,
      { key: { key }, when: { lastAt: { $lte: windowStart } } },
      { $set: { lastAt: new Date('2026-06-01T00:00:00Z') } },
      { upsert: true },
    );

  it('lets exactly one of 32 through a gate that does not exist yet', { timeout: RACE_TIMEOUT_MS }, async () => {
    const report = await race({
      trials: TRIALS,
      parallel: PARALLEL,
      reset: async () => void (await KeyedModel.deleteMany({ key })),
      attempt: pass,
      check: async (results) => {
        const through = results.filter((result) => result === true).length;
        const errors = failures(results);
        return through === 1 && errors.length === 0 ? null : `${through} through, ${errors.length} errors`;
      },
    });
    expect(report.violations).toEqual([]);
  });

  it(
    'lets exactly one of 32 through a gate that does not exist yet, sent as stored (uncast)',
    { timeout: RACE_TIMEOUT_MS },
    async () => {
      const report = await race({
        trials: TRIALS,
        parallel: PARALLEL,
        reset: async () => void (await KeyedModel.deleteMany({ key })),
        attempt: () =>
          updateIf(
            KeyedModel,
            { key: { key }, when: { lastAt: { $lte: windowStart } } },
            { $set: { lastAt: new Date('2026-06-01T00:00:00Z') } },
            { upsert: true, asStored: true },
          ),
        check: async (results) => {
          const through = results.filter((result) => result === true).length;
          const errors = failures(results);
          const stored = await KeyedModel.find({ key }).lean();
          if (stored.length !== 1 || !(stored[0]!.lastAt instanceof Date)) return `stored ${JSON.stringify(stored)}`;
          return through === 1 && errors.length === 0 ? null : `${through} through, ${errors.length} errors`;
        },
      });
      expect(report.violations).toEqual([]);
    },
  );

  it('lets exactly one of 32 through a gate whose window has passed', { timeout: RACE_TIMEOUT_MS }, async () => {
    const report = await race({
      trials: TRIALS,
      parallel: PARALLEL,
      reset: () =>
        KeyedModel.updateOne({ key }, { $set: { lastAt: new Date('2025-01-01T00:00:00Z') } }, { upsert: true }),
      attempt: pass,
      check: (results) => {
        const through = results.filter((result) => result === true).length;
        return through === 1 ? null : `${through} through, ${failures(results).length} errors`;
      },
    });
    expect(report.violations).toEqual([]);
  });

  it(
    'takes a per-member quota of 2 exactly twice when 32 race, inserting it on first use',
    { timeout: RACE_TIMEOUT_MS },
    async () => {
      const report = await race({
        trials: TRIALS,
        parallel: PARALLEL,
        reset: async () => void (await KeyedModel.deleteMany({ key: 'quota' })),
        attempt: () =>
          updateIf(
            KeyedModel,
            { key: { key: 'quota' }, when: { count: { $lt: 2 } } },
            { $inc: { count: 1 } },
            { upsert: true },
          ),
        check: async (results) => {
          const stored = await KeyedModel.findOne({ key: 'quota' }).lean();
          const taken = results.filter((result) => result === true).length;
          return taken === 2 && stored?.count === 2 ? null : `taken ${taken}, count ${stored?.count}`;
        },
      });
      expect(report.violations).toEqual([]);
    },
  );
});

describe('conditional take on a compound unique key (per-member quota)', () => {
  const quotaKey = { offer: 'o1', member: 'm1', period: '2026-12' };
  const take = () => updateIf(QuotaModel, { key: quotaKey, when: { count: { $lt: 2 } } }, { $inc: { count: 1 } });

  it(
    'takes a quota of 2 exactly twice when 32 race on an existing document',
    { timeout: RACE_TIMEOUT_MS },
    async () => {
      const report = await race({
        trials: TRIALS,
        parallel: PARALLEL,
        reset: () => QuotaModel.updateOne(quotaKey, { $set: { count: 0 } }, { upsert: true }),
        attempt: take,
        check: async (results) => {
          const stored = await QuotaModel.findOne(quotaKey).lean();
          const taken = results.filter((result) => result === true).length;
          return taken === 2 && stored?.count === 2 ? null : `taken ${taken}, count ${stored?.count}`;
        },
      });
      expect(report.violations).toEqual([]);
    },
  );

  it(
    'takes a quota of 2 exactly twice when 32 race with upsert and no document yet',
    { timeout: RACE_TIMEOUT_MS },
    async () => {
      const report = await race({
        trials: TRIALS,
        parallel: PARALLEL,
        reset: () => QuotaModel.deleteMany(quotaKey),
        attempt: () =>
          updateIf(
            QuotaModel,
            { key: quotaKey, when: { count: { $lt: 2 } } },
            { $inc: { count: 1 } },
            { upsert: true },
          ),
        check: async (results) => {
          const stored = await QuotaModel.find(quotaKey).lean();
          const taken = results.filter((result) => result === true).length;
          const errors = failures(results).length;
          return taken === 2 && stored.length === 1 && stored[0]!.count === 2 && errors === 0
            ? null
            : `taken ${taken}, documents ${stored.length}, count ${stored[0]?.count}, errors ${errors}`;
        },
      });
      expect(report.violations).toEqual([]);
    },
  );
});

describe('unique insert', () => {
  it(
    'stores exactly one of 32 documents with the same unique key and refuses the rest with E11000',
    { timeout: RACE_TIMEOUT_MS },
    async () => {
      const report = await race({
        trials: TRIALS,
        parallel: PARALLEL,
        reset: async () => void (await KeyedModel.deleteMany({ key: 'unique' })),
        attempt: (contender) => KeyedModel.create({ key: 'unique', count: contender, lastAt: new Date() }),
        check: async (results) => {
          const refused = failures(results);
          const stored = await KeyedModel.countDocuments({ key: 'unique' });
          const allDuplicate = refused.every((failure) => isDuplicateKeyError(failure.error));
          return stored === 1 && refused.length === PARALLEL - 1 && allDuplicate
            ? null
            : `${stored} stored, ${refused.length} refused`;
        },
      });
      expect(report.violations).toEqual([]);
    },
  );
});

describe('conditional delete', () => {
  it('deletes for exactly one of 32', { timeout: RACE_TIMEOUT_MS }, async () => {
    const report = await race({
      trials: TRIALS,
      parallel: PARALLEL,
      reset: () => KeyedModel.updateOne({ key: 'doomed' }, { $set: { count: 1 } }, { upsert: true }),
      attempt: () => KeyedModel.deleteOne({ key: 'doomed', count: 1 }),
      check: (results) => {
        const deleted = results.filter((result) => !(result instanceof RaceError) && result.deletedCount === 1).length;
        return deleted === 1 ? null : `${deleted} deleted`;
      },
    });
    expect(report.violations).toEqual([]);
  });
});

describe('sequences (counters)', () => {
  it(
    'hands 32 parallel callers 32 different consecutive numbers, every time',
    { timeout: RACE_TIMEOUT_MS },
    async () => {
      const report = await race({
        trials: (TRIALS * 2) / 3,
        parallel: PARALLEL,
        attempt: (_, trial) => nextSequence(`seq-${trial}`),
        check: async (results, trial) => {
          const numbers = (results as number[]).slice().sort((a, b) => a - b);
          const expected = Array.from({ length: PARALLEL }, (_, index) => index + 1);
          if (failures(results).length) return `${failures(results).length} errors`;
          if (JSON.stringify(numbers) !== JSON.stringify(expected)) return `numbers ${numbers.join(',')}`;
          const last = await currentSequence(`seq-${trial}`);
          return last === PARALLEL ? null : `counter at ${last}`;
        },
      });
      expect(report.violations).toEqual([]);
    },
  );

  it('reserves blocks that never overlap', async () => {
    const blocks = await Promise.all(Array.from({ length: 16 }, () => reserveSequence('blocks', 5)));
    const numbers = blocks.flatMap((first) => [0, 1, 2, 3, 4].map((offset) => first + offset));
    expect(new Set(numbers).size).toBe(80);
    expect(Math.max(...numbers)).toBe(80);
    expect(await nextSequence('blocks', 3)).toBe(83);
  });
});

describe('findOneAndUpdate (forbidden outside db/ by ESLint)', () => {
  /** 32 conditional decrements of a stock of 5 through findOneAndUpdate, 50 times over. */
  const findOneAndUpdateRace = () =>
    race({
      trials: 50,
      parallel: PARALLEL,
      reset: () => resetContested({ stock: 5 }),
      attempt: () =>
        // eslint-disable-next-line no-restricted-syntax -- the unsafe call this suite pins
        ContestedModel.findOneAndUpdate(
          { _id: contestedId, stock: { $gte: 1 } },
          { $inc: { stock: -1 } },
          { new: true },
        ),
      check: async (results) => {
        const taken = results.filter((result) => result && !(result instanceof RaceError)).length;
        const { stock } = await contested();
        return taken === 5 && stock === 0 ? null : `taken ${taken}, stock ${stock}`;
      },
    });

  // Pinned on purpose: if a jongodb upgrade makes it atomic, this fails and the rule can be revisited.
  it.skipIf(!embedded)(
    'is NOT atomic with a conditional filter on the embedded database',
    { timeout: RACE_TIMEOUT_MS },
    async () => {
      // The overshoot needs two reads to interleave, which a busy machine sometimes does not
      // allow in 50 trials (seen once in CI): look for it over up to 10 rounds, stopping at the first.
      let violations = 0;
      for (let round = 0; round < 10 && violations === 0; round++) {
        violations = (await findOneAndUpdateRace()).violations.length;
      }
      expect(violations).toBeGreaterThan(0);
    },
  );

  it.skipIf(embedded)('is atomic with a conditional filter on MongoDB', { timeout: RACE_TIMEOUT_MS }, async () => {
    expect((await findOneAndUpdateRace()).violations).toEqual([]);
  });
});
