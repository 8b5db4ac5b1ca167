/**
 * Leased jobs with several instances against one database, played in one process by giving
 * each instance its own holder id. The job under test processes a queue without any condition
 * of its own (read the queued items, mark each done), so only the lease stands between it and
 * doing an item twice: every item processed exactly once means no two runs overlapped.
 */
import { randomBytes } from 'node:crypto';
import mongoose, { Schema, Types } from 'mongoose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { connectDatabase, type Database } from '../db/connect';
import { createLogger } from '../logger';
import { acquireLease, JobLeaseModel, type Lease } from './lease';
import { startLeasedJob, type LeasedJobHandle, type LeasedRun } from './leased-job';

interface Item {
  _id: Types.ObjectId;
  job: string;
  state: 'queued' | 'done';
  processed: number;
  by: string | null;
}
const ItemModel = mongoose.model(
  'LeasedJobTestItem',
  new Schema<Item>({ job: String, state: String, processed: Number, by: { type: String, default: null } }),
);

const logger = createLogger('silent');
const TICK_MS = 20;
let database: Database;
const embedded = !process.env.MONGODB_URI;
beforeAll(async () => {
  database = await connectDatabase({
    uri: inject('mongoUri'),
    dbName: `leased_job_${randomBytes(6).toString('hex')}`,
    logger,
  });
});
afterAll(async () => {
  if (!embedded) await mongoose.connection.db?.dropDatabase();
  await database.close();
});

/** Waits for a condition, however long a loaded machine takes (the test's own timeout is the guard). */
const eventually = (check: () => Promise<void> | void) => vi.waitFor(check, { timeout: 20_000, interval: TICK_MS });

/** Several instances running one job, and what they did. */
class Cluster {
  readonly handles = new Map<string, LeasedJobHandle>();
  /** Instances "killed": their runs in flight do nothing more, as a dead process would not. */
  readonly dead = new Set<string>();
  readonly runs: string[] = [];
  /** The instances that ran under each lease token. */
  readonly runsByToken = new Map<number, Set<string>>();
  inside = 0;
  mostInside = 0;

  constructor(
    readonly job: string,
    private readonly leaseMs: number,
  ) {}

  start(instance: string, run = (leased: LeasedRun) => this.processQueue(instance, leased)) {
    this.handles.set(
      instance,
      startLeasedJob(this.job, logger, TICK_MS, run, { instanceId: instance, leaseMs: this.leaseMs }),
    );
  }

  async processQueue(instance: string, leased: LeasedRun) {
    if (this.dead.has(instance)) return;
    const token = leased.lease.token;
    this.runsByToken.set(token, (this.runsByToken.get(token) ?? new Set()).add(instance));
    this.inside += 1;
    this.mostInside = Math.max(this.mostInside, this.inside);
    this.runs.push(instance);
    try {
      const queued = await ItemModel.find({ job: this.job, state: 'queued' }).lean();
      for (const item of queued) {
        if (this.dead.has(instance)) return;
        // Deliberately unconditional: only the lease keeps a second instance from repeating it.
        await ItemModel.updateOne({ _id: item._id }, { $inc: { processed: 1 }, $set: { state: 'done', by: instance } });
      }
    } finally {
      this.inside -= 1;
    }
  }

  async enqueue(count: number): Promise<Types.ObjectId[]> {
    const items = await ItemModel.insertMany(
      Array.from({ length: count }, () => ({ job: this.job, state: 'queued', processed: 0 })),
    );
    return items.map((item) => item._id);
  }

  async drained() {
    await eventually(async () => expect(await ItemModel.countDocuments({ job: this.job, state: 'queued' })).toBe(0));
  }

  async lease() {
    return (await JobLeaseModel.findById(this.job).lean())!;
  }

  async processedCounts(): Promise<number[]> {
    return (await ItemModel.find({ job: this.job }).lean()).map((item) => item.processed);
  }

  stopAll() {
    return Promise.all([...this.handles.values()].map((handle) => handle.stop()));
  }
}

const clusters: Cluster[] = [];
const cluster = (job: string, leaseMs: number) => {
  const created = new Cluster(job, leaseMs);
  clusters.push(created);
  return created;
};
afterEach(async () => {
  await Promise.all(clusters.splice(0).map((each) => each.stopAll()));
});

