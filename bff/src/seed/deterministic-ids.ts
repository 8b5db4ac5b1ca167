/** Ids and dates that come out the same on every run, so the demo data does too. */
import { Types } from 'mongoose';

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
