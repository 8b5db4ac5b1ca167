/**
 * Bad input on every operation of the contract, generated from its zod schemas (never a
 * hand-made list): whatever an attacker or a careless client sends, the answer is never a
 * 5xx, a refusal always comes in the one error shape `{ error: { code, message, requestId,
 * details? } }` worded in Chinese, and a refused request leaves the database as it was.
 */
import { createHash } from 'node:crypto';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, type Endpoint } from '@union/shared';
import { AccountModel } from '../src/modules/auth/account.model';
import { createMerchantVia, merchantBody } from '../src/modules/merchants/test-support';
import { createMember, createOrgTree, createStaff, loginStaff, loginWechat, makeIdNumber } from './fixtures';
import { startTestApi, type TestApi } from './harness';

/**
 * Violations the test still finds but that are tracked elsewhere, as exact (endpoint, kind)
 * pairs: `endpoint` is `group.name` in the contract, `kind` the probe's kind. Each entry names
 * its issue; an entry that no longer happens fails the last test, so the list only shrinks.
 */
const KNOWN_VIOLATIONS: { endpoint: string; kind: string; issue: string }[] = [];

/**
 * Collections left out of the "nothing changed" check, with the reason for each. Rate limits
 * and login budgets live in memory, request logs go to the logger, and no collection is written
 * by every request; but the background jobs renew their leases (`jobleases`) at every tick,
 * whatever the requests do.
 */
const UNCHECKED_COLLECTIONS = new Set<string>(['jobleases']);

const CHINESE = /[\u4e00-\u9fff]/;
const HUGE = 'x'.repeat(100 * 1024);
/** Past every length limit in the contract, yet under the 64 KB body limit and Node's 16 KB header limit. */
const LONG = 'x'.repeat(10 * 1024);
const NO_SUCH_ID = new Types.ObjectId().toHexString();
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const ENDPOINTS = Object.values(contract).flatMap((group) => Object.values<Endpoint>(group));

const deep = (depth: number): unknown => (depth === 0 ? 'x' : { a: deep(depth - 1) });

