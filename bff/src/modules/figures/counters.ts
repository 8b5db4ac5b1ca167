/**
 * Keeping the daily counters true. A write that changes a metric's source marks its bucket
 * (metric × org × China day). `settleFigureCounters` claims each marked bucket, recounts that
 * org's records of that day, writes the day's value of every key, and removes the mark only if
 * no write marked it meanwhile. A value is always a recount, never an increment, so a retried
 * or doubled write cannot count twice; the claim keeps two settlers from writing one bucket at
 * once (a slower one could write an older recount last), and a settler that finds its claim
 * taken over when it is done marks the bucket again. A write whose process died before it
 * marked is found by `reconcileRecentFigures`, which marks every bucket of the last days whose
 * counter differs from a recount; `rebuildFigureCounters` recomputes a range from the sources
 * (offline: the seed, a repair command).
 */
import { calendarDatesBetween, calendarDaysInclusive, chinaDateOf, chinaDayRange, DAY_MS } from '@union/shared';
import type { Types } from 'mongoose';
import { updateIf } from '../../db/conditional-update';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { upsertOne } from '../../db/upsert';
import { FigureCounterModel, FigureMarkModel, type CounterDoc } from './counter.model';
import { dayIndex, DAYS_PER_DOCUMENT, indexRange, monthSums, yearOf } from './day-index';
import { figureMetric, figureMetrics, type FigureMetric } from './metrics';

/** Long enough for any recount; a settler that died holding a claim delays its bucket this long. */
const CLAIM_MS = 60_000;

interface OrgRef {
  orgId: Types.ObjectId;
  orgPath: Types.ObjectId[];
}

