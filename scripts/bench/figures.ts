/**
 * The annual report of a synthetic city: 1 city, 13 districts, streets and grassroots unions
 * to 500 orgs; every recording org (street or grassroots) has one counter document per metric
 * the report reads for a whole year (365 daily values in the document). The report for the
 * city and for one district is timed in-process (`annualReport`) and over HTTP (JSON and
 * .xlsx). Then the raw way: a few thousand members and station check-ins are stored as source
 * records and two metrics are computed from their `records()` (what a report without counters
 * would read), against the same two figures from the counters; the per-record cost is
 * extrapolated to the records the city's counters stand for. Numbers, never pass/fail.
 */
import {
  ACTIVITY_KINDS,
  EDUCATION_LEVELS,
  MERCHANT_CATEGORIES,
  OCCUPATIONS,
  periodOfLabel,
  type FigurePeriod,
} from '@union/shared';
import { createRandom, type Random } from '../../bff/src/seeded-random';
import type { Actor } from '../../bff/src/modules/auth/actor';
import { AccountModel } from '../../bff/src/modules/auth/account.model';
import { FIGURES, figureDefinition } from '../../bff/src/modules/figures/catalogue';
import { FigureCounterModel } from '../../bff/src/modules/figures/counter.model';
import { evaluateFigure } from '../../bff/src/modules/figures/evaluate';
import { figureMetric, hasFigureMetric } from '../../bff/src/modules/figures/metrics';
import { annualReport } from '../../bff/src/modules/figures/report.service';
import { MemberModel } from '../../bff/src/modules/membership/member.model';
import { OrganizationModel } from '../../bff/src/modules/organizations/organization.model';
import { StationCheckInModel } from '../../bff/src/modules/station-visits/visit.model';
import { StationModel } from '../../bff/src/modules/stations/station.model';
import { createStaff, loginStaff } from '../../bff/test/fixtures';
import { startInProcessBff } from './in-process-bff';
import { percentile } from './measure';

// The BFF's mongoose (scripts/ does not depend on mongoose itself).
const ObjectId = OrganizationModel.base.Types.ObjectId;
type ObjectId = InstanceType<typeof ObjectId>;

// FIGURES_BENCH_ORGS: a smaller city while working on the code; the README's numbers are 500.
const ORGS = Math.max(40, Number(process.env.FIGURES_BENCH_ORGS ?? 500));
const DISTRICTS = 13;
/** Raw source records of each of the two metrics timed the raw way (the embedded DB holds a few thousand well). */
const RAW = Number(process.env.FIGURES_BENCH_RAW ?? 3000);
/** Runs of each district timing (after a warm-up) and of each city timing (a city report takes seconds here). */
const REPEAT = Number(process.env.FIGURES_BENCH_REPEAT ?? 7);
const CITY_REPEAT = Number(process.env.FIGURES_BENCH_CITY_REPEAT ?? 3);
/** A whole common year, so every counter has 365 days. */
const YEAR = 2025;
const DAYS = 365;
const BATCH = 1000;

type Org = { _id: ObjectId; path: ObjectId[]; level: string };

/**
 * How the synthetic days of a metric are drawn: a count (records per org per day, `perDay` on
 * average), or an amount made of a count metric's records (`of`), each `per` [min, max] of
 * the unit. `keys`: the breakdown; each org's counter takes one of them.
 */
type Shape = { keys?: readonly string[] } & ({ perDay: number } | { of: string; per: [number, number] });

