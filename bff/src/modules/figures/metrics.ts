/**
 * The metrics the figures count. figures/ imports no feature: each feature registers its
 * metrics at startup (bff/src/connect-modules.ts) with where its source records are, and calls
 * `markFigureChanged` after a write that changes them.
 */
import type { Types } from 'mongoose';

/** One source record as a metric counts it: whose it is, when (the instant decides the China day), how much. */
export interface FigureRecord {
  orgId: Types.ObjectId;
  orgPath: Types.ObjectId[];
  at: Date;
  /** Added to the day's counter; 1 for a count, fen for money, minutes for a duration. */
  amount: number;
  /**
   * A breakdown within the metric (an aid tier, an occupation, an hour 'H08', a category), kept
   * as its own counter; reads sum every key unless asked for one. Absent means ''.
   */
  key?: string;
}

export interface FigureMetric {
  /** `<module>.<what>`, e.g. `members.joined`. */
  name: string;
  /** The source records between two instants (`from` included, `to` excluded), of one org if given. */
  records(range: { from: Date; to: Date; orgId?: Types.ObjectId }): AsyncIterable<FigureRecord>;
}

const metrics = new Map<string, FigureMetric>();

export function registerFigureMetric(metric: FigureMetric): void {
  metrics.set(metric.name, metric);
}

export function figureMetric(name: string): FigureMetric {
  const metric = metrics.get(name);
  if (!metric) throw new Error(`unknown figure metric ${name}`);
  return metric;
}

export const figureMetrics = (): FigureMetric[] => [...metrics.values()];

export const hasFigureMetric = (name: string): boolean => metrics.has(name);
