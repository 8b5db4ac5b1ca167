/**
 * `pnpm bench soak`: a mixed load at a steady rate for a long time (20 minutes by default) on
 * the real BFF in its own process: riders searching stations, members opening their card,
 * vouchers and offers, claiming coupons (which sell out), signing up for activities and
 * checking in at stations, staff reading their queues. It prints throughput, p50/p99 and
 * errors per endpoint, and the BFF's resident memory at start, middle and end, and fails
 * (exit code 1) on any error or when memory grows beyond the stated bound.
 *
 * Settings (environment): SOAK_MINUTES (default 20), SOAK_RATE requests per second
 * (default 8), SOAK_MEMBERS (default 600), SOAK_STATIONS (default 1000); MONGODB_URI runs it
 * on a real MongoDB instead of the embedded one. The defaults are what the embedded database
 * sustains for 20 minutes: every write there copies its whole collection (a write to a
 * 3,000-document collection takes ~120 ms, to a 300-document one ~2 ms), so a heavier mix
 * measures the embedded database, not the BFF.
 */
import { randomUUID } from 'node:crypto';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../bff/src/db/embedded-mongo';
import { largestCollections } from '../../bff/test/collection-sizes';
import { percentile } from './measure';
import { pickCity, buildSoakScene, type SoakScene } from './soak-scene';
import { runOpenLoop, type EndpointTally, type SoakEndpoint } from './soak-load';
import { bffMemory, rssVerdict, type MemorySample, RSS_BOUND } from './soak-memory';
import { startBff } from './start-bff';
import { gaussian, offsetKm } from '../../bff/src/modules/stations/generated-stations';

const numberSetting = (name: string, fallback: number, max: number) => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max) throw new Error(`${name} must be a number in (0, ${max}]`);
  return value;
};

/** Sessions last an hour (ACCESS_TOKEN_TTL_SECONDS's maximum) and the soak does not refresh them. */
const MAX_MINUTES = 50;
const TOKEN_TTL = { ACCESS_TOKEN_TTL_SECONDS: '3600' };
const SAMPLE_EVERY_MS = 5000;

const pickOf =
  <T>(items: readonly T[]) =>
  (random: { pick<U>(items: readonly U[]): U }) =>
    random.pick(items);

/** The arrivals' mix, by share: mostly riders looking for a station, as in the mini-program's traffic. */
function soakMix(scene: SoakScene): SoakEndpoint[] {
  const member = pickOf(scene.memberTokens);
  return [
    {
      name: 'GET /api/stations/nearby',
      weight: 40,
      make: (random) => {
        const city = pickCity(random);
        const at = offsetKm(city, Math.abs(gaussian(random)) * city.spreadKm, random.next() * 2 * Math.PI);
        const radius = random.pick([3000, 5000, 5000, 10_000]);
        const filters =
          (random.chance(0.3) ? '&amenities=drinking_water' : '') + (random.chance(0.3) ? '&openNow=true' : '');
        return {
          method: 'GET',
          path: `/api/stations/nearby?lat=${at.lat.toFixed(6)}&lng=${at.lng.toFixed(6)}&radius=${radius}&limit=20${filters}`,
        };
      },
    },
    {
      name: 'GET /api/card',
      weight: 12,
      make: (random) => ({ method: 'GET', path: '/api/card', token: member(random) }),
    },
    {
      name: 'POST /api/card/qr',
      weight: 5,
      make: (random) => ({ method: 'POST', path: '/api/card/qr', token: member(random) }),
    },
    {
      name: 'GET /api/benefits/vouchers',
      weight: 8,
      make: (random) => ({ method: 'GET', path: '/api/benefits/vouchers?view=unused', token: member(random) }),
    },
    {
      name: 'GET /api/benefits/offers',
      weight: 6,
      make: (random) => ({ method: 'GET', path: '/api/benefits/offers?lat=30.28&lng=120.13', token: member(random) }),
    },
    {
      name: 'POST /api/benefits/offers/:id/claims',
      weight: 8,
      businessStatuses: [409],
      make: (random) => ({
        method: 'POST',
        path: `/api/benefits/offers/${random.pick(scene.offerIds)}/claims`,
        token: member(random),
        body: { requestId: randomUUID() },
      }),
    },
    {
      name: 'POST /api/activities/:id/entries',
      weight: 5,
      businessStatuses: [409],
      make: (random) => ({
        method: 'POST',
        path: `/api/activities/${random.pick(scene.activityIds)}/entries`,
        token: member(random),
        body: { groupId: 'open', requestId: randomUUID() },
      }),
    },
    {
      name: 'POST /api/station-check-ins',
      weight: 10,
      make: (random) => ({
        method: 'POST',
        path: '/api/station-check-ins',
        token: member(random),
        body: { stationCode: random.pick(scene.stations).code },
      }),
    },
    {
      name: 'GET /api/staff/workbench',
      weight: 1,
      make: (random) => ({
        method: 'GET',
        path: '/api/staff/workbench',
        token: random.pick([scene.officeToken, scene.keeperToken]),
      }),
    },
    {
      name: 'GET /api/staff/activities/:id/entries',
      weight: 3,
      make: (random) => ({
        method: 'GET',
        path: `/api/staff/activities/${random.pick(scene.activityIds)}/entries`,
        token: scene.officeToken,
      }),
    },
    {
      name: 'GET /api/admin/offers',
      weight: 2,
      make: () => ({ method: 'GET', path: '/api/admin/offers', token: scene.officeToken }),
    },
  ];
}

