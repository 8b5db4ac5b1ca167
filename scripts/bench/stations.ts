/**
 * Station search on a generated national dataset (200,000 stations around ~300 city
 * centres plus rural scatter): the real BFF over HTTP, once with the spatial index and
 * once scanning every station, under the same concurrent load of riders near city
 * centres. Both BFFs generate the same seeded dataset in memory (STATION_BENCH_DATASET,
 * refused in production), so the database is not involved.
 */
import autocannon from 'autocannon';
import { AMENITY_CODES } from '@union/shared';
import { bruteForceNearest } from '../../bff/src/modules/stations/brute-force-search';
import {
  gaussian,
  generateCityCentres,
  generateNationalStations,
  offsetKm,
} from '../../bff/src/modules/stations/generated-stations';
import type { StationSchedule } from '../../bff/src/modules/stations/indexed-station';
import { presentSummaryWithOpening } from '../../bff/src/modules/stations/presenter';
import { StationIndex } from '../../bff/src/modules/stations/station-index';
import { nearbyStationsJson } from '../../bff/src/modules/stations/summary-json';
import { createRandom } from '../../bff/src/seeded-random';
import { measureCores, planCores, pinThisProcess, type CorePlan } from './pinning';
import { bffRssMegabytes, groupCpuSeconds } from './process-group';
import { buildBffBundle, startBff, type StartedBff } from './start-bff';

const DATASET_SIZE = 200_000;
const CONNECTIONS = 50;
const DURATION_SECONDS = 10;
const WARM_UP_SECONDS = 3;
const COMPARED_QUERIES = 200;

interface NearbyQuery {
  lat: number;
  lng: number;
  radius: number;
  limit: number;
  amenities: string[];
  openNow: boolean;
}

/** Riders near city centres (where stations and riders are), with the filters the mini-program offers. */
export function riderQueries(count: number, seed: number): NearbyQuery[] {
  const random = createRandom(seed);
  const cities = generateCityCentres();
  const popular = ['drinking_water', 'microwave', 'toilet', 'ebike_charging', 'phone_charging'];
  return Array.from({ length: count }, () => {
    const city = random.pick(cities);
    const at = offsetKm(city, Math.abs(gaussian(random)) * city.spreadKm * 1.5, random.next() * 2 * Math.PI);
    return {
      lat: +at.lat.toFixed(6),
      lng: +at.lng.toFixed(6),
      // Mostly what the mini-program's list asks (5 km, 20 stations); sometimes wider or longer.
      radius: random.pick([3000, 5000, 5000, 5000, 5000, 10_000, 20_000]),
      limit: random.pick([20, 20, 20, 20, 50]),
      amenities: random.chance(0.3) ? popular.filter(() => random.chance(0.35)) : [],
      openNow: random.chance(0.3),
    };
  });
}

/** `openFirst`: as the mini-program's list asks (open stations first, closed ones fill the rest). */
export const pathOf = (query: NearbyQuery, openFirst = false) =>
  `/api/stations/nearby?lat=${query.lat}&lng=${query.lng}&radius=${query.radius}&limit=${query.limit}` +
  (query.amenities.length ? `&amenities=${query.amenities.join(',')}` : '') +
  (query.openNow ? '&openNow=true' : '') +
  (openFirst ? '&order=openFirst' : '');

