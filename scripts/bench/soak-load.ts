/**
 * Open-loop load: requests leave at a fixed rate whatever the server does, as phones would,
 * and each latency is counted from the moment its request was due, not from when a free
 * connection let it go. A slow server therefore shows as slow (and as requests piling up in
 * flight) instead of quietly lowering the rate, which a closed loop of N connections would do.
 */
import { createRandom, type Random } from '../../bff/src/seeded-random';

export interface SoakRequest {
  method: 'GET' | 'POST';
  path: string;
  token?: string;
  body?: unknown;
}

export interface SoakEndpoint {
  /** The row's label. */
  name: string;
  /** Its share of the arrivals. */
  weight: number;
  make(random: Random): SoakRequest;
  /** Statuses that are the business's answer rather than a failure (a sold-out coupon's 409). */
  businessStatuses?: number[];
}

export interface EndpointTally {
  latencies: number[];
  ok: number;
  /** Expected refusals by `status code`, e.g. `409 sold_out`. */
  business: Map<string, number>;
  /** 5xx, 429, network errors, timeouts, any unexpected status, by kind. */
  errors: Map<string, number>;
}

/** What happened during one reporting interval (a minute by default), for the progress line. */
export interface IntervalTally {
  requests: number;
  errors: number;
  /** Errors of this interval by kind ('503 database_unavailable', 'timeout 15000 ms', …). */
  errorKinds: Map<string, number>;
  latencies: number[];
}

export interface LoadOptions {
  url: string;
  rate: number;
  durationMs: number;
  mix: SoakEndpoint[];
  seed?: number;
  timeoutMs?: number;
  /** Beyond this many requests in flight an arrival is dropped and counted as an error (the server is not keeping up). */
  maxInFlight?: number;
  intervalMs?: number;
  onInterval?: (index: number, tally: IntervalTally, elapsedMs: number) => void;
}

const bump = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

function weightedPicker(mix: SoakEndpoint[], random: Random) {
  const total = mix.reduce((sum, endpoint) => sum + endpoint.weight, 0);
  return () => {
    let target = random.next() * total;
    for (const endpoint of mix) {
      target -= endpoint.weight;
      if (target < 0) return endpoint;
    }
    return mix[mix.length - 1]!;
  };
}

async function errorCode(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { code?: string } };
    return body.error?.code ?? '';
  } catch {
    return '';
  }
}

export async function runOpenLoop(options: LoadOptions): Promise<Map<string, EndpointTally>> {
  const { url, rate, durationMs, mix, timeoutMs = 15_000, maxInFlight = 1000, intervalMs = 60_000 } = options;
  const random = createRandom(options.seed ?? 2026);
  const pick = weightedPicker(mix, random);
  const tallies = new Map<string, EndpointTally>(
    mix.map((endpoint) => [endpoint.name, { latencies: [], ok: 0, business: new Map(), errors: new Map() }]),
  );
  const intervals: IntervalTally[] = [];
  const intervalAt = (elapsed: number) => {
    const index = Math.floor(elapsed / intervalMs);
    while (intervals.length <= index) intervals.push({ requests: 0, errors: 0, errorKinds: new Map(), latencies: [] });
    return intervals[index]!;
  };
  let inFlight = 0;
  const pending = new Set<Promise<void>>();
  const started = performance.now();

  const send = async (endpoint: SoakEndpoint, dueAt: number) => {
    const tally = tallies.get(endpoint.name)!;
    const interval = intervalAt(dueAt - started);
    interval.requests += 1;
    const fail = (kind: string) => {
      bump(tally.errors, kind);
      bump(interval.errorKinds, `${endpoint.name}: ${kind}`);
      interval.errors += 1;
    };
    if (inFlight >= maxInFlight) return fail(`dropped: over ${maxInFlight} in flight`);
    const request = endpoint.make(random);
    inFlight += 1;
    try {
      const response = await fetch(url + request.path, {
        method: request.method,
        headers: {
          ...(request.token ? { Authorization: `Bearer ${request.token}` } : {}),
          ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (response.ok) await response.arrayBuffer();
      const latency = performance.now() - dueAt;
      if (response.ok) {
        tally.ok += 1;
        tally.latencies.push(latency);
        interval.latencies.push(latency);
      } else if (endpoint.businessStatuses?.includes(response.status)) {
        bump(tally.business, `${response.status} ${await errorCode(response)}`);
        tally.latencies.push(latency);
        interval.latencies.push(latency);
      } else {
        fail(`${response.status} ${await errorCode(response)}`);
      }
    } catch (caught) {
      const error = caught as Error & { cause?: { code?: string } };
      fail(error.name === 'TimeoutError' ? `timeout ${timeoutMs} ms` : (error.cause?.code ?? error.message));
    } finally {
      inFlight -= 1;
    }
  };

  const total = Math.floor((rate * durationMs) / 1000);
  let sent = 0;
  let reported = 0;
  while (sent < total) {
    const elapsed = performance.now() - started;
    // Every arrival already due leaves now, even if the timer woke late.
    const due = Math.min(total, Math.floor((elapsed * rate) / 1000) + 1);
    for (; sent < due; sent++) {
      const task = send(pick(), started + (sent * 1000) / rate);
      pending.add(task);
      void task.finally(() => pending.delete(task));
    }
    // Report an interval once its last arrivals have had the timeout to answer.
    while (options.onInterval && (reported + 1) * intervalMs + timeoutMs <= elapsed) {
      options.onInterval(reported, intervalAt(reported * intervalMs), (reported + 1) * intervalMs);
      reported += 1;
    }
    const nextDue = started + (sent * 1000) / rate;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextDue - performance.now())));
  }
  await Promise.all(pending);
  for (; options.onInterval && reported < intervals.length; reported++) {
    options.onInterval(reported, intervals[reported]!, Math.min(durationMs, (reported + 1) * intervalMs));
  }
  return tallies;
}
