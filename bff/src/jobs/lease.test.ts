/**
 * Job leases straight at the database: one holder at a time however many instances race for a
 * new or an expired lease, the token goes up at every change of hands, and a holder whose
 * lease was taken over can neither renew it nor commit with its old token.
 */
import { randomBytes } from 'node:crypto';
import mongoose, { Schema } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { updateIf } from '../db/conditional-update';
import { connectDatabase, type Database } from '../db/connect';
import { createLogger } from '../logger';
import { acquireLease, JobLeaseModel, releaseLease, renewLease, stillHolds, type Lease } from './lease';

/** A record a job commits, fenced: it keeps the token of the last lease that wrote it and refuses older ones. */
const FencedModel = mongoose.model(
  'LeaseTestFenced',
  new Schema<{ _id: string; value: string; fence: number }>({ _id: String, value: String, fence: Number }),
);
const fencedWrite = (lease: Lease, value: string) =>
  updateIf(
    FencedModel,
    { key: { _id: 'record' }, when: { fence: { $lte: lease.token } } },
    { $set: { value, fence: lease.token } },
  );

let database: Database;
const embedded = !process.env.MONGODB_URI;
beforeAll(async () => {
  database = await connectDatabase({
    uri: inject('mongoUri'),
    dbName: `lease_${randomBytes(6).toString('hex')}`,
    logger: createLogger('silent'),
  });
});
afterAll(async () => {
  if (!embedded) await mongoose.connection.db?.dropDatabase();
  await database.close();
});

const at = (ms: number) => new Date(Date.UTC(2030, 0, 1) + ms);
const LEASE_MS = 1_000;

describe('job leases', () => {
  it('gives a new lease to exactly one of many instances starting at once', async () => {
    for (let trial = 0; trial < 20; trial++) {
      const name = `first-${trial}`;
      const leases = await Promise.all(
        Array.from({ length: 8 }, (_, instance) => acquireLease(name, `instance-${instance}`, LEASE_MS, at(0))),
      );
      const winners = leases.filter((lease) => lease !== null);
      expect(winners).toHaveLength(1);
      expect(winners[0]!.token).toBe(1);
      expect((await JobLeaseModel.findById(name).lean())!.holder).toBe(winners[0]!.holder);
    }
  });

  it('keeps the lease with its holder until it expires, then exactly one instance takes it with the next token', async () => {
    for (let trial = 0; trial < 20; trial++) {
      const name = `expiry-${trial}`;
      const first = (await acquireLease(name, 'leader', LEASE_MS, at(0)))!;
      expect(await acquireLease(name, 'other', LEASE_MS, at(LEASE_MS - 1))).toBeNull();
      // The holder renews by acquiring again: same token, later expiry.
      expect(await acquireLease(name, 'leader', LEASE_MS, at(LEASE_MS - 1))).toEqual(first);
      expect(await acquireLease(name, 'other', LEASE_MS, at(LEASE_MS + 1))).toBeNull();

      const takers = await Promise.all(
        Array.from({ length: 8 }, (_, instance) => acquireLease(name, `taker-${instance}`, LEASE_MS, at(3 * LEASE_MS))),
      );
      const winners = takers.filter((lease) => lease !== null);
      expect(winners).toHaveLength(1);
      expect(winners[0]!.token).toBe(first.token + 1);
    }
  });

  it('refuses a stale leader: no renewal, no release, stillHolds is false and its fenced commit is refused', async () => {
    const name = 'stale';
    await FencedModel.create({ _id: 'record', value: 'none', fence: 0 });
    const stale = (await acquireLease(name, 'paused', LEASE_MS, at(0)))!;
    expect(await stillHolds(stale, at(1))).toBe(true);
    expect(await fencedWrite(stale, 'first pass')).toBe(true);

    // The leader stalls past its lease; another instance takes over and commits.
    expect(await stillHolds(stale, at(LEASE_MS))).toBe(false);
    const current = (await acquireLease(name, 'successor', LEASE_MS, at(LEASE_MS + 10)))!;
    expect(current.token).toBe(stale.token + 1);
    expect(await fencedWrite(current, 'successor pass')).toBe(true);

    // The stale leader wakes up and carries on as if it still led.
    expect(await stillHolds(stale, at(LEASE_MS + 20))).toBe(false);
    expect(await renewLease(stale, LEASE_MS, at(LEASE_MS + 20))).toBe(false);
    expect(await fencedWrite(stale, 'stale pass')).toBe(false);
    expect(await releaseLease(stale)).toBe(false);
    expect((await FencedModel.findById('record').lean())!.value).toBe('successor pass');
    expect(await JobLeaseModel.findById(name).lean()).toMatchObject({ holder: 'successor', token: current.token });
    expect(await stillHolds(current, at(LEASE_MS + 20))).toBe(true);
  });

  it('lets the next instance take a released lease at once, with the next token', async () => {
    const name = 'released';
    const first = (await acquireLease(name, 'leaving', LEASE_MS, at(0)))!;
    expect(await releaseLease(first)).toBe(true);
    expect(await stillHolds(first, at(1))).toBe(false);
    const next = await acquireLease(name, 'next', LEASE_MS, at(1));
    expect(next).toEqual({ name, holder: 'next', token: first.token + 1 });
  });
});