function inProcess() {
  let started = performance.now();
  const stations = generateNationalStations(DATASET_SIZE);
  const generateMs = performance.now() - started;
  started = performance.now();
  const index = new StationIndex(stations);
  const buildMs = performance.now() - started;
  const queries = riderQueries(2000, 7);
  const now = new Date();
  const filterOf = (query: NearbyQuery) => ({
    amenityMask: query.amenities.reduce((mask, code) => mask | (1 << AMENITY_CODES.indexOf(code as never)), 0),
    openAt: query.openNow ? now : null,
  });
  /** Microseconds per item, after a pass that warms the JIT (and the caches a server keeps warm). */
  const timeEach = <T>(items: T[], work: (item: T) => unknown, warm = items) => {
    for (const item of warm) work(item);
    const begin = performance.now();
    for (const item of items) work(item);
    return ((performance.now() - begin) * 1000) / items.length;
  };
  const indexMicros = timeEach(queries, (q) => index.nearest(q, q.radius, q.limit, filterOf(q)));
  const bruteMicros = timeEach(
    queries.slice(0, 100),
    (q) => bruteForceNearest(index.stations(), index.matcher(filterOf(q)), q, q.radius, q.limit),
    queries.slice(0, 5),
  );
  const answers = queries.map((q) => ({ q, found: index.nearest(q, q.radius, q.limit, filterOf(q)) }));
  const openingOf = (station: StationSchedule) => index.openings.openingOf(station, now);
  const bytesMicros = timeEach(answers, ({ found }) => nearbyStationsJson(found, openingOf, index.currentBase));
  const stringifyMicros = timeEach(answers, ({ q, found }) =>
    Buffer.from(
      JSON.stringify({ items: found.map(({ station }) => presentSummaryWithOpening(station, openingOf(station), q)) }),
    ),
  );
  return [
    { step: `generate ${DATASET_SIZE.toLocaleString('en')} stations`, value: `${Math.round(generateMs)} ms` },
    { step: 'build the kd-tree index', value: `${Math.round(buildMs)} ms` },
    { step: 'nearest, index (µs per query)', value: indexMicros.toFixed(1) },
    { step: 'nearest, brute-force scan (µs per query)', value: bruteMicros.toFixed(1) },
    { step: 'speed-up in-process', value: `${(bruteMicros / indexMicros).toFixed(0)}×` },
    { step: 'answer as JSON bytes from cached fragments (µs)', value: bytesMicros.toFixed(1) },
    { step: 'answer as objects, then JSON.stringify (µs)', value: stringifyMicros.toFixed(1) },
  ];
}

async function fetchNearby(bff: StartedBff, path: string) {
  const response = await fetch(bff.url + path);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { items: unknown[] }).items;
}

/**
 * Same stations, same order, same distances, for each query as given and as the app asks it
 * (open first); asked twice if an answer straddles a minute (opening can flip).
 */
async function compareAnswers(indexed: StartedBff, bruteForce: StartedBff) {
  const paths = riderQueries(COMPARED_QUERIES, 99).flatMap((query) => [pathOf(query), pathOf(query, true)]);
  let identical = 0;
  let results = 0;
  const mismatches: string[] = [];
  for (const path of paths) {
    let same = false;
    for (let attempt = 0; attempt < 2 && !same; attempt++) {
      const [a, b] = await Promise.all([fetchNearby(indexed, path), fetchNearby(bruteForce, path)]);
      same = JSON.stringify(a) === JSON.stringify(b);
      if (same) results += a.length;
    }
    if (same) identical += 1;
    else mismatches.push(path);
  }
  return { compared: paths.length, identical, results, mismatches };
}

/** Seconds the BFF has spent collecting garbage since it started, from its own /metrics. */
async function gcSeconds(bff: StartedBff): Promise<number> {
  const metrics = await (await fetch(`${bff.url}/metrics`)).text();
  const sums = metrics.matchAll(/^nodejs_gc_duration_seconds_sum\{[^}]*\} (\S+)$/gm);
  return [...sums].reduce((total, [, seconds]) => total + Number(seconds), 0);
}