interface Probe {
  kind: string;
  method: string;
  /** Sent as written (with its query), so `..` and bad percent-encoding reach the server. */
  path: string;
  body?: string;
  contentType?: string;
  /** The input is invalid by the contract itself, so a 2xx would mean it was accepted. */
  mustRefuse?: boolean;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

// ---------------------------------------------------------------------------------------
// The generator: probes derived from each endpoint's path, method and JSON Schema.

interface JsonSchema {
  type?: string | string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

const jsonSchemaOf = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** Whether a schema admits a value by its JSON type (formats, lengths and patterns aside). */
function admitsType(schema: JsonSchema, value: unknown): boolean {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.some((alternative) => admitsType(alternative, value));
  if (schema.enum) return schema.enum.includes(value);
  if ('const' in schema) return schema.const === value;
  if (schema.type === undefined) return true;
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return [schema.type].flat().some((allowed) => (allowed === 'integer' ? 'number' : allowed) === type);
}

/** Values a careless or hostile client puts in a JSON field. */
function badValuesFor(field: JsonSchema): [string, unknown][] {
  const wrongType = [12345, 'abc', true].find((value) => !admitsType(field, value)) ?? [];
  return [
    ['wrong type', wrongType],
    ['null', null],
    ['huge string', HUGE],
    ['long string', LONG],
    ['deep object', deep(200)],
    ['array', [{ a: 1 }]],
    ['$gt', { $gt: '' }],
    ['$where', { $where: '1' }],
  ];
}

function bodyProbes(endpoint: Endpoint, probe: (kind: string, extra: Partial<Probe>) => Probe): Probe[] {
  // The JSON parser reads these methods' bodies only; elsewhere a malformed body is never looked at.
  const parsed = ['POST', 'PUT', 'PATCH'].includes(endpoint.method.toUpperCase());
  if (endpoint.rawBody) {
    return [
      probe('upload: empty', { body: '', contentType: endpoint.rawBody.contentTypes[0], mustRefuse: true }),
      probe('upload: text/plain', { body: 'hello', contentType: 'text/plain' }),
      probe('upload: JSON', { body: '{"$where":"1"}' }),
      probe('upload: malformed JSON', { body: '{"a":', mustRefuse: parsed }),
    ];
  }
  if (!endpoint.body) {
    return [
      probe('body: text/plain', { body: '{}', contentType: 'text/plain', mustRefuse: true }),
      probe('body: malformed JSON', { body: '{"a":', mustRefuse: parsed }),
      probe('body: unexpected', { body: '{"$where":"1","__proto__":{"isAdmin":true}}' }),
    ];
  }
  const schema = jsonSchemaOf(endpoint.body);
  const required = (schema.required ?? []).length > 0;
  const whole: [string, string, boolean][] = [
    ['empty object', '{}', required],
    ['array', '[{}]', true],
    ['null', 'null', true],
    ['string', '"x"', true],
    ['malformed JSON', '{"a":', true],
    ['deep', JSON.stringify(deep(200)), required],
    ['huge', JSON.stringify({ pad: HUGE }), true],
    ['top-level $gt', '{"$gt":""}', required],
    ['top-level $where', '{"$where":"1"}', required],
    // Written as text: an object literal's __proto__ would set the prototype, not a key.
    ['__proto__ key', '{"__proto__":{"isAdmin":true,"status":"approved"}}', required],
    ['constructor.prototype key', '{"constructor":{"prototype":{"isAdmin":true}}}', required],
  ];
  return [
    ...whole.map(([kind, body, mustRefuse]) => probe(`body: ${kind}`, { body, mustRefuse })),
    probe('body: text/plain', { body: '{}', contentType: 'text/plain', mustRefuse: true }),
    ...Object.entries(schema.properties ?? {}).flatMap(([name, field]) =>
      badValuesFor(field).map(([kind, value]) =>
        probe(`body.${name}: ${kind}`, {
          body: JSON.stringify({ [name]: value }),
          mustRefuse: !admitsType(field, value),
        }),
      ),
    ),
  ];
}

function queryProbes(endpoint: Endpoint, probe: (kind: string, extra: Partial<Probe>) => Probe, base: string) {
  const at = (query: string) => ({ path: `${base}?${query}` });
  const probes = [probe('query: unexpected keys', at('%24where=1&__proto__%5BisAdmin%5D=1&constructor.prototype=1'))];
  if (!endpoint.query) return probes;
  for (const [name, field] of Object.entries(jsonSchemaOf(endpoint.query).properties ?? {})) {
    probes.push(
      probe(`query.${name}: wrong type`, { ...at(`${name}=abc`), mustRefuse: !admitsType(field, 'abc') }),
      probe(`query.${name}: empty`, at(`${name}=`)),
      probe(`query.${name}: repeated`, at(`${name}=1&${name}=2`)),
      probe(`query.${name}: long`, at(`${name}=${LONG}`)),
      probe(`query.${name}: huge`, at(`${name}=${HUGE}`)),
      probe(`query.${name}: $gt`, at(`${name}%5B%24gt%5D=`)),
    );
  }
  return probes;
}

const BAD_PATH_VALUES: [string, string][] = [
  ['not an id', 'abc'],
  ['number', '12345'],
  ['long', 'a'.repeat(1000)],
  ['huge', 'a'.repeat(100 * 1024)],
  ['NUL', '%00'],
  ['dot-dot', '..'],
  ['encoded traversal', '..%2F..%2Fetc%2Fpasswd'],
  ['bad encoding', '%E0%A4%A'],
  ['operator', encodeURIComponent('{"$gt":""}')],
];

/** Every bad request for one endpoint. Path parameters not under test name a document that does not exist. */
function probesFor(endpoint: Endpoint): Probe[] {
  const method = endpoint.method.toUpperCase();
  const fill = (values: Record<string, string> = {}) =>
    endpoint.path.replace(/:(\w+)/g, (_, name: string) => values[name] ?? NO_SUCH_ID);
  const probe = (kind: string, extra: Partial<Probe>): Probe => ({ kind, method, path: fill(), ...extra });
  const params = [...endpoint.path.matchAll(/:(\w+)/g)].map((match) => match[1]!);
  const samePath = ENDPOINTS.filter((other) => other.path === endpoint.path).map((other) => other.method.toUpperCase());
  // Wrong methods once per path (from its first endpoint); one may reach a sibling route, so no refusal is required.
  const wrongMethods = samePath[0] === method ? METHODS.filter((other) => !samePath.includes(other)) : [];
  const required = endpoint.body ? (jsonSchemaOf(endpoint.body).required ?? []).length > 0 : false;
  return [
    // First, as it also picks the token (see tokenFor): no body, no query, a document that does not exist.
    probe('plain', { mustRefuse: required }),
    ...bodyProbes(endpoint, probe),
    ...queryProbes(endpoint, probe, fill()),
    ...params.flatMap((name) =>
      BAD_PATH_VALUES.map(([kind, value]) =>
        probe(`path.${name}: ${kind}`, { path: fill({ [name]: value }), mustRefuse: true }),
      ),
    ),
    ...wrongMethods.map((other) => ({ kind: `method ${other}`, method: other, path: fill() })),
  ];
}

// ---------------------------------------------------------------------------------------
// Sending, checking and the database snapshot.

let api: TestApi;
const agent = new Agent({ keepAlive: true, maxSockets: 8 });

/** node:http, because fetch normalises `..` away: the path goes out exactly as written. */
function send(probe: Probe, token: string | undefined): Promise<Answer> {
  const url = new URL(api.url);
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (probe.body !== undefined) {
    headers['Content-Type'] = probe.contentType ?? 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(probe.body));
  }
  return new Promise((resolve) => {
    const failed = (error: Error) => resolve({ status: 0, headers: {}, text: `no answer: ${error.message}` });
    try {
      const req = httpRequest(
        { host: url.hostname, port: url.port, method: probe.method, path: probe.path, headers, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }),
          );
          res.on('error', failed);
        },
      );
      req.setTimeout(15_000, () => req.destroy(new Error('timed out')));
      req.on('error', failed);
      req.end(probe.body);
    } catch (error) {
      failed(error as Error);
    }
  });
}

