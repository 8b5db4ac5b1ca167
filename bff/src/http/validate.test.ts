import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AidProgrammeInputSchema,
  contract,
  AidStatusSchema,
  CouponTermsSchema,
  CursorPageQuerySchema,
  DateTimeSchema,
  NearbyStationsQuerySchema,
  OkSchema,
  PasswordLoginRequestSchema,
} from '@union/shared';
import searchParams from 'koa/lib/search-params.js';
import { problemsOf, validate, type QueryReading } from './validate';

const CHINESE = /[\u4e00-\u9fff]/;
const ZOD_ENGLISH = /Invalid|expected|received|Too (big|small)|Unrecognized/i;

/** The field problems a client would receive for `input` against `schema`. */
function problems(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the input to be rejected');
  return problemsOf(result.error).map((problem, index) => ({ ...problem, code: result.error.issues[index]!.code }));
}

function expectReadableChinese(found: { path: string; message: string }[]) {
  expect(found.length).toBeGreaterThan(0);
  for (const problem of found) {
    expect(problem.message, `${problem.path}: ${problem.message}`).toMatch(CHINESE);
    expect(problem.message, `${problem.path}: ${problem.message}`).not.toMatch(ZOD_ENGLISH);
    expect(problem.message).not.toMatch(/^[\x20-\x7e]*$/);
  }
}

// Every issue kind the contract can produce, each by a rule that sets no message of its own.
const cases: { name: string; code: string; schema: z.ZodType; input: unknown }[] = [
  { name: 'missing field', code: 'invalid_type', schema: PasswordLoginRequestSchema, input: { password: 'x' } },
  {
    name: 'wrong type',
    code: 'invalid_type',
    schema: PasswordLoginRequestSchema,
    input: { username: 5, password: 'x' },
  },
  { name: 'null where an object belongs', code: 'invalid_type', schema: PasswordLoginRequestSchema, input: null },
  {
    name: 'not an integer',
    code: 'invalid_type',
    schema: NearbyStationsQuerySchema,
    input: { lat: '30', lng: '120', limit: '1.5' },
  },
  { name: 'string too long', code: 'too_big', schema: CursorPageQuerySchema, input: { cursor: 'x'.repeat(65) } },
  { name: 'string too short', code: 'too_small', schema: z.string().min(3), input: 'ab' },
  {
    name: 'number too small',
    code: 'too_small',
    schema: NearbyStationsQuerySchema,
    input: { lat: '30', lng: '120', limit: '0' },
  },
  {
    name: 'number too big',
    code: 'too_big',
    schema: AidProgrammeInputSchema,
    input: {
      name: '金秋助学',
      year: 2100,
      orgId: '507f1f77bcf86cd799439011',
      applyFrom: '2025-07-01',
      applyTo: '2025-08-01',
      tiers: [{ educationLevel: 'undergraduate', amountFen: 100 }],
      eligibility: {
        minMembershipMonths: 601,
        admissionYear: 2025,
        hardshipCategories: [],
        perCapitaMonthlyIncomeCeilingFen: null,
      },
      requiredDocuments: [],
      reviewChain: ['grassroots'],
      noticeDays: 31,
    },
  },
  {
    name: 'array too long',
    code: 'too_big',
    schema: z.object({ items: z.array(z.string()).max(2) }),
    input: { items: ['a', 'b', 'c'] },
  },
  { name: 'array too short', code: 'too_small', schema: z.array(z.string()).min(2), input: ['a'] },
  { name: 'ISO datetime', code: 'invalid_format', schema: DateTimeSchema, input: '2025-13-01 25:00' },
  { name: 'ISO date', code: 'invalid_format', schema: z.iso.date(), input: '2025/01/01' },
  { name: 'regex', code: 'invalid_format', schema: z.string().regex(/^\d+$/), input: 'abc' },
  { name: 'email', code: 'invalid_format', schema: z.email(), input: 'not-an-email' },
  { name: 'enum option', code: 'invalid_value', schema: AidStatusSchema, input: 'nonsense' },
  { name: 'literal', code: 'invalid_value', schema: OkSchema, input: { ok: false } },
  {
    name: 'strict object',
    code: 'unrecognized_keys',
    schema: z.strictObject({ a: z.string() }),
    input: { a: 'x', b: 1 },
  },
  { name: 'union', code: 'invalid_union', schema: z.union([z.string(), z.number()]), input: true },
  {
    name: 'discriminated union member',
    code: 'invalid_type',
    schema: CouponTermsSchema,
    input: { type: 'discount', payPercent: 50.5 },
  },
  { name: 'refinement without a message', code: 'custom', schema: z.string().refine((v) => v === 'ok'), input: 'no' },
  { name: 'record key', code: 'invalid_key', schema: z.record(z.string().min(2), z.number()), input: { b: 1 } },
  { name: 'multiple of', code: 'not_multiple_of', schema: z.number().multipleOf(5), input: 7 },
];