/** After a write that changed `metric` for this org at `at`: its day's counters will be recounted. */
export async function markFigureChanged(metric: string, record: OrgRef & { at: Date }): Promise<void> {
  const key = { metric, orgId: record.orgId, day: chinaDateOf(record.at) };
  await upsertOne(FigureMarkModel, key, { $inc: { marks: 1 }, $set: { orgPath: record.orgPath } });
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

/** Recounts up to `limit` marked buckets nobody else is settling; resolves how many it settled. */
export async function settleFigureCounters(limit = 500, now = new Date()): Promise<number> {
  const marked = await FigureMarkModel.find({ claimedUntil: { $lte: now } })
    .limit(limit)
    .lean();
  let settled = 0;
  for (const mark of marked) {
    // Never the claim it replaces, even within one millisecond: a settler can tell it lost its claim.
    const claim = new Date(Math.max(Date.now() + CLAIM_MS, mark.claimedUntil.getTime() + 1));
    const claimed = await updateIf(
      FigureMarkModel,
      { key: { _id: mark._id }, when: { marks: mark.marks, claimedUntil: mark.claimedUntil } },
      { $set: { claimedUntil: claim } },
    );
    if (!claimed) continue;
    const sums = await recount(figureMetric(mark.metric), mark.orgId, mark.day);
    await writeDay(mark.metric, mark, mark.day, sums);
    const { deletedCount } = await FigureMarkModel.deleteOne({ _id: mark._id, marks: mark.marks, claimedUntil: claim });
    if (deletedCount === 1) {
      settled += 1;
      continue;
    }
    // Marked again while counting: released for the next pass, which counts that write too.
    const released = await updateIf(
      FigureMarkModel,
      { key: { _id: mark._id }, when: { claimedUntil: claim } },
      { $set: { claimedUntil: new Date(0) } },
    );
    // The claim ran out (a stalled settler) or a full settle took it over: the other settler may
    // have counted a later write and written before this older recount. Marked again, so a
    // recount made after this write has the last word.
    if (!released) {
      await markFigureChanged(mark.metric, {
        orgId: mark.orgId,
        orgPath: mark.orgPath,
        at: chinaDayRange(mark.day).start,
      });
    }
  }
  return settled;
}

/** Passes that settle nothing before `settleAllFigures` takes claims over (about a second). */
const PATIENT_PASSES = 50;

/**
 * Every marked bucket settled, including those marked while settling (tests, the seed, commands).
 * A bucket another settler holds is left to it (taking it over mid-count costs that settler a
 * second pass). One still held after about a second of passes that settle nothing is taken
 * over: its settler died (a test cutting the database), and on a test's frozen clock its claim
 * would never run out.
 */
export async function settleAllFigures(): Promise<void> {
  let idle = 0;
  while ((await FigureMarkModel.countDocuments({})) > 0) {
    const now = idle >= PATIENT_PASSES ? new Date(Date.now() + CLAIM_MS) : new Date();
    if ((await settleFigureCounters(500, now)) > 0) {
      idle = 0;
    } else {
      idle += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** One day's value of each key of an org's counters; a key not in `values` gets 0 that day. */
async function writeDay(metric: string, org: OrgRef, day: string, values: Map<string, number>): Promise<void> {
  const year = yearOf(day);
  const existing = await FigureCounterModel.find({ metric, orgId: org.orgId, year }, { key: 1 }).lean();
  const keys = new Set([...existing.map((counter) => counter.key), ...values.keys()]);
  const index = dayIndex(day);
  for (const key of keys) {
    await setDays({ metric, orgId: org.orgId, year, key }, org.orgPath, new Map([[index, values.get(key) ?? 0]]));
  }
}

interface CounterId {
  metric: string;
  orgId: Types.ObjectId;
  year: number;
  key: string;
}

/** Sets day values of one counter document: compare-and-set on `rev`, read again on a race. */
async function setDays(id: CounterId, orgPath: Types.ObjectId[], values: Map<number, number>): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const counter = await FigureCounterModel.findOne(id, { days: 1, rev: 1 }).lean<
      Pick<CounterDoc, '_id' | 'days' | 'rev'>
    >();
    const days = counter ? [...counter.days] : new Array<number>(DAYS_PER_DOCUMENT).fill(0);
    let changed = false;
    for (const [index, value] of values) {
      if (days[index] !== value) {
        days[index] = value;
        changed = true;
      }
    }
    if (!changed) return;
    const sums = { days, months: monthSums(id.year, days), total: days.reduce((sum, value) => sum + value, 0) };
    if (!counter) {
      try {
        await FigureCounterModel.create({ ...id, orgPath, ...sums, rev: 1 });
        return;
      } catch (caught) {
        if (!isDuplicateKeyError(caught)) throw caught;
        continue; // created meanwhile: apply to that one
      }
    }
    const applied = await updateIf(
      FigureCounterModel,
      { key: { _id: counter._id }, when: { rev: counter.rev } },
      { $set: { ...sums, orgPath }, $inc: { rev: 1 } },
    );
    if (applied) return;
  }
  throw new Error(`figure counter ${id.metric} ${String(id.orgId)} ${id.year} ${id.key}: too many concurrent writers`);
}

type DayValues = Map<string, { org: OrgRef; values: Map<string, number> }>;

/** Recount of [from, to): `orgId|day` → the org and each key's sum. */
async function recountRange(metric: FigureMetric, range: { from: Date; to: Date }): Promise<DayValues> {
  const buckets: DayValues = new Map();
  for await (const record of metric.records(range)) {
    const day = chinaDateOf(record.at);
    const id = `${String(record.orgId)}|${day}`;
    const bucket = buckets.get(id) ?? { org: { orgId: record.orgId, orgPath: record.orgPath }, values: new Map() };
    const key = record.key ?? '';
    bucket.values.set(key, (bucket.values.get(key) ?? 0) + record.amount);
    buckets.set(id, bucket);
  }
  return buckets;
}

/** Up to this many days, only counters with a value on one of them are read (the reconcile's case). */
const FEW_DAYS = 7;

/**
 * The counter documents that may hold a value in the dates: for a few days (the reconcile every
 * ten minutes) only those with a value on one of them, so the database, not this process,
 * passes over the year's documents of orgs and keys with nothing on those days.
 */
function storedFilter(metric: string, dates: { from: string; to: string }) {
  const days = calendarDaysInclusive(dates.from, dates.to);
  if (days <= 0 || days > FEW_DAYS) {
    return { metric, year: { $gte: yearOf(dates.from), $lte: yearOf(dates.to) } };
  }
  const onDays = calendarDatesBetween(dates.from, dates.to).map((date) => ({
    year: yearOf(date),
    [`days.${dayIndex(date)}`]: { $ne: 0 },
  }));
  return { metric, $or: onDays };
}

/** `orgId|day` → key → stored value, for the stored days of [from, to) that are not all zero. */
async function storedRange(metric: string, range: { from: Date; to: Date }) {
  const dates = { from: chinaDateOf(range.from), to: chinaDateOf(range.to.getTime() - 1) };
  const stored = new Map<string, { org: OrgRef; values: Map<string, number> }>();
  const counters = FigureCounterModel.find(storedFilter(metric, dates)).lean<CounterDoc[]>().cursor();
  for await (const counter of counters) {
    const span = indexRange(counter.year, dates);
    if (!span) continue;
    for (let index = span.first; index <= span.last; index++) {
      if (!counter.days[index]) continue;
      const day = `${counter.year}-${dayKey(counter.year, index)}`;
      const id = `${String(counter.orgId)}|${day}`;
      const bucket = stored.get(id) ?? { org: { orgId: counter.orgId, orgPath: counter.orgPath }, values: new Map() };
      bucket.values.set(counter.key, counter.days[index]);
      stored.set(id, bucket);
    }
  }
  return stored;
}

const dayKey = (year: number, index: number) =>
  new Date(Date.UTC(year, 0, 1) + index * DAY_MS).toISOString().slice(5, 10);

const sameValues = (a: Map<string, number>, b: Map<string, number>) =>
  [...new Set([...a.keys(), ...b.keys()])].every((key) => (a.get(key) ?? 0) === (b.get(key) ?? 0));

/**
 * Recomputes the counters of the metrics (all registered by default) for the days in
 * [from, to) from the source records: days with records get their sums, stored days without
 * records get 0. Writes directly, so run it where no settler races it (the seed, a repair);
 * while the service runs, `reconcileRecentFigures` marks instead.
 */
export async function rebuildFigureCounters(
  range: { from: Date; to: Date },
  metrics: FigureMetric[] = figureMetrics(),
): Promise<{ buckets: number }> {
  let buckets = 0;
  for (const metric of metrics) {
    const counted = await recountRange(metric, range);
    const stored = await storedRange(metric.name, range);
    for (const [id, bucket] of stored) if (!counted.has(id)) counted.set(id, { org: bucket.org, values: new Map() });
    // One document write per org, year and key, not per day: group the days.
    const writes = new Map<string, { id: CounterId; orgPath: Types.ObjectId[]; values: Map<number, number> }>();
    for (const [bucketId, bucket] of counted) {
      const day = bucketId.split('|')[1]!;
      const keys = new Set([...bucket.values.keys(), ...(stored.get(bucketId)?.values.keys() ?? [])]);
      for (const key of keys) {
        const id = { metric: metric.name, orgId: bucket.org.orgId, year: yearOf(day), key };
        const writeId = `${String(id.orgId)}|${id.year}|${key}`;
        const write = writes.get(writeId) ?? { id, orgPath: bucket.org.orgPath, values: new Map() };
        write.values.set(dayIndex(day), bucket.values.get(key) ?? 0);
        writes.set(writeId, write);
      }
      buckets += 1;
    }
    for (const write of writes.values()) await setDays(write.id, write.orgPath, write.values);
  }
  return { buckets };
}

/**
 * The last `days` China days up to now: every bucket whose counters differ from a recount of
 * its records is marked, so the settler (under its claim) corrects it. Heals a write whose
 * process died between the record and the mark.
 */
export async function reconcileRecentFigures(now: Date, days = 2): Promise<{ marked: number }> {
  const { start } = chinaDayRange(chinaDateOf(now.getTime() - (days - 1) * DAY_MS));
  const range = { from: start, to: new Date(now.getTime() + 1) };
  let marked = 0;
  for (const metric of figureMetrics()) {
    const counted = await recountRange(metric, range);
    const stored = await storedRange(metric.name, range);
    for (const id of new Set([...counted.keys(), ...stored.keys()])) {
      const bucket = counted.get(id) ?? stored.get(id)!;
      if (sameValues(counted.get(id)?.values ?? new Map(), stored.get(id)?.values ?? new Map())) continue;
      const day = id.split('|')[1]!;
      await markFigureChanged(metric.name, { ...bucket.org, at: chinaDayRange(day).start });
      marked += 1;
    }
  }
  return { marked };
}