const ErrorShape = z.strictObject({
  error: z.strictObject({
    code: z.string().min(1),
    message: z.string().regex(CHINESE),
    requestId: z.string().min(1),
    details: z.array(z.strictObject({ path: z.string(), message: z.string().regex(CHINESE) })).optional(),
  }),
});

/**
 * An endpoint whose callers speak their own protocol declares its refusal body in the contract
 * (WeChat Pay's `{ code: 'FAIL', message }`); the message must still be Chinese.
 */
function declaredRefusal(endpoint: Endpoint, body: unknown): boolean {
  if (!endpoint.errorBody || !endpoint.errorBody.schema.safeParse(body).success) return false;
  return CHINESE.test(String((body as { message?: unknown }).message ?? ''));
}

/** What is wrong with an answer, by the product's rules; empty when nothing is. */
function problemsWith(endpoint: Endpoint, probe: Probe, answer: Answer): string[] {
  if (answer.status === 0) return ['no answer'];
  if (answer.status >= 500) return [`${answer.status}`];
  if (answer.status < 300) return probe.mustRefuse ? ['invalid input accepted'] : [];
  if (!/^application\/json/.test(answer.headers['content-type'] ?? '')) return ['refusal is not JSON'];
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return ['refusal is not valid JSON'];
  }
  if (declaredRefusal(endpoint, body)) return [];
  const shape = ErrorShape.safeParse(body);
  if (!shape.success) {
    const wrong = shape.error.issues.map((issue) => issue.path.join('.') || '(body)');
    return [`not the error shape, or not Chinese: ${wrong.join(', ')}`];
  }
  if (shape.data.error.requestId !== answer.headers['x-request-id']) return ['requestId is not the X-Request-Id'];
  return [];
}

/**
 * Count and hash of each collection's documents, by name. The collections are those of the
 * mongoose models: the embedded database has no listCollections, and the BFF writes through
 * its models only (the native driver is used for a ping, never a write).
 */
async function snapshot(): Promise<Map<string, string>> {
  const state = new Map<string, string>();
  const collections = new Map(Object.values(mongoose.models).map((model) => [model.collection.name, model.collection]));
  for (const collection of collections.values()) {
    if (UNCHECKED_COLLECTIONS.has(collection.collectionName)) continue;
    const documents = (await collection.find({}).toArray()).map((document) => JSON.stringify(document)).sort();
    const hash = createHash('sha256').update(documents.join('\n')).digest('hex');
    state.set(collection.collectionName, `${documents.length} documents, ${hash.slice(0, 12)}`);
  }
  return state;
}

function changedCollections(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}

async function inPool<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: size }, worker));
  return results;
}

// ---------------------------------------------------------------------------------------
// The world: a bound member, a city-wide union_admin and a merchant's clerk.

let memberToken: string;
let staffTokens: string[];

