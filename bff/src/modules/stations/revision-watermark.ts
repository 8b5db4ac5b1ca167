/**
 * How far this instance has read the shared station revision sequence.
 *
 * A writer takes its revision from the counter before its write lands, so writes
 * become visible out of order: a slow write holding revision 41 (on this instance or
 * another) may commit after a quick one holding 42. Polling only `revision > highest
 * seen` would skip 41 forever. So every number below the highest seen that has not
 * shown up yet is an open gap, and polls read from just below the lowest open gap
 * until it shows up or a grace period passes. Some gaps never fill: the write failed
 * after taking its number, or the same station was written again and its document
 * now carries only the newer revision; the grace period bounds how long those are
 * re-read. A write that takes longer than the grace period to land after taking its
 * revision would be missed, which is why the grace is generous (minutes).
 */
export const DEFAULT_GAP_GRACE_MS = 120_000;
/** A burst of writes larger than this (e.g. one big import) only has its newest gaps tracked. */
const MAX_TRACKED_GAPS = 20_000;
/**
 * At start-up, holes far below the newest revision are superseded revisions, not
 * writes in flight (those are bounded by how many writes run at once).
 */
export const START_UP_GAP_WINDOW = 1000;

export class RevisionWatermark {
  private highest = 0;
  /** Revision → when its absence was first noticed. */
  private readonly gaps = new Map<number, number>();

  constructor(
    private readonly graceMs = DEFAULT_GAP_GRACE_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The next poll reads revisions greater than this. */
  floor(): number {
    const now = this.clock();
    let lowest = this.highest + 1;
    for (const [revision, noticedAt] of this.gaps) {
      if (now - noticedAt > this.graceMs) this.gaps.delete(revision);
      else if (revision < lowest) lowest = revision;
    }
    return lowest - 1;
  }

  /** Records the revisions one read returned (every document with a revision above floor()). */
  observe(revisions: Iterable<number>, gapWindow = MAX_TRACKED_GAPS): void {
    const seen = new Set(revisions);
    let newest = this.highest;
    for (const revision of seen) {
      this.gaps.delete(revision);
      if (revision > newest) newest = revision;
    }
    const now = this.clock();
    for (let revision = Math.max(this.highest + 1, newest - gapWindow); revision < newest; revision++) {
      if (!seen.has(revision)) this.gaps.set(revision, now);
    }
    this.highest = newest;
  }

  get highestSeen(): number {
    return this.highest;
  }

  get openGaps(): number {
    return this.gaps.size;
  }
}