describe('leased jobs on several instances', () => {
  it('runs each pass on one instance only: never two runs at once, every item once, one instance per lease', async () => {
    const three = cluster('steady', 10_000);
    for (const instance of ['a', 'b', 'c']) three.start(instance);
    for (let wave = 0; wave < 5; wave++) {
      await three.enqueue(10);
      await three.drained();
    }
    await eventually(() => expect(three.runs.length).toBeGreaterThanOrEqual(30));
    await three.stopAll();

    expect(three.mostInside).toBe(1);
    expect(await three.processedCounts()).toEqual(new Array(50).fill(1));
    // The lease changes hands only through a new token (a database stalled past the lease on a
    // loaded machine may let it expire once): never two instances under one token.
    for (const [token, instances] of three.runsByToken)
      expect([token, [...instances]]).toEqual([token, [...instances].slice(0, 1)]);
    expect((await three.lease()).token).toBe(Math.max(...three.runsByToken.keys()));
  });

  it('hands the work of a killed leader to another instance once its lease expires, doing nothing twice', async () => {
    const three = cluster('killed', 300);
    for (const instance of ['a', 'b', 'c']) three.start(instance);
    await three.enqueue(10);
    await three.drained();
    const killed = await three.lease();

    // A hard kill: the leader stops ticking and renewing, and never gives the lease back.
    three.dead.add(killed.holder!);
    three.handles.get(killed.holder!)!.abandon();
    const afterKill = await three.enqueue(10);
    await three.drained();

    const successor = await three.lease();
    expect(successor.holder).not.toBe(killed.holder);
    expect(successor.token).toBe(killed.token + 1);
    expect(await three.processedCounts()).toEqual(new Array(20).fill(1));
    const byAfterKill = await ItemModel.find({ _id: { $in: afterKill } }).lean();
    expect(byAfterKill.every((item) => item.by === successor.holder)).toBe(true);
  });

  it('tells a leader whose lease was taken over mid-run that it no longer holds it, and runs it no more', async () => {
    const job = cluster('stale', 300);
    let reachStall!: () => void;
    const stalled = new Promise<void>((resolve) => (reachStall = resolve));
    let wakeUp!: () => void;
    const woken = new Promise<void>((resolve) => (wakeUp = resolve));
    const verdicts: boolean[] = [];
    let runs = 0;
    job.start('paused', async ({ stillHolds }) => {
      runs += 1;
      if (runs > 1) return;
      reachStall();
      await woken;
      verdicts.push(await stillHolds());
    });
    await stalled;

    // As if the leader had stalled past its lease: it runs out, and another instance takes it
    // (again if the leader's renewal timer got in first).
    let successor: Lease | null = null;
    await eventually(async () => {
      await JobLeaseModel.updateOne({ _id: 'stale', holder: 'paused' }, { $set: { expiresAt: new Date(0) } });
      successor = await acquireLease('stale', 'successor', 60_000);
      expect(successor).not.toBeNull();
    });
    expect(successor!.token).toBe(2);
    wakeUp();
    await eventually(() => expect(verdicts).toEqual([false]));
    // Its next ticks find the lease held and do not run the job; its stop leaves the lease alone.
    await job.stopAll();
    expect(runs).toBe(1);
    expect(await job.lease()).toMatchObject({ holder: 'successor', token: 2 });
  });

  it('renews the lease while a run outlasts it, so no other instance starts the job meanwhile', async () => {
    const two = cluster('long run', 1_500);
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const verdicts: boolean[] = [];
    two.start('long', async (leased) => {
      two.runs.push('long');
      await finished;
      verdicts.push(await leased.stillHolds());
    });
    await eventually(() => expect(two.runs).toContain('long'));
    two.start('waiting');
    const taken = await two.lease();
    // Renewed past what taking it gave: the run has outlived its first lease.
    await eventually(async () =>
      expect((await two.lease()).expiresAt.getTime()).toBeGreaterThan(taken.expiresAt.getTime() + 1_500),
    );
    finish();
    await eventually(() => expect(verdicts.length).toBeGreaterThan(0));
    expect(verdicts.every((holds) => holds)).toBe(true);
    expect(two.runs.every((instance) => instance === 'long')).toBe(true);
    expect((await two.lease()).token).toBe(1);
  });

  it('gives the lease back on a graceful stop, so another instance takes over at its next tick', async () => {
    // Longer than the test may take: only the release can let the second instance in.
    const two = cluster('graceful', 120_000);
    two.start('first');
    await eventually(() => expect(two.runs).toContain('first'));
    two.start('second');
    await two.handles.get('first')!.stop();
    const runsBefore = two.runs.length;
    await eventually(() => expect(two.runs.slice(runsBefore)).toContain('second'));

    expect(two.runs.slice(runsBefore).every((instance) => instance === 'second')).toBe(true);
    expect(await two.lease()).toMatchObject({ holder: 'second', token: 2 });
    expect(two.mostInside).toBe(1);
  });
});