beforeAll(async () => {
  api = await startTestApi({ RATE_LIMIT_SCALE: '1000' });
  const orgs = await createOrgTree();
  const person = { name: '林小雨', idNumber: makeIdNumber('330106', '19910412', '357'), mobile: '13900004321' };
  await createMember(api.running.runtime.cipher, orgs.xihuTech, person);
  memberToken = (await loginWechat(api, 'wx-bad-input')).token;
  const bound = await api.request('POST', '/api/membership/bind', { token: memberToken, body: person });
  expect(bound.status, JSON.stringify(bound.body)).toBe(200);
  await createStaff('bad_input_city', [{ role: 'union_admin', org: orgs.city }]);
  const cityToken = await loginStaff(api, 'bad_input_city');
  const merchant = await createMerchantVia(api, cityToken, merchantBody(orgs.xihu.id));
  await createStaff('bad_input_clerk', [{ role: 'merchant_staff', org: orgs.xihu }]);
  await AccountModel.updateOne({ username: 'bad_input_clerk' }, { $set: { merchantId: merchant.id } });
  staffTokens = [cityToken, await loginStaff(api, 'bad_input_clerk')];
});
afterAll(async () => {
  agent.destroy();
  await api.stop();
});

interface Violation {
  endpoint: string;
  kind: string;
  problem: string;
}

const describeAnswer = (answer: Answer) => `${answer.status} ${answer.text.slice(0, 200)}`;

/**
 * The token that gets past authentication and roles to validation: the member's for member
 * and public routes, for staff routes the first staff account not refused with 401/403.
 */
async function tokenFor(endpoint: Endpoint, reach: Probe): Promise<string> {
  if (endpoint.access !== 'staff') return memberToken;
  for (const token of staffTokens) {
    if (![401, 403].includes((await send(reach, token)).status)) return token;
  }
  return staffTokens[0]!;
}

async function probeEndpoint(name: string, endpoint: Endpoint): Promise<Violation[]> {
  const probes = probesFor(endpoint);
  const before = await snapshot();
  const token = await tokenFor(endpoint, probes[0]!);
  const answers = await inPool(probes, 6, (probe) => send(probe, token));
  const violations = probes.flatMap((probe, index) =>
    problemsWith(endpoint, probe, answers[index]!).map((problem) => ({
      endpoint: name,
      kind: probe.kind,
      problem: `${problem} — ${describeAnswer(answers[index]!)}`,
    })),
  );
  if (changedCollections(before, await snapshot()).length > 0) {
    // Something changed: send the probes again one at a time to find which refused request did it.
    for (const probe of probes) {
      const prior = await snapshot();
      const answer = await send(probe, token);
      const changed = changedCollections(prior, await snapshot());
      if (changed.length > 0 && (answer.status < 200 || answer.status >= 300)) {
        violations.push({
          endpoint: name,
          kind: probe.kind,
          problem: `refused, yet changed ${changed.join(', ')} — ${describeAnswer(answer)}`,
        });
      }
    }
  }
  return violations;
}

const isKnown = (violation: Violation) =>
  KNOWN_VIOLATIONS.some((known) => known.endpoint === violation.endpoint && known.kind === violation.kind);
const seen: Violation[] = [];
const format = (violation: Violation) => `${violation.endpoint} [${violation.kind}] ${violation.problem}`;

describe('bad input on every endpoint of the contract', () => {
  for (const [group, endpoints] of Object.entries(contract)) {
    it(`answers bad input to ${group} safely, in the error shape, in Chinese, changing nothing`, async () => {
      const found: Violation[] = [];
      for (const [name, endpoint] of Object.entries<Endpoint>(endpoints)) {
        found.push(...(await probeEndpoint(`${group}.${name}`, endpoint)));
      }
      seen.push(...found);
      expect(found.filter((violation) => !isKnown(violation)).map(format)).toEqual([]);
    }, 120_000);
  }

  it('notices a change in the database (the check above is not blind)', async () => {
    const before = await snapshot();
    await loginStaff(api, 'bad_input_city'); // a login stores a refresh token
    expect(changedCollections(before, await snapshot())).toEqual(['refreshtokens']);
  });

  it('lists only known violations that still happen', () => {
    const stale = KNOWN_VIOLATIONS.filter(
      (known) => !seen.some((violation) => violation.endpoint === known.endpoint && violation.kind === known.kind),
    );
    expect(stale).toEqual([]);
  });
});