async function load(bff: StartedBff, paths: string[], cores: CorePlan, seconds = DURATION_SECONDS) {
  let next = 0;
  const gcBefore = await gcSeconds(bff);
  const cpuBefore = groupCpuSeconds(bff.pid).bff;
  const serverBusy = measureCores(cores.server);
  const loadBusy = measureCores(cores.load);
  const result = await autocannon({
    url: bff.url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          request.path = paths[next++ % paths.length]!;
          return request;
        },
      },
    ],
  });
  const cpuSeconds = groupCpuSeconds(bff.pid).bff - cpuBefore;
  return {
    rps: result.requests.average,
    // What a request cost the server whichever side was the limit (a load generator that saturates
    // its core lowers req/s, not this).
    cpuMicros: (cpuSeconds * 1e6) / Math.max(1, result.requests.total),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
    rss: bffRssMegabytes(bff.pid),
    serverBusy: serverBusy(),
    loadBusy: loadBusy(),
    // The share of the run the server spent in GC: a slow repetition with a large one was the heap's.
    gcShare: (100 * ((await gcSeconds(bff)) - gcBefore)) / seconds,
  };
}

/** One load's measurements. */
type LoadRun = Awaited<ReturnType<typeof load>>;

/** Rounds of the indexed server's /healthz, nearby and open-first loads, each REPETITION_SECONDS long. */
const REPETITIONS = 5;
const REPETITION_SECONDS = 6;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const spread = (values: number[], digits = 0) => {
  const round = (value: number) => value.toFixed(digits);
  return `${round(Math.min(...values))} / ${round(median(values))} / ${round(Math.max(...values))}`;
};

const busyShare = (values: (number | null)[]) =>
  values.every((value) => value !== null) ? spread(values as number[]) : 'not pinned';