describe('field problems sent to clients', () => {
  it.each(cases)('$name ($code) reads as Chinese', ({ schema, input, code }) => {
    const found = problems(schema, input);
    expect(found.map((problem) => problem.code)).toContain(code);
    expectReadableChinese(found);
  });

  it('words the common rules plainly', () => {
    expect(problems(PasswordLoginRequestSchema, { password: 'x' })).toEqual([
      { path: 'username', message: '请填写此项', code: 'invalid_type' },
    ]);
    expect(problems(z.object({ n: z.number().min(3) }), { n: 1 })[0]!.message).toBe('不能小于 3');
    expect(problems(z.object({ s: z.string().max(4) }), { s: '12345' })[0]!.message).toBe('最多填写 4 个字');
    expect(problems(z.object({ items: z.array(z.string()).max(2) }), { items: ['a', 'b', 'c'] })[0]!.message).toBe(
      '最多只能有 2 项',
    );
  });

  it('keeps the messages the contract sets itself', () => {
    expect(problems(PasswordLoginRequestSchema, { username: ' ', password: '' })).toEqual([
      { path: 'username', message: '请输入用户名', code: 'too_small' },
      { path: 'password', message: '请输入密码', code: 'too_small' },
    ]);
    expect(problems(CursorPageQuerySchema, { limit: '0' })).toEqual([
      { path: 'limit', message: '每页至少1条', code: 'too_small' },
    ]);
    expect(problems(CouponTermsSchema, { type: 'bogus' })[0]!.message).toBe('请选择折扣或满减');
  });

  it('names the body when the whole input is wrong', () => {
    expect(problemsOf(z.object({}).safeParse('x').error!)).toEqual([{ path: '(body)', message: '应为对象' }]);
  });
});

describe("a route's own query reader", () => {
  const endpoint = contract.stations.nearby;
  /** Runs validation on a query string; resolves to the input the handler would get. */
  const run = async (querystring: string, reading: QueryReading<typeof endpoint>) => {
    const ctx = {
      querystring,
      query: searchParams.parse(querystring),
      request: {},
      state: {} as { input?: { query: unknown } },
    };
    await validate(endpoint, reading)(ctx as never, async () => {});
    return ctx.state.input!.query;
  };
  const read = { lat: 1, lng: 2, radius: 5000, limit: 20, order: 'distance' as const };

  it('is what the handler gets, and the schema is not run for it in production', async () => {
    expect(await run('lat=9&lng=9', { readQuery: () => read })).toEqual(read);
  });

  it('leaves what it cannot read to the schema, which names the field', async () => {
    await expect(run('lat=91&lng=9', { readQuery: () => null, crossCheck: true })).rejects.toMatchObject({
      status: 400,
      details: [{ path: 'lat', message: '纬度应在 -90 到 90 之间' }],
    });
  });

  it('fails loudly outside production when it disagrees with the schema', async () => {
    await expect(run('lat=9&lng=9', { readQuery: () => read, crossCheck: true })).rejects.toMatchObject({
      status: 500,
    });
    expect(await run('lat=1&lng=2', { readQuery: () => read, crossCheck: true })).toEqual(read);
  });
});