const ms = (value: number) => (Number.isNaN(value) ? '-' : Math.round(value));
const sum = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

function endpointRows(tallies: Map<string, EndpointTally>, seconds: number) {
  const rows = [];
  const all: number[] = [];
  let requests = 0;
  let business = 0;
  let errors = 0;
  for (const [name, tally] of tallies) {
    const sorted = [...tally.latencies].sort((a, b) => a - b);
    all.push(...sorted);
    const count = tally.ok + sum(tally.business) + sum(tally.errors);
    requests += count;
    business += sum(tally.business);
    errors += sum(tally.errors);
    rows.push({
      endpoint: name,
      requests: count,
      'req/s': +(count / seconds).toFixed(1),
      '2xx': tally.ok,
      'expected 409': sum(tally.business),
      'p50 ms': ms(percentile(sorted, 50)),
      'p99 ms': ms(percentile(sorted, 99)),
      errors: sum(tally.errors),
    });
  }
  all.sort((a, b) => a - b);
  rows.push({
    endpoint: 'all',
    requests,
    'req/s': +(requests / seconds).toFixed(1),
    '2xx': requests - business - errors,
    'expected 409': business,
    'p50 ms': ms(percentile(all, 50)),
    'p99 ms': ms(percentile(all, 99)),
    errors,
  });
  return { rows, errors };
}

function breakdown(tallies: Map<string, EndpointTally>, pick: (tally: EndpointTally) => Map<string, number>) {
  const lines: string[] = [];
  for (const [name, tally] of tallies) {
    for (const [kind, count] of pick(tally)) lines.push(`  ${name}: ${kind} × ${count}`);
  }
  return lines;
}