const HOURS = ['H07', 'H08', 'H09', 'H10', 'H11', 'H12', 'H13', 'H14', 'H15', 'H16', 'H17', 'H18', 'H19'];
const SHAPES: Record<string, Shape> = {
  'members.joined': { perDay: 0.3, keys: OCCUPATIONS },
  'members.applications': { perDay: 0.35, keys: OCCUPATIONS },
  'members.approvalDays': { perDay: 0.3, keys: ['0', '1', '2', '3', '5', '8', '13'] },
  'stations.visits': { perDay: 12 }, // keys: the station of the org's street (below)
  'stations.visitsByHour': { of: 'stations.visits', per: [1, 1], keys: HOURS },
  'stations.feedback': { perDay: 0.4 },
  'stations.feedbackRated': { perDay: 0.3 },
  'stations.feedbackRating': { of: 'stations.feedbackRated', per: [3, 5] },
  'stations.feedbackReplies': { perDay: 0.25 },
  'stations.replyMinutes': { of: 'stations.feedbackReplies', per: [20, 2880] },
  'stations.wishesHandled': { perDay: 0.05 },
  'aid.applications': { perDay: 0.03, keys: EDUCATION_LEVELS },
  'aid.approvals': { perDay: 0.02, keys: EDUCATION_LEVELS },
  'aid.approvedAmount': { of: 'aid.approvals', per: [100_000, 500_000], keys: EDUCATION_LEVELS },
  'aid.disbursedStudents': { perDay: 0.02 },
  'aid.disbursed': { of: 'aid.disbursedStudents', per: [100_000, 500_000] },
  'aid.stepCount': { perDay: 0.06, keys: ['grassroots', 'street', 'district', 'city'] },
  'aid.stepMinutes': { of: 'aid.stepCount', per: [60, 7200], keys: ['grassroots', 'street', 'district', 'city'] },
  'benefits.claims': { perDay: 3, keys: MERCHANT_CATEGORIES },
  'benefits.redemptions': { perDay: 2, keys: MERCHANT_CATEGORIES },
  'benefits.memberPayments': { of: 'benefits.redemptions', per: [990, 9900], keys: MERCHANT_CATEGORIES },
  'benefits.refunds': { of: 'benefits.redemptions', per: [0, 300], keys: MERCHANT_CATEGORIES },
  'benefits.subsidy': { of: 'benefits.redemptions', per: [300, 2000], keys: MERCHANT_CATEGORIES },
  'activities.sessions': { perDay: 0.05, keys: ACTIVITY_KINDS },
  'activities.signUps': { perDay: 1.2, keys: ACTIVITY_KINDS },
  'activities.participants': { perDay: 1, keys: ACTIVITY_KINDS },
  'activities.expected': { of: 'activities.sessions', per: [10, 60] },
  'activities.checkedIn': { of: 'activities.sessions', per: [8, 50] },
  'contests.entrants': { perDay: 0.1 },
  'contests.awards': { perDay: 0.01, keys: ['一等奖', '二等奖', '三等奖'] },
  'quizzes.participants': { perDay: 0.8 },
};
const DEFAULT_SHAPE: Shape = { perDay: 0.1 };

/** A count near `mean` (0.5–1.5 ×, weekends lighter), rounded at random so small means stay honest. */
function countNear(random: Random, mean: number, day: number): number {
  const weekend = (day + 2) % 7 >= 5; // 1 January 2025 was a Wednesday
  const value = mean * (0.5 + random.next()) * (weekend ? 0.6 : 1.1);
  return Math.floor(value) + (random.next() < value % 1 ? 1 : 0);
}

/** 1 city → 13 districts → streets → grassroots, `ORGS` in all, inserted at once. */
function syntheticCity(random: Random) {
  const docs: Record<string, unknown>[] = [];
  const add = (name: string, level: string, parent: Org | null): Org => {
    const _id = new ObjectId();
    const org = { _id, path: [...(parent?.path ?? []), _id], level };
    docs.push({
      _id,
      name,
      level,
      parentId: parent?._id ?? null,
      path: org.path,
      acceptsMembers: level === 'grassroots',
      sortOrder: docs.length,
      // 职工人数 recorded by most grassroots unions, so 入会率 has a denominator.
      employeeCount: level === 'grassroots' && random.chance(0.8) ? random.int(80, 3000) : null,
    });
    return org;
  };
  const city = add('基准市总工会', 'city', null);
  const districts = Array.from({ length: DISTRICTS }, (_, i) => add(`基准第${i + 1}区总工会`, 'district', city));
  const below = ORGS - 1 - DISTRICTS;
  const streetCount = Math.max(DISTRICTS, Math.round((below * 6) / 37)); // 500 orgs: 78 streets, 408 grassroots
  const streets = Array.from({ length: streetCount }, (_, i) =>
    add(`基准第${i + 1}街道总工会`, 'street', districts[i % DISTRICTS]!),
  );
  const grassroots = Array.from({ length: below - streetCount }, (_, i) =>
    add(`基准第${i + 1}基层工会`, 'grassroots', streets[i % streetCount]!),
  );
  return { docs, city, districts, streets, grassroots };
}

async function insertInBatches(model: { insertMany(docs: unknown[]): Promise<unknown> }, docs: unknown[]) {
  for (let i = 0; i < docs.length; i += BATCH) await model.insertMany(docs.slice(i, i + BATCH));
}

