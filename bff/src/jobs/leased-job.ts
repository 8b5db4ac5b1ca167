/**
 * A cluster-wide background job: every instance ticks, but a tick runs the job only on the
 * instance holding the job's lease (lease.ts), so each pass happens once across the cluster.
 * The leader keeps the lease from tick to tick (it lasts a few intervals), renews it while a
 * long run goes on, and gives it back on a graceful `stop()` so another instance takes over at
 * its next tick; a leader that is killed leaves a lease that runs out, and then the first
 * instance to tick takes it.
 */
import type { IntervalJobHandle, IntervalJobObserver } from '../interval-job';
import { startIntervalJob } from '../interval-job';
import type { Logger } from '../logger';
import { acquireLease, INSTANCE_ID, releaseLease, renewLease, stillHolds, type Lease } from './lease';

/** What a run knows of its lease. */
export interface LeasedRun {
  lease: Lease;
  /**
   * Asks the database whether this run's lease is still the job's current one. A run checks it
   * before a step with an effect outside the database or one a second leader would repeat
   * (a WeChat Pay call, a message to a member): a leader paused past its lease stops there.
   */
  stillHolds(): Promise<boolean>;
}

export interface LeasedJobOptions {
  /** How long a lease lasts without renewal; a few intervals, so a leader keeps it from tick to tick. */
  leaseMs?: number;
  /** Who holds the lease: this process, unless a test plays several instances in one. */
  instanceId?: string;
  /** Told of each run this instance made as leader (the metrics' job runs); a tick that did not lead is no run. */
  observe?: IntervalJobObserver;
}

export interface LeasedJobHandle extends IntervalJobHandle {
  /** Stops ticking and renewing but keeps the lease, as a killed process would (tests play a crash with it). */
  abandon(): void;
}

const LEASE_INTERVALS = 3;
/** Renewals per lease duration while a run goes on: one lost renewal does not lose the lease. */
const RENEWALS_PER_LEASE = 3;

export function startLeasedJob(
  name: string,
  logger: Logger,
  intervalMs: number,
  run: (leased: LeasedRun) => Promise<unknown>,
  options: LeasedJobOptions = {},
): LeasedJobHandle {
  const leaseMs = options.leaseMs ?? intervalMs * LEASE_INTERVALS;
  const holder = options.instanceId ?? INSTANCE_ID;
  let held: Lease | null = null;
  let abandoned = false;

  /** One tick: answers whether this instance led it and ran the job. */
  async function tick(): Promise<boolean> {
    held = await acquireLease(name, holder, leaseMs);
    if (!held || abandoned) return false; // another instance leads this job now
    const lease = held;
    let lost = false;
    const renewal = setInterval(() => {
      if (abandoned) return;
      renewLease(lease, leaseMs).then(
        (renewed) => (lost ||= !renewed),
        (error: unknown) => logger.warn({ err: error }, `${name} lease renewal failed`),
      );
    }, leaseMs / RENEWALS_PER_LEASE);
    renewal.unref();
    try {
      await run({ lease, stillHolds: async () => !lost && !abandoned && (await stillHolds(lease)) });
      return true;
    } finally {
      clearInterval(renewal);
    }
  }

  const job = startIntervalJob(name, logger, intervalMs, async () => {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      if (await tick()) options.observe?.(name, 'success', seconds());
    } catch (error) {
      options.observe?.(name, 'failure', seconds());
      throw error;
    }
  });

  return {
    async stop() {
      await job.stop();
      if (held && !abandoned) {
        await releaseLease(held).catch((error: unknown) => logger.warn({ err: error }, `${name} lease release failed`));
        held = null;
      }
    },
    abandon() {
      abandoned = true;
      void job.stop();
    },
  };
}