/** One request of each kind must pass before the clock starts: a broken scene fails in seconds, not after 20 minutes. */
async function preflight(url: string, mix: SoakEndpoint[]) {
  const { createRandom } = await import('../../bff/src/seeded-random');
  const random = createRandom(1);
  for (const endpoint of mix) {
    const request = endpoint.make(random);
    const response = await fetch(url + request.path, {
      method: request.method,
      headers: {
        ...(request.token ? { Authorization: `Bearer ${request.token}` } : {}),
        ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    const text = await response.text();
    if (!response.ok && !endpoint.businessStatuses?.includes(response.status)) {
      throw new Error(`soak preflight ${endpoint.name}: ${response.status} ${text.slice(0, 300)}`);
    }
  }
}

export async function soakBench() {
  const minutes = numberSetting('SOAK_MINUTES', 20, MAX_MINUTES);
  const rate = numberSetting('SOAK_RATE', 8, 2000);
  const sizes = {
    stations: numberSetting('SOAK_STATIONS', 1000, 100_000),
    members: numberSetting('SOAK_MEMBERS', 600, 50_000),
    offers: 12,
    stockPerOffer: 150,
    activities: 8,
    placesPerActivity: 150,
  };
  const durationMs = minutes * 60_000;
  // A real MongoDB when given (the scene goes into a database of its own there); else the embedded one.
  const external = process.env.MONGODB_URI;
  const embedded: EmbeddedMongo = external ? { uri: external, stop: async () => {} } : await startEmbeddedMongo();
  const dbName = `soak_${Date.now()}`;
  let started = performance.now();
  const scene = await buildSoakScene({ embedded, dbName }, sizes, TOKEN_TTL);
  const setupSeconds = (performance.now() - started) / 1000;
  const databaseUri = new URL(embedded.uri);
  databaseUri.pathname = `/${dbName}`;
  // What production runs: limits at their real size kept in the database, no per-answer contract check.
  const bff = await startBff({
    ...TOKEN_TTL,
    MONGODB_URI: databaseUri.toString(),
    SEED_DEMO_DATA: 'false',
    CHECK_RESPONSES: 'false',
    RATE_LIMIT_SCALE: '1',
    RATE_LIMIT_STORE: 'mongo',
  });
  const samples: MemorySample[] = [];
  let sampler: NodeJS.Timeout | undefined;
  try {
    const mix = soakMix(scene);
    await preflight(bff.url, mix);
    const idle = await bffMemory(bff.url, 0);
    console.log(
      `\nSoak: ${minutes} min at ${rate} requests/s (open loop), BFF in its own process on ${external ? 'MONGODB_URI' : 'the embedded database'}; ` +
        `scene: ${sizes.stations} stations, ${sizes.members} bound members, ${sizes.offers} coupons × ${sizes.stockPerOffer} stock, ` +
        `${sizes.activities} activities × ${sizes.placesPerActivity} places (built in ${setupSeconds.toFixed(0)} s); ` +
        `BFF RSS idle ${idle.rssMb} MB`,
    );
    started = performance.now();
    sampler = setInterval(() => {
      bffMemory(bff.url, performance.now() - started).then(
        (sample) => samples.push(sample),
        () => {}, // a missed sample is not a finding; the request errors are counted by the load itself
      );
    }, SAMPLE_EVERY_MS);
    const tallies = await runOpenLoop({
      url: bff.url,
      rate,
      durationMs,
      mix,
      intervalMs: Math.min(60_000, durationMs / 4),
      onInterval: (index, tally, elapsedMs) => {
        const sorted = tally.latencies.sort((a, b) => a - b);
        const last = samples.at(-1);
        console.log(
          `  to ${(elapsedMs / 60_000).toFixed(1)} min: ${tally.requests} requests, ` +
            `p50 ${ms(percentile(sorted, 50))} ms, p99 ${ms(percentile(sorted, 99))} ms, errors ${tally.errors}` +
            (last ? `, BFF RSS ${last.rssMb} MB, heap ${last.heapMb} MB` : ''),
        );
        // Which errors, while it is happening: a long run that goes wrong early says so early.
        for (const [kind, count] of tally.errorKinds) console.log(`    ${kind} × ${count}`);
      },
    });
    clearInterval(sampler);
    const seconds = durationMs / 1000;
    const { rows, errors } = endpointRows(tallies, seconds);
    console.table(rows);
    const business = breakdown(tallies, (tally) => tally.business);
    if (business.length) console.log(`Expected business answers (not errors):\n${business.join('\n')}`);
    const failures = breakdown(tallies, (tally) => tally.errors);
    if (failures.length) console.log(`Errors:\n${failures.join('\n')}`);

    // The embedded database slows as collections grow: show which ones did.
    console.table(await largestCollections(embedded.uri, dbName));
    const memory = rssVerdict(samples, durationMs);
    console.table(memory.rows);
    console.log(`Memory bound: ${RSS_BOUND}. ${memory.ok ? 'Held' : 'BROKEN'}: ${memory.detail}`);
    console.log(
      'Note: numbers from a shared 2-core machine with the embedded in-memory database (jongodb), ' +
        'whose writes slow as collections grow; they are pessimistic for production MongoDB.',
    );
    if (errors > 0 || !memory.ok) {
      console.error(`Soak FAILED: ${errors} errors${memory.ok ? '' : ', memory bound broken'}`);
      process.exitCode = 1;
    }
  } finally {
    clearInterval(sampler);
    await bff.stop();
    await embedded.stop();
  }
}
