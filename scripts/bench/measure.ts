/** Small measuring helpers shared by the benchmark parts. */
import autocannon from 'autocannon';
import { groupCpuSeconds, type GroupCpu } from './process-group';
import type { StartedBff } from './start-bff';

/** Runs `run` repeatedly for about `seconds` (after a warm-up) and reports operations per second. */
export function opsPerSecond(label: string, run: () => void, seconds = 1.5) {
  for (let i = 0; i < 200; i++) run(); // warm up
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    for (let i = 0; i < 50; i++) run();
    count += 50;
  }
  const elapsed = (performance.now() - started) / 1000;
  return { operation: label, 'ops/s': Math.round(count / elapsed), 'µs/op': +((elapsed / count) * 1e6).toFixed(1) };
}

/** A JSON request that must succeed; the error carries the method, URL, status and body. */
export async function json(url: string, init: RequestInit & { body?: string } = {}) {
  const response = await fetch(url, { ...init, headers: { 'Content-Type': 'application/json', ...init.headers } });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<any>;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export interface LoadScenario {
  /** The row's label. */
  name: string;
  method: 'GET' | 'POST';
  path: string;
  /** Sent as a bearer token when set. */
  token?: string;
  /**
   * Bearer tokens sent in turn, one per request (many members, as in production, instead of
   * one member's records contended by every connection); instead of `token`.
   */
  tokens?: string[];
  body?: string;
}

export interface LoadOptions {
  /**
   * The process group of the embedded database when it is not the BFF's own (one this process
   * started and handed to the BFF): its CPU is counted as the database's.
   */
  databaseGroup?: number;
}

/**
 * Loads each endpoint in turn (20 connections, 5 s) and reports a table row for each, with the
 * CPU a request cost the BFF and the embedded database: throughput here is mostly the
 * database's, the BFF's own cost is not.
 */
export async function loadRows(
  bff: Pick<StartedBff, 'url' | 'pid'>,
  scenarios: LoadScenario[],
  options: LoadOptions = {},
) {
  const { databaseGroup } = options;
  const databaseSeconds = (cpu: GroupCpu) =>
    cpu.database + (databaseGroup === undefined ? 0 : groupCpuSeconds(databaseGroup).database);
  const rows = [];
  for (const scenario of scenarios) {
    const before = groupCpuSeconds(bff.pid);
    const databaseBefore = databaseSeconds(before);
    const headers = { 'Content-Type': 'application/json', ...(scenario.token ? bearer(scenario.token) : {}) };
    const { tokens } = scenario;
    let next = 0;
    const result = await autocannon({
      url: bff.url + scenario.path,
      method: scenario.method,
      connections: 20,
      duration: 5,
      headers,
      body: scenario.body,
      requests: tokens && [
        {
          setupRequest: (request) => {
            request.headers = { ...headers, ...bearer(tokens[next++ % tokens.length]!) };
            return request;
          },
        },
      ],
    });
    const after = groupCpuSeconds(bff.pid);
    const databaseAfter = databaseSeconds(after);
    const requests = Math.max(1, result.requests.total);
    rows.push({
      endpoint: scenario.name,
      'req/s': Math.round(result.requests.average),
      'p50 ms': result.latency.p50,
      'p99 ms': result.latency.p99,
      errors: result.errors + result.non2xx,
      'BFF CPU µs/req': Math.round(((after.bff - before.bff) * 1e6) / requests),
      'database CPU µs/req': Math.round(((databaseAfter - databaseBefore) * 1e6) / requests),
    });
  }
  return rows;
}

/** Runs the tasks with at most `limit` in flight (a crowd of phones); results in task order. */
export async function pool<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** The p-th percentile of numbers sorted ascending (NaN when there are none). */
export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
