/**
 * Keeping the daily counters true. A write that changes a metric's source marks its bucket
 * (metric × org × China day); `settleFigureCounters` recomputes each marked bucket from that
 * org's records of that day and clears the mark only if no write marked it meanwhile (a
 * compare-and-set on `marks`). A bucket's value is always a recount, never an increment, so a
 * retried or doubled write cannot count twice, and two settlers agree. A write whose process
 * died before it marked is healed by `reconcileRecentFigures` (a rebuild of the last days, run
 * by the job), and `rebuildFigureCounters` recomputes any range from the sources.
 */
import { chinaDateOf, chinaDayRange, DAY_MS } from '@union/shared';
import type { Types } from 'mongoose';
import { updateIf } from '../../db/conditional-update';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { FigureCounterModel, type CounterDoc } from './counter.model';
import { figureMetric, figureMetrics, type FigureMetric } from './metrics';

/** After a write that changed `metric` for this org at `at`: its day's counter will be recounted. */
export async function markFigureChanged(
  metric: string,
  record: { orgId: Types.ObjectId; orgPath: Types.ObjectId[]; at: Date },
): Promise<void> {
  const key = { metric, orgId: record.orgId, day: chinaDateOf(record.at), key: '' };
  // Two first marks of a bucket race on its unique key: the loser's retry finds the bucket.
  for (let attempt = 0; ; attempt++) {
    try {
      await FigureCounterModel.updateOne(
        key,
        { $inc: { marks: 1 }, $set: { dirty: true, orgPath: record.orgPath }, $setOnInsert: { value: 0 } },
        { upsert: true },
      );
      return;
    } catch (caught) {
      if (!isDuplicateKeyError(caught) || attempt >= 3) throw caught;
    }
  }
}

/** Key → sum of one org's records of one day. */
async function recount(metric: FigureMetric, orgId: Types.ObjectId, day: string): Promise<Map<string, number>> {
  const { start, end } = chinaDayRange(day);
  const sums = new Map<string, number>();
  for await (const record of metric.records({ from: start, to: end, orgId })) {
    const key = record.key ?? '';
    sums.set(key, (sums.get(key) ?? 0) + record.amount);
  }
  return sums;
}

/** Recounts up to `limit` marked buckets; resolves how many it settled. */
export async function settleFigureCounters(limit = 500): Promise<number> {
  const marked = await FigureCounterModel.find({ dirty: true }).limit(limit).lean<CounterDoc[]>();
  let settled = 0;
  for (const counter of marked) {
    const sums = await recount(figureMetric(counter.metric), counter.orgId, counter.day);
    const bucket = { metric: counter.metric, orgId: counter.orgId, orgPath: counter.orgPath, day: counter.day };
    await writeKeyedCounters(bucket, sums);
    const applied = await updateIf(
      FigureCounterModel,
      { key: { _id: counter._id }, when: { marks: counter.marks } },
      { $set: { value: sums.get('') ?? 0, dirty: false } },
    );
    // Marked again while counting: left dirty for the next pass, which counts that write too.
    if (applied) settled += 1;
  }
  return settled;
}

/** Every marked bucket settled, including those marked while settling (tests, the seed, rebuild commands). */
export async function settleAllFigures(): Promise<void> {
  while ((await FigureCounterModel.countDocuments({ dirty: true })) > 0) await settleFigureCounters();
}

interface Bucket {
  metric: string;
  orgId: Types.ObjectId;
  orgPath: Types.ObjectId[];
  day: string;
}

/** The bucket's keyed counters (all but ''), set to the recount; a key no longer counted gets 0. */
async function writeKeyedCounters(bucket: Bucket, sums: Map<string, number>): Promise<void> {
  const existing = await FigureCounterModel.find(
    { metric: bucket.metric, orgId: bucket.orgId, day: bucket.day, key: { $ne: '' } },
    { key: 1 },
  ).lean();
  for (const counter of existing) {
    if (!sums.has(counter.key)) await FigureCounterModel.updateOne({ _id: counter._id }, { $set: { value: 0 } });
  }
  for (const [key, value] of sums) {
    if (key !== '') await writeBucket({ ...bucket, key, value });
  }
}

/**
 * Recomputes every counter of the metrics (all registered by default) whose day falls in
 * [from, to) from the source records: buckets with records get their sum, counters left
 * without records get 0. Marks are left alone, so a write landing meanwhile is still recounted.
 */
export async function rebuildFigureCounters(
  range: { from: Date; to: Date },
  metrics: FigureMetric[] = figureMetrics(),
): Promise<{ buckets: number }> {
  let buckets = 0;
  for (const metric of metrics) {
    const sums = new Map<string, CounterValue>();
    for await (const record of metric.records(range)) {
      const day = chinaDateOf(record.at);
      const key = record.key ?? '';
      const id = `${String(record.orgId)}|${day}|${key}`;
      const bucket = sums.get(id) ?? {
        metric: metric.name,
        orgId: record.orgId,
        orgPath: record.orgPath,
        day,
        key,
        value: 0,
      };
      bucket.value += record.amount;
      sums.set(id, bucket);
    }
    const firstDay = chinaDateOf(range.from);
    const lastDay = chinaDateOf(range.to.getTime() - 1);
    const existing = await FigureCounterModel.find(
      { metric: metric.name, day: { $gte: firstDay, $lte: lastDay } },
      { orgId: 1, day: 1, key: 1 },
    ).lean();
    for (const counter of existing) {
      if (!sums.has(`${String(counter.orgId)}|${counter.day}|${counter.key}`)) {
        await FigureCounterModel.updateOne({ _id: counter._id }, { $set: { value: 0 } });
      }
    }
    for (const bucket of sums.values()) {
      await writeBucket(bucket);
      buckets += 1;
    }
  }
  return { buckets };
}

type CounterValue = Bucket & { key: string; value: number };

async function writeBucket(bucket: CounterValue): Promise<void> {
  const key = { metric: bucket.metric, orgId: bucket.orgId, day: bucket.day, key: bucket.key };
  for (let attempt = 0; ; attempt++) {
    try {
      await FigureCounterModel.updateOne(
        key,
        { $set: { value: bucket.value, orgPath: bucket.orgPath }, $setOnInsert: { marks: 0, dirty: false } },
        { upsert: true },
      );
      return;
    } catch (caught) {
      if (!isDuplicateKeyError(caught) || attempt >= 3) throw caught;
    }
  }
}

/** The last `days` China days up to now, rebuilt: heals a write whose process died before it marked. */
export function reconcileRecentFigures(now: Date, days = 2): Promise<{ buckets: number }> {
  const { start } = chinaDayRange(chinaDateOf(now.getTime() - (days - 1) * DAY_MS));
  return rebuildFigureCounters({ from: start, to: new Date(now.getTime() + 1) });
}