/** One counter document per recording org and metric: the year's 365 days, month sums and total. */
function syntheticCounters(random: Random, recording: Org[], metrics: string[], stationOfStreet: Map<string, string>) {
  const docs: Record<string, unknown>[] = [];
  const totals = new Map<string, number>();
  recording.forEach((org, index) => {
    const size = 0.3 + random.next() * 1.7; // a big union or a small one, the same for all its metrics
    const counts = new Map<string, number[]>();
    const daysOf = (metric: string): number[] => {
      const known = counts.get(metric);
      if (known) return known;
      const shape = SHAPES[metric] ?? DEFAULT_SHAPE;
      const days =
        'perDay' in shape
          ? Array.from({ length: DAYS }, (_, day) => countNear(random, shape.perDay * size, day))
          : daysOf(shape.of).map((records) => {
              let amount = 0;
              for (let r = 0; r < records; r++) amount += random.int(shape.per[0], shape.per[1]);
              return amount;
            });
      counts.set(metric, days);
      return days;
    };
    for (const metric of metrics) {
      const days = daysOf(metric);
      const shape = SHAPES[metric] ?? DEFAULT_SHAPE;
      const key =
        metric === 'stations.visits'
          ? stationOfStreet.get(String(org.path[2]))!
          : shape.keys
            ? shape.keys[index % shape.keys.length]!
            : '';
      const months = new Array<number>(12).fill(0);
      days.forEach((value, day) => {
        months[new Date(Date.UTC(YEAR, 0, 1 + day)).getUTCMonth()]! += value;
      });
      const total = months.reduce((sum, value) => sum + value, 0);
      totals.set(metric, (totals.get(metric) ?? 0) + total);
      docs.push({
        metric,
        orgId: org._id,
        orgPath: org.path,
        year: YEAR,
        key,
        days: [...days, 0],
        months,
        total,
        rev: 1,
      });
    }
  });
  return { docs, totals };
}

/** The source records a report without counters would read for a metric: a count's total, an amount's count's. */
function impliedRecords(metric: string, totals: Map<string, number>): number {
  const shape = SHAPES[metric] ?? DEFAULT_SHAPE;
  return 'perDay' in shape ? (totals.get(metric) ?? 0) : (totals.get(shape.of) ?? 0);
}

const chinaInstant = (day: number, minutes: number) => new Date(Date.UTC(YEAR, 0, 1 + day, 0, minutes) - 8 * 3_600_000);

/** Members who joined over the year and counted check-ins at the streets' stations, straight into their collections. */
async function rawRecords(random: Random, grassroots: Org[], stations: ObjectId[]) {
  const members = Array.from({ length: RAW }, (_, i) => {
    const org = random.pick(grassroots);
    return {
      memberNo: `B${String(i).padStart(8, '0')}`,
      name: '基准会员',
      idNumberSealed: 'bench',
      idNumberIndex: `bench-id-${i}`,
      mobileSealed: 'bench',
      mobileIndex: `bench-mobile-${i}`,
      occupation: random.pick(OCCUPATIONS),
      orgId: org._id,
      orgPath: org.path,
      joinedAt: chinaInstant(random.int(0, DAYS - 1), random.int(8 * 60, 18 * 60)),
      status: 'active',
    };
  });
  const checkIns = Array.from({ length: RAW }, () => ({
    stationId: random.pick(stations),
    accountId: new ObjectId(),
    memberId: null,
    counted: true,
    at: chinaInstant(random.int(0, DAYS - 1), random.int(7 * 60, 20 * 60)),
  }));
  await insertInBatches(MemberModel, members);
  await insertInBatches(StationCheckInModel, checkIns);
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

/** Median and p95 of `runs` runs (after one warm-up unless told not to); with 3 runs the p95 is the slowest. */
async function repeated(run: () => Promise<unknown>, runs = REPEAT, warmUp = true) {
  if (warmUp) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(run)).ms);
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p95: percentile(times, 95), runs };
}

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(0));
const thousands = (value: number) => Math.round(value).toLocaleString('en-US');

/** The raw way for one metric: every record of the year, summed in total, by key and by district. */
async function fromRecords(metric: string) {
  const from = chinaInstant(0, 0);
  const to = chinaInstant(DAYS, 0);
  let records = 0;
  let total = 0;
  const byKey = new Map<string, number>();
  const byChild = new Map<string, number>();
  for await (const record of figureMetric(metric).records({ from, to })) {
    records += 1;
    total += record.amount;
    byKey.set(record.key ?? '', (byKey.get(record.key ?? '') ?? 0) + record.amount);
    const child = String(record.orgPath[1]);
    byChild.set(child, (byChild.get(child) ?? 0) + record.amount);
  }
  return { records, total, byKey, byChild };
}