export async function stationSearchBench() {
  console.log(`\nStation search, in-process (${DATASET_SIZE.toLocaleString('en')} generated stations)`);
  console.table(inProcess());

  // Measure what production runs: no per-response contract check (a development aid).
  const env = {
    STATION_BENCH_DATASET: String(DATASET_SIZE),
    SEED_DEMO_DATA: 'false',
    RATE_LIMIT_SCALE: '1000',
    CHECK_RESPONSES: 'false',
  };
  const cores = planCores();
  // The production bundle, as the image runs it: per-request costs are what is measured.
  buildBffBundle();
  const options = { cores: cores.server, bundle: true };
  const indexed = await startBff({ ...env, STATION_SEARCH: 'index' }, options);
  const bruteForce = await startBff({ ...env, STATION_SEARCH: 'bruteforce' }, options);
  const unpin = pinThisProcess(cores.load);
  try {
    const compared = await compareAnswers(indexed, bruteForce);
    const riders = riderQueries(5000, 1);
    const paths = riders.map((query) => pathOf(query));
    // What the mini-program's list sends: open stations first (a second search only when fewer
    // open ones than the limit are within reach).
    const openFirstPaths = riders.map((query) => pathOf(query, true));
    // The server's own floor, measured on the same process in the same run, with the nearby
    // loads: short runs, each repetition's order the reverse of the last one's, so a virtual
    // machine whose speed drifts (by half, here, within a minute) weighs on both sides of a ratio.
    const floor: LoadRun[] = [];
    const nearby: LoadRun[] = [];
    const openFirst: LoadRun[] = [];
    // Steady state, not start-up: the JIT has compiled every path, and the answers' fixed parts of
    // the stations these riders reach are written (the first pass writes ~64,000 of them).
    await load(indexed, ['/healthz'], cores, WARM_UP_SECONDS);
    await load(indexed, paths, cores, WARM_UP_SECONDS);
    await load(indexed, openFirstPaths, cores, WARM_UP_SECONDS);
    for (let repetition = 0; repetition < REPETITIONS; repetition++) {
      const floorFirst = repetition % 2 === 0;
      if (floorFirst) floor.push(await load(indexed, ['/healthz'], cores, REPETITION_SECONDS));
      else openFirst.push(await load(indexed, openFirstPaths, cores, REPETITION_SECONDS));
      nearby.push(await load(indexed, paths, cores, REPETITION_SECONDS));
      if (floorFirst) openFirst.push(await load(indexed, openFirstPaths, cores, REPETITION_SECONDS));
      else floor.push(await load(indexed, ['/healthz'], cores, REPETITION_SECONDS));
    }
    const scanning = await load(bruteForce, paths, cores);
    console.log(
      `\nOver HTTP: ${CONNECTIONS} connections, ${cores.describe}; ` +
        'nearby: riders near city centres, 30% with amenity filters, 30% open now. ' +
        `${REPETITIONS} rounds of /healthz, nearby and nearby open first, ${REPETITION_SECONDS} s each, ` +
        'each round in the reverse order of the last (min / median / max), ' +
        `after ${WARM_UP_SECONDS} s of each to warm up; brute force one run of ${DURATION_SECONDS} s`,
    );
    const row = (what: string, runs: LoadRun[]) => ({
      what,
      'req/s': spread(runs.map((run) => run.rps)),
      'p50 ms': spread(runs.map((run) => run.p50)),
      'p99 ms': spread(runs.map((run) => run.p99)),
      errors: runs.reduce((sum, run) => sum + run.errors, 0),
      'server CPU µs/req': spread(runs.map((run) => run.cpuMicros)),
      'BFF RSS MB': Math.max(...runs.map((run) => run.rss)),
      // Which side was the limit: the server's core should be the busy one.
      'server core busy %': busyShare(runs.map((run) => run.serverBusy)),
      'load core(s) busy %': busyShare(runs.map((run) => run.loadBusy)),
      'server GC %': spread(
        runs.map((run) => run.gcShare),
        1,
      ),
    });
    console.table([
      row('GET /healthz (the floor)', floor),
      row('nearby, spatial index (kdbush, exact box search)', nearby),
      row('nearby, index, open first as the app asks', openFirst),
      row('nearby, brute-force scan (1 run)', [scanning]),
    ]);
    const ratioTo = (runs: LoadRun[]) => runs.map((run, repetition) => (100 * run.rps) / floor[repetition]!.rps);
    const ratios = ratioTo(nearby);
    console.log(`Nearby ÷ /healthz throughput: ${spread(ratios, 1)} % (min / median / max; target ≥ 50 %)`);
    // The same ratio from the server's own CPU per request: unaffected by which side limited a run.
    const cpuRatios = nearby.map((run, repetition) => (100 * floor[repetition]!.cpuMicros) / run.cpuMicros);
    console.log(`/healthz ÷ nearby server CPU per request: ${spread(cpuRatios, 1)} % (min / median / max)`);
    console.log(`Open first (as the app asks) ÷ /healthz throughput: ${spread(ratioTo(openFirst), 1)} %`);
    const repetitions = nearby.map(
      (run, repetition) =>
        `${Math.round(floor[repetition]!.rps)} and ${Math.round(run.rps)} req/s (${ratios[repetition]!.toFixed(1)} %, ` +
        `GC ${floor[repetition]!.gcShare.toFixed(1)} / ${run.gcShare.toFixed(1)} %)`,
    );
    console.log(`Each round, /healthz and nearby: ${repetitions.join('; ')}`);
    console.log(
      `Speed-up over brute force: ${(median(nearby.map((run) => run.rps)) / scanning.rps).toFixed(1)}× requests/s (target ≥ 50×)`,
    );
    console.log(`p99 with the index: ${spread(nearby.map((run) => run.p99))} ms (target < 20 ms)`);
    console.log(`p99 open first: ${spread(openFirst.map((run) => run.p99))} ms`);
    console.log(
      `Same answers: ${compared.identical}/${compared.compared} queries identical (each as given and open first) ` +
        `(${compared.results} stations compared by id, order and distance)` +
        (compared.mismatches.length ? `; differing: ${compared.mismatches.slice(0, 5).join(' ')}` : ''),
    );
  } finally {
    unpin();
    await Promise.all([indexed.stop(), bruteForce.stop()]);
  }
}
