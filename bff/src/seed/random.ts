import { Types } from 'mongoose';

/** A seeded PRNG (mulberry32): the same seed gives the same demo data on every run. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** True with the given probability. */
  chance(probability: number): boolean;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)]!,
    chance: (probability) => next() < probability,
  };
}

/**
 * Deterministic ObjectIds: the timestamp part is the record's own (fixed) date,
 * so ids still sort like the dates they stand for; the rest is a seed marker and
 * a running number, which keeps them unique.
 */
export function createIdFactory(): (at: Date) => Types.ObjectId {
  let counter = 0;
  return (at) => {
    counter += 1;
    const seconds = Math.floor(at.getTime() / 1000)
      .toString(16)
      .padStart(8, '0');
    return new Types.ObjectId(seconds + '5eed' + counter.toString(16).padStart(12, '0'));
  };
}

/** A UTC date; months are 1-based as people write them. */
export const utcDate = (year: number, month: number, day: number, hour = 0, minute = 0) =>
  new Date(Date.UTC(year, month - 1, day, hour, minute));
