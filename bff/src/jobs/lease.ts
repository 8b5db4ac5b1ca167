/**
 * Job leases: which instance runs a cluster-wide background job now. One document per job name
 * holds the instance that leads it, until when (`expiresAt`), and a fencing `token` that goes up
 * by one every time the lease changes hands. The leader renews before it runs out; a leader
 * that dies simply stops renewing, and any instance takes the lease once it has expired. A
 * leader that was only paused (a long GC, a stalled network) and comes back after a takeover
 * still believes it leads: `stillHolds` asks the database, by holder and token, before work
 * that must not be done twice, and every renewal is refused to it.
 *
 * Every change is a conditional `updateOne` (conditional-update.ts); the first document of a
 * job is inserted under its unique `_id`, so of two instances starting at once exactly one
 * creates it and the other reads it again. Instances compare their own clocks with `expiresAt`:
 * leases last several job intervals, far longer than the skew between synced servers.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import mongoose, { Schema } from 'mongoose';
import { updateIf } from '../db/conditional-update';
import { isDuplicateKeyError } from '../db/duplicate-key';

/** This process among the instances: the host and pid say where it runs, the suffix tells restarts apart. */
export const INSTANCE_ID = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

interface JobLeaseDoc {
  /** The job's name. */
  _id: string;
  /** The instance leading the job, or null once it gave the lease back. */
  holder: string | null;
  expiresAt: Date;
  /** Fencing number: one more at every change of hands, never lower. */
  token: number;
}

export const JobLeaseModel = mongoose.model(
  'JobLease',
  new Schema<JobLeaseDoc>(
    {
      _id: { type: String, required: true },
      holder: { type: String, default: null },
      expiresAt: { type: Date, required: true },
      token: { type: Number, required: true },
    },
    { versionKey: false },
  ),
);

/** A lease as its holder knows it: the holder's writes are valid while the stored token is still this one. */
export interface Lease {
  name: string;
  holder: string;
  token: number;
}

/** Losing this many compare-and-sets in a row means others are taking the lease right now: leave it to them. */
const MAX_ATTEMPTS = 5;

const heldBy = (lease: Lease) => ({ holder: lease.holder, token: lease.token });
const until = (now: Date, durationMs: number) => new Date(now.getTime() + durationMs);

/**
 * Takes the lease of job `name` for `durationMs` if it is free or expired (its token goes up),
 * or renews it if `holder` already holds it. Resolves null while another instance holds it.
 */
export async function acquireLease(
  name: string,
  holder: string,
  durationMs: number,
  now = new Date(),
): Promise<Lease | null> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const stored = await JobLeaseModel.findById(name).lean<JobLeaseDoc>();
    if (!stored) {
      if (await createLease(name, holder, until(now, durationMs))) return { name, holder, token: 1 };
      continue; // another instance created it first: read what it wrote
    }
    const lease = { name, holder, token: stored.token };
    if (stored.holder === holder) {
      // Still ours: nobody took it meanwhile, or the token would have moved on.
      if (await renewLease(lease, durationMs, now)) return lease;
      continue;
    }
    if (stored.holder !== null && stored.expiresAt > now) return null;
    const taken = await updateIf(
      JobLeaseModel,
      {
        key: { _id: name },
        // Exactly the free or expired lease read above: a renewal, a release or a takeover in between wins.
        when:
          stored.holder === null
            ? { holder: null, token: stored.token }
            : { holder: stored.holder, token: stored.token, expiresAt: { $lte: now } },
      },
      { $set: { holder, expiresAt: until(now, durationMs) }, $inc: { token: 1 } },
    );
    if (taken) return { name, holder, token: stored.token + 1 };
  }
  return null;
}

async function createLease(name: string, holder: string, expiresAt: Date): Promise<boolean> {
  try {
    await JobLeaseModel.create({ _id: name, holder, expiresAt, token: 1 });
    return true;
  } catch (caught) {
    if (isDuplicateKeyError(caught)) return false;
    throw caught;
  }
}

/** Extends a held lease; false when it changed hands (this holder must stop). */
export function renewLease(lease: Lease, durationMs: number, now = new Date()): Promise<boolean> {
  return updateIf(
    JobLeaseModel,
    { key: { _id: lease.name }, when: heldBy(lease) },
    { $set: { expiresAt: until(now, durationMs) } },
  );
}

/** Gives the lease back at once (a graceful stop), so the next instance to tick takes it without waiting. */
export function releaseLease(lease: Lease): Promise<boolean> {
  return updateIf(
    JobLeaseModel,
    { key: { _id: lease.name }, when: heldBy(lease) },
    { $set: { holder: null, expiresAt: new Date(0) } },
  );
}

/**
 * Whether `lease` is still the job's current, unexpired lease: the check before work that must
 * not be done twice. An expired lease nobody took yet counts as lost too, since anyone may
 * take it the next moment.
 */
export async function stillHolds(lease: Lease, now = new Date()): Promise<boolean> {
  const current = await JobLeaseModel.exists({ _id: lease.name, ...heldBy(lease), expiresAt: { $gt: now } });
  return current !== null;
}
