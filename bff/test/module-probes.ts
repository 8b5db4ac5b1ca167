/**
 * The machinery of a module's bad-input test: each probe starts from a request the contract
 * accepts and breaks one thing; `runProbes` sends them and reports every answer that is not a
 * 4xx in the one error shape with a Chinese message naming the field at fault, and every probe
 * that changed the database. The modules' tests (activities, contests, quizzes) supply the
 * well-formed requests and what to break.
 */
import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { z } from 'zod';
import type { Endpoint } from '@union/shared';

export const CHINESE = /[\u4e00-\u9fff]/;
export const LONG = 'x'.repeat(10_000);

export interface ModuleProbe {
  kind: string;
  params: Record<string, string>;
  query?: Record<string, string>;
  /** Omitted: no body at all. */
  body?: unknown;
  /** Sent as it is, with its content type (an upload, a malformed body). */
  rawBody?: { bytes: Buffer; contentType: string };
  /** Odd but within the contract: it may be accepted and do its work (so change things), yet never with a 5xx. */
  edge?: boolean;
  /** Another caller than the endpoint's usual one. */
  token?: () => string;
  /** Statuses the product should answer; default any 4xx. */
  expect?: number[];
  /** A validation refusal must name a field starting with this path. */
  field?: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Paths of every value in `value`, objects and arrays included (not the root). */
export function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

/** A copy of `body` with the value at `path` replaced. */
export function withValue(body: unknown, path: string[], value: unknown): unknown {
  const copy = clone(body) as Record<string, Json>;
  let node: Record<string, Json> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, Json>;
  node[path.at(-1)!] = value as Json;
  return copy;
}

const ErrorShape = z.strictObject({
  error: z.strictObject({
    code: z.string().min(1),
    message: z.string().regex(CHINESE),
    requestId: z.string().min(1),
    details: z.array(z.strictObject({ path: z.string(), message: z.string().regex(CHINESE) })).optional(),
  }),
});

interface Answer {
  status: number;
  text: string;
}

function urlOf(endpoint: Endpoint, probe: ModuleProbe): string {
  const path = endpoint.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(probe.params[name] ?? ''));
  const query = new URLSearchParams(probe.query ?? {}).toString();
  return query ? `${path}?${query}` : path;
}

async function send(baseUrl: string, endpoint: Endpoint, probe: ModuleProbe, token: string): Promise<Answer> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  let body: string | Buffer | undefined;
  if (probe.rawBody) {
    headers['Content-Type'] = probe.rawBody.contentType;
    body = probe.rawBody.bytes;
  } else if (probe.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(probe.body);
  }
  const response = await fetch(baseUrl + urlOf(endpoint, probe), {
    method: endpoint.method.toUpperCase(),
    headers,
    body,
  });
  return { status: response.status, text: await response.text() };
}

/**
 * What is wrong with the answer to a probe; empty when nothing is. With `mayAccept`, a probe
 * naming no expected status may be accepted (a lenient reading of a harmless oddity).
 */
function problemsWith(probe: ModuleProbe, answer: Answer, mayAccept: boolean): string[] {
  const expected = probe.expect ?? [];
  if (answer.status >= 500) return [`${answer.status}`];
  if (probe.edge) return [];
  if (answer.status < 400) return mayAccept && expected.length === 0 ? [] : ['accepted'];
  if (expected.length > 0 && !expected.includes(answer.status)) return [`${answer.status}, expected ${expected}`];
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.text);
  } catch {
    return ['refusal is not JSON'];
  }
  const shape = ErrorShape.safeParse(parsed);
  if (!shape.success) return ['not the error shape, or not Chinese'];
  const { code, details } = shape.data.error;
  if (code === 'validation_failed' && !details?.length) return ['validation refusal names no field'];
  if (probe.field && (answer.status === 400 || details)) {
    const named = details?.some(
      (detail) =>
        detail.path === probe.field ||
        detail.path.startsWith(`${probe.field}.`) ||
        probe.field!.startsWith(`${detail.path}.`),
    );
    if (!named) return [`no detail for ${probe.field}`];
  }
  return [];
}

/**
 * Derived state the figures job rewrites on its own clock (it settles marks left by the setup
 * while the probes run); a mark by itself changes no figure, a recount gives the same value.
 * And the background jobs' leases, renewed at every tick whatever the requests do.
 */
const DERIVED_COLLECTIONS = new Set(['figurecounters', 'figuremarks', 'jobleases']);

/** A hash of every collection of every registered model, derived ones aside. */
async function snapshot(): Promise<Map<string, string>> {
  const state = new Map<string, string>();
  const collections = new Map(Object.values(mongoose.models).map((model) => [model.collection.name, model.collection]));
  for (const [name, collection] of collections) {
    if (DERIVED_COLLECTIONS.has(name)) continue;
    const documents = (await collection.find({}).toArray()).map((document) => JSON.stringify(document)).sort();
    state.set(name, createHash('sha256').update(documents.join('\n')).digest('hex'));
  }
  return state;
}

const changed = (before: Map<string, string>, after: Map<string, string>) =>
  [...new Set([...before.keys(), ...after.keys()])].filter((name) => before.get(name) !== after.get(name));

/**
 * Sends the edge probes first (they may do their work), then the refusals, and reports each
 * problem as `[kind] problem — answer`. If the refusals changed the database, they are sent
 * again one at a time to name the probe that did it.
 */
export async function runProbes(
  baseUrl: string,
  endpoint: Endpoint,
  probes: ModuleProbe[],
  token: string,
  { mayAccept = false }: { mayAccept?: boolean } = {},
): Promise<string[]> {
  const found: string[] = [];
  const sendAndCheck = async (probe: ModuleProbe) => {
    const answer = await send(baseUrl, endpoint, probe, probe.token?.() ?? token);
    for (const problem of problemsWith(probe, answer, mayAccept)) {
      found.push(`[${probe.kind}] ${problem} — ${answer.text.slice(0, 160)}`);
    }
  };
  for (const probe of probes.filter((each) => each.edge)) await sendAndCheck(probe);
  const refusals = probes.filter((probe) => !probe.edge);
  const before = await snapshot();
  for (const probe of refusals) await sendAndCheck(probe);
  const touchedByAll = changed(before, await snapshot());
  if (touchedByAll.length > 0) {
    const named = found.length;
    for (const probe of refusals) {
      const prior = await snapshot();
      await send(baseUrl, endpoint, probe, probe.token?.() ?? token);
      const touched = changed(prior, await snapshot());
      if (touched.length > 0) found.push(`[${probe.kind}] changed ${touched.join(', ')}`);
    }
    if (found.length === named) found.push(`the refusals changed ${touchedByAll.join(', ')}`);
  }
  return found;
}
