/**
 * Writes to documents that an in-memory index follows by revision (stations, the offer
 * catalogue). Every such write is stamped with a fresh number of one shared sequence, so an
 * instance that has read up to N catches up by reading what is above N; after the write this
 * instance's index is refreshed, so the writer finds its own write before it answers. A write
 * conditional on what it read (a list replaced as a whole) is retried when someone else got
 * there first. The one way such writes are made, instead of pairing "take a revision, write,
 * refresh" by hand at each site.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { currentSequence, nextSequence, reserveSequence } from './counters';

export interface RevisionedWritesOptions {
  /** The counter the revisions come from, shared by every writer of the collection. */
  sequence: string;
  /** Has this instance's index catch up with the write just made (awaited; should not throw). */
  refresh(): Promise<void>;
}

export interface RetryOptions {
  /** The error thrown when every attempt lost (the document is too busy). */
  busy: () => Error;
  /** Default 8: two editors of one document in the same second is rare; a few retries absorb it. */
  attempts?: number;
}

export interface RevisionedWrites {
  /** `write(revision)` with a fresh revision, then the index catches up; resolves what `write` did. */
  write<T>(write: (revision: number) => Promise<T>): Promise<T>;
  /**
   * A batch of `count` documents, each stamped with its own revision from one reserved block:
   * `write(first)` stamps `first`, `first + 1`, … Then the index catches up.
   */
  writeBatch<T>(count: number, write: (firstRevision: number) => Promise<T>): Promise<T>;
  /**
   * A write conditional on the state it was computed from: `attempt(takeRevision)` reads,
   * computes and writes on condition, resolving null when someone else changed the document
   * first. It takes its revision only once it is about to write, so an attempt refused on the
   * way (no such photo, out of reach) leaves the sequence untouched. A lost attempt is tried
   * again after a jittered pause; when every attempt lost, `busy()` is thrown. Errors thrown by
   * `attempt` end the retries.
   */
  retry<T>(attempt: (takeRevision: () => Promise<number>) => Promise<T | null>, options: RetryOptions): Promise<T>;
  /** A revision for a write made elsewhere (test fixtures). */
  next(): Promise<number>;
  /** The highest revision taken so far, without taking one (pollers). */
  current(): Promise<number>;
}

const DEFAULT_ATTEMPTS = 8;

export function revisionedWrites({ sequence, refresh }: RevisionedWritesOptions): RevisionedWrites {
  const write = async <T>(work: (revision: number) => Promise<T>): Promise<T> => {
    const result = await work(await nextSequence(sequence));
    await refresh();
    return result;
  };
  return {
    write,
    async writeBatch(count, work) {
      const result = await work(await reserveSequence(sequence, count));
      await refresh();
      return result;
    },
    async retry(attempt, { busy, attempts = DEFAULT_ATTEMPTS }) {
      for (let round = 0; round < attempts; round++) {
        const result = await attempt(() => nextSequence(sequence));
        if (result !== null) {
          await refresh();
          return result;
        }
        // Jitter, so the writers that lost this round do not collide again in lockstep.
        await sleep(5 + Math.random() * 20 * (round + 1));
      }
      throw busy();
    },
    next: () => nextSequence(sequence),
    current: () => currentSequence(sequence),
  };
}