/** The same figure from counters: the total with its breakdown, and by district, as the report reads it. */
async function fromCounters(figureKey: string, city: Org, period: FigurePeriod) {
  const definition = figureDefinition(figureKey)!;
  const [whole] = await Promise.all([
    evaluateFigure(definition, city._id, period),
    evaluateFigure(definition, city._id, period, { by: 'child' }),
  ]);
  return whole.valueOf('');
}

export async function figuresBench() {
  const benchStarted = performance.now();
  const api = await startInProcessBff({ ACCESS_TOKEN_TTL_SECONDS: '3600' });
  try {
    const random = createRandom(2025);
    const metrics = [...new Set(FIGURES.flatMap((figure) => figure.parts.map((part) => part.metric)))].filter(
      hasFigureMetric,
    );

    let started = performance.now();
    const city = syntheticCity(random);
    await insertInBatches(OrganizationModel, city.docs);
    const stationDocs = city.streets.map((street, i) => ({
      _id: new ObjectId(),
      name: `基准驿站${i + 1}`,
      type: 'union_station',
      address: '基准路1号',
      location: { lat: 30.25 + i / 1000, lng: 120.15 + i / 1000 },
      orgId: street._id,
      orgPath: street.path,
      revision: i + 1,
    }));
    await insertInBatches(StationModel, stationDocs);
    const stationOfStreet = new Map(city.streets.map((street, i) => [String(street._id), String(stationDocs[i]!._id)]));
    const orgSeconds = (performance.now() - started) / 1000;

    started = performance.now();
    const recording = [...city.streets, ...city.grassroots];
    const counters = syntheticCounters(random, recording, metrics, stationOfStreet);
    await insertInBatches(FigureCounterModel, counters.docs);
    const counterSeconds = (performance.now() - started) / 1000;
    const impliedTotal = metrics.reduce((sum, metric) => sum + impliedRecords(metric, counters.totals), 0);

    started = performance.now();
    await rawRecords(
      random,
      city.grassroots,
      stationDocs.map((station) => station._id),
    );
    const rawSeconds = (performance.now() - started) / 1000;

    await createStaff('bench_figures_city', [{ role: 'union_staff', org: city.city }]);
    const account = (await AccountModel.findOne({ username: 'bench_figures_city' }).lean())!;
    const actor: Actor = {
      accountId: String(account._id),
      kind: 'staff',
      memberId: null,
      merchantId: null,
      grants: [{ role: 'union_staff', orgId: String(city.city._id) }],
    };
    const token = await loginStaff(api, 'bench_figures_city');
    const district = city.districts[0]!;

    console.log(
      `\nAnnual report of a synthetic city (BFF in this process, embedded database): ${ORGS} orgs ` +
        `(1 city, ${DISTRICTS} districts, ${city.streets.length} streets, ${city.grassroots.length} grassroots), ` +
        `year ${YEAR}`,
    );
    console.table([
      { measure: 'metrics the report reads (registered)', value: metrics.length },
      { measure: 'figures in the report', value: FIGURES.length },
      {
        measure: 'counter documents (recording orgs × metrics)',
        value: `${thousands(counters.docs.length)} (${recording.length} × ${metrics.length})`,
      },
      { measure: 'day values in them', value: thousands(counters.docs.length * DAYS) },
      { measure: 'source records they stand for (implied)', value: thousands(impliedTotal) },
      { measure: 'insert orgs + stations s', value: orgSeconds.toFixed(1) },
      { measure: `insert counters s (insertMany of ${BATCH})`, value: counterSeconds.toFixed(1) },
      { measure: `insert raw records s (${RAW} members + ${RAW} check-ins)`, value: rawSeconds.toFixed(1) },
    ]);

    const now = new Date();
    const cityId = String(city.city._id);
    const districtId = String(district._id);
    const sizes = { json: 0, sheet: 0 };
    const get = async (path: string, size: keyof typeof sizes) => {
      const response = await fetch(api.url + path, { headers: { Authorization: `Bearer ${token}` } });
      const body = await response.arrayBuffer();
      if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${Buffer.from(body).toString()}`);
      sizes[size] = body.byteLength;
    };

    // What one read costs: one metric's year over the city's counters (one document per recording org).
    const oneRead = await repeated(() =>
      FigureCounterModel.find(
        { metric: 'members.joined', orgPath: city.city._id, year: YEAR },
        { orgId: 1, key: 1, year: 1, days: 1, months: 1, total: 1 },
      ).lean(),
    );
    // Counter queries one city report makes (mongoose's debug hook sees every operation).
    let counterQueries = 0;
    const mongoose = OrganizationModel.base; // the BFF's mongoose instance
    mongoose.set('debug', (collection: string) => {
      if (collection === FigureCounterModel.collection.collectionName) counterQueries += 1;
    });
    const cityReport = await annualReport(actor, { orgId: cityId, year: YEAR }, now);
    mongoose.set('debug', false);
    const figureCount = cityReport.sections.reduce((sum, section) => sum + section.figures.length, 0);
    const nulls = cityReport.sections.flatMap((s) => s.figures).filter((f) => f.value === null);

    const rows = [];
    // The district first: its warm-ups also warm the code paths the city's runs take.
    for (const [label, orgId, runs, warmUp] of [
      ['district', districtId, REPEAT, true],
      ['city', cityId, CITY_REPEAT, false],
    ] as const) {
      const timings = [
        ['annualReport() in-process', () => annualReport(actor, { orgId, year: YEAR }, now)],
        ['GET annual-report (JSON)', () => get(`/api/staff/annual-report?year=${YEAR}&orgId=${orgId}`, 'json')],
        ['GET annual-report.xlsx', () => get(`/api/staff/annual-report.xlsx?year=${YEAR}&orgId=${orgId}`, 'sheet')],
      ] as const;
      for (const [what, run] of timings) {
        const time = await repeated(run, runs, warmUp);
        rows.push({ report: `${label}: ${what}`, runs, 'median ms': ms(time.median), 'p95 ms': ms(time.p95) });
      }
    }
    const cityInProcessMs = Number(rows[3]!['median ms']);
    console.log(
      `\nThe annual report from counters (district: ${REPEAT} runs after a warm-up; city: ${CITY_REPEAT} runs, ` +
        `the slowest is its p95). City: ${figureCount} figures, ${cityReport.childRows.length} district rows, ` +
        `${nulls.length} 无数据; JSON ${thousands(sizes.json)} bytes, .xlsx ${thousands(sizes.sheet)} bytes. ` +
        `A city report makes ${counterQueries} counter queries; one metric's year over the city ` +
        `(${recording.length} documents) reads in ${ms(oneRead.median)} ms here.`,
    );
    console.table(rows);

    // The raw way, measured on the records stored, extrapolated to the records the counters stand for.
    const period = periodOfLabel(String(YEAR))!;
    const compared = [
      { metric: 'members.joined', figure: 'members.new' },
      { metric: 'stations.visits', figure: 'stations.visits' },
    ];
    const comparison = [];
    let rawMsPerRecord = 0;
    for (const { metric, figure } of compared) {
      const raw = await repeated(() => fromRecords(metric));
      const read = (await fromRecords(metric)).records;
      const viaCounters = await repeated(() => fromCounters(figure, city.city, period));
      const perRecord = raw.median / read;
      const implied = impliedRecords(metric, counters.totals);
      const extrapolated = perRecord * implied;
      rawMsPerRecord += perRecord / compared.length;
      comparison.push({
        metric,
        'raw records read': read,
        'raw median ms (measured)': ms(raw.median),
        'µs per record': (perRecord * 1000).toFixed(1),
        'city records (implied)': thousands(implied),
        'raw ms at city size (extrapolated)': thousands(extrapolated),
        'counters median ms (measured)': ms(viaCounters.median),
        'raw ÷ counters': `${thousands(extrapolated / viaCounters.median)} ×`,
      });
    }

    const wholeRaw = rawMsPerRecord * impliedTotal;
    console.log(
      '\nFrom raw records versus from counters (one figure each: total, breakdown and by district, city, year). ' +
        'Measured: reading the stored raw records through the metric’s records() and summing them; the same figure ' +
        'from the city’s counters. Extrapolated: µs per record × the records the counters stand for (the sum of their ' +
        'values; for an amount, its count’s). The raw way is read once per metric, without last year, so it is a floor.',
    );
    console.table(comparison);
    console.table([
      {
        'whole report': 'city, all metrics',
        'records to read (implied)': thousands(impliedTotal),
        'raw s (extrapolated, mean µs/record above)': (wholeRaw / 1000).toFixed(0),
        'counters ms (in-process, measured)': ms(cityInProcessMs),
        'raw ÷ counters': `${thousands(wholeRaw / cityInProcessMs)} ×`,
      },
    ]);
    console.log(
      `Note: the embedded database (jongodb) is an in-memory stand-in; per-record and per-document costs on MongoDB ` +
        `differ, the ratio's order of magnitude is the point. Whole bench ${((performance.now() - benchStarted) / 1000).toFixed(0)} s.`,
    );
  } finally {
    await api.stop();
  }
}
