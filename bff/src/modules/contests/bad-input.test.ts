/**
 * A client's mistakes on every contests endpoint of the contract (groups `contest*`, read from
 * the contract so a new endpoint is probed too), from a caller who gets past authentication:
 * the organiser on staff routes, a judge on judging routes, an entrant on member routes. Each
 * probe breaks one part of a well-formed request; the answer must be a 4xx in the one error
 * shape in Chinese, a validation refusal must name the field, and nothing may change.
 */
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type Endpoint } from '@union/shared';
import { LONG, pathsOf, runProbes, withValue, type ModuleProbe } from '../../../test/module-probes';
import { contestSetup, requestId, startContestWorld, type ContestWorld, type JudgeSession } from './test-support';

const NO_SUCH_ID = new Types.ObjectId().toHexString();

const CONTEST_ENDPOINTS = Object.entries(contract)
  .filter(([group]) => group.startsWith('contest'))
  .flatMap(([group, endpoints]) =>
    Object.entries<Endpoint>(endpoints).map(([name, endpoint]) => ({ key: `${group}.${name}`, endpoint })),
  );

let world: ContestWorld;
let judgeA: JudgeSession;
let entrantA: string;
let entrantB: string;

beforeAll(async () => {
  world = await startContestWorld();
  judgeA = await world.judge(world.activityId, ['a'], [], '吴评委');
  entrantA = world.entrants.find((entrant) => entrant.group === 'a')!.id;
  entrantB = world.entrants.find((entrant) => entrant.group === 'b')!.id;
}, 120_000);
afterAll(() => world.stop());

interface Base {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  token?: () => string;
}

const id = () => world.activityId;
const entrantToken = () => world.entrants[0]!.member.token;

const BASES: Record<string, () => Base> = {
  'contests.staffContests': () => ({}),
  'contests.contestSetup': () => ({ params: { id: id() } }),
  'contests.saveContestSetup': () => ({ params: { id: id() }, body: contestSetup() }),
  'contests.createJudgeInvitation': () => ({
    params: { id: id() },
    body: { groupIds: ['a'], roundIds: [], maxUses: 1, validDays: 7 },
  }),
  'contests.contestJudges': () => ({ params: { id: id() } }),
  'contests.updateContestJudge': () => ({
    params: { id: id(), judgeId: judgeA.judgeId },
    body: { groupIds: ['a'], roundIds: [] },
  }),
  'contests.removeContestJudge': () => ({ params: { id: id(), judgeId: judgeA.judgeId } }),
  'contests.roundProgress': () => ({ params: { id: id() }, query: { roundId: 'theory' } }),
  'contests.markAbsent': () => ({
    params: { id: id(), entrantId: entrantA },
    body: { roundId: 'theory', absent: true },
  }),
  'contests.closeRound': () => ({ params: { id: id() }, body: { roundId: 'theory' } }),
  'contests.resultsPreview': () => ({ params: { id: id() } }),
  'contests.publishResults': () => ({ params: { id: id() }, body: { scoresRevision: 0 } }),
  'contestJudging.bindJudge': () => ({ body: { code: 'ABCDEFGH' }, token: () => judgeA.token }),
  'contestJudging.myJudgedContests': () => ({ token: () => judgeA.token }),
  'contestJudging.judgeRoundEntrants': () => ({
    params: { id: id() },
    query: { roundId: 'theory' },
    token: () => judgeA.token,
  }),
  'contestJudging.myScoreSheet': () => ({
    params: { id: id(), entrantId: entrantA },
    query: { roundId: 'theory' },
    token: () => judgeA.token,
  }),
  'contestJudging.saveScoreSheet': () => ({
    params: { id: id(), entrantId: entrantA },
    body: { roundId: 'theory', items: {}, value: 50, revision: 0 },
    token: () => judgeA.token,
  }),
  'contestJudging.submitScoreSheet': () => ({
    params: { id: id(), entrantId: entrantA },
    body: { roundId: 'theory', items: {}, value: 50, revision: 0, requestId: requestId() },
    token: () => judgeA.token,
  }),
  'contestJudging.correctScoreSheet': () => ({
    params: { id: id(), entrantId: entrantA },
    body: { roundId: 'theory', items: {}, value: 50, revision: 1, requestId: requestId(), reason: '复核后更正' },
    token: () => judgeA.token,
  }),
  'contestResults.contestResults': () => ({ params: { id: id() }, token: entrantToken }),
  'contestResults.saveContestConsent': () => ({
    params: { id: id() },
    body: { showFullName: true },
    token: entrantToken,
  }),
  'contestResults.myContestResults': () => ({ token: entrantToken }),
  'contestResults.myCertificate': () => ({ params: { id: id() }, token: entrantToken }),
  'contestResults.verifyCertificate': () => ({ query: { code: 'AQID' } }),
};

type Probe = ModuleProbe;

const wrongValues = (current: unknown): unknown[] => [
  typeof current === 'string'
    ? 12345
    : typeof current === 'number'
      ? 'abc'
      : typeof current === 'boolean'
        ? 'yes'
        : Array.isArray(current)
          ? { a: 1 }
          : ['x'],
  null,
  [{ a: 1 }],
  LONG,
  -1,
];

function genericProbes(base: Base, endpoint: Endpoint): Probe[] {
  const params = base.params ?? {};
  const probes: Probe[] = Object.keys(params).flatMap((name) => [
    {
      kind: `path.${name}: abc`,
      params: { ...params, [name]: 'abc' },
      query: base.query,
      body: base.body,
      expect: [400],
      field: name,
    },
    {
      kind: `path.${name}: no such id`,
      params: { ...params, [name]: NO_SUCH_ID },
      query: base.query,
      body: base.body,
      expect: [404],
    },
  ]);
  if (endpoint.body) {
    const schema = endpoint.body;
    probes.push(
      { kind: 'body: null', params, query: base.query, body: null },
      { kind: 'body: array', params, query: base.query, body: [base.body] },
    );
    for (const path of pathsOf(base.body)) {
      const current = path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], base.body);
      for (const value of wrongValues(current)) {
        const body = withValue(base.body, path, value);
        if (!schema.safeParse(body).success) {
          probes.push({
            kind: `body.${path.join('.')}: ${JSON.stringify(value).slice(0, 20)}`,
            params,
            query: base.query,
            body,
            expect: [400],
            field: path[0],
          });
        }
      }
    }
  }
  if (endpoint.query) {
    for (const name of Object.keys(base.query ?? {})) {
      for (const value of ['', 'Bad Round!', LONG.slice(0, 2000)]) {
        const query = { ...base.query, [name]: value };
        if (!endpoint.query.safeParse(query).success)
          probes.push({
            kind: `query.${name}: ${value.slice(0, 10)}`,
            params,
            query,
            body: base.body,
            expect: [400],
            field: name,
          });
      }
    }
  }
  return probes;
}

const at = (base: Base, kind: string, change: Partial<Probe>): Probe => ({
  kind,
  params: base.params ?? {},
  query: base.query,
  body: base.body,
  ...change,
});

/** Mistakes only the service can see, and callers out of reach. */
const SEMANTIC: Record<string, (base: Base) => Probe[]> = {
  'contests.saveContestSetup': (base) => {
    const setup = contestSetup();
    return [
      at(base, 'weights not 100', {
        body: { ...setup, rounds: setup.rounds.map((round) => ({ ...round, weight: 10 })) },
        expect: [400],
        field: 'rounds',
      }),
      at(base, 'awards for an unknown group', {
        body: { ...setup, awards: [{ groupId: 'zz', tiers: [] }] },
        expect: [400],
        field: 'awards.0.groupId',
      }),
      at(base, 'tie-break on an unknown item', {
        body: {
          ...setup,
          ranking: { basis: 'weighted_total', tieBreak: [{ by: 'item', roundId: 'practice', itemId: 'zz' }] },
        },
        expect: [400],
        field: 'ranking.tieBreak.0.itemId',
      }),
      at(base, 'another district', { token: () => world.otherDistrict, expect: [404] }),
    ];
  },
  'contests.createJudgeInvitation': (base) => [
    at(base, 'unknown group', { body: { groupIds: ['zz'] }, expect: [400], field: 'groupIds.0' }),
    at(base, 'unknown round', { body: { groupIds: ['a'], roundIds: ['zz'] }, expect: [400], field: 'roundIds.0' }),
    at(base, 'another district', { token: () => world.otherDistrict, expect: [404] }),
  ],
  'contests.markAbsent': (base) => [
    at(base, 'unknown round', { body: { roundId: 'zz', absent: true }, expect: [404] }),
  ],
  'contests.closeRound': (base) => [
    at(base, 'sheets missing', { expect: [409] }),
    at(base, 'another district', { token: () => world.otherDistrict, expect: [404] }),
  ],
  'contests.publishResults': (base) => [
    at(base, 'rounds open', { expect: [409] }),
    at(base, 'another district', { token: () => world.otherDistrict, expect: [404] }),
  ],
  'contests.roundProgress': (base) => [at(base, 'unknown round', { query: { roundId: 'zz' }, expect: [404] })],
  'contestJudging.bindJudge': (base) => [at(base, 'unknown code', { expect: [400], field: 'code' })],
  'contestJudging.saveScoreSheet': (base) => [
    at(base, 'score over the maximum', {
      body: { roundId: 'theory', value: 101, revision: 0 },
      expect: [400],
      field: 'value',
    }),
    at(base, 'three decimals', {
      body: { roundId: 'theory', value: 1.234, revision: 0 },
      expect: [400],
      field: 'value',
    }),
    at(base, 'unknown round', { body: { roundId: 'zz', value: 1, revision: 0 }, expect: [404] }),
    at(base, "another group's entrant", { params: { id: id(), entrantId: entrantB }, expect: [404] }),
    at(base, 'stale revision', { body: { roundId: 'theory', value: 1, revision: 5 }, expect: [409] }),
    at(base, 'not a judge', { token: entrantToken, expect: [404] }),
  ],
  'contestJudging.submitScoreSheet': (base) => [
    at(base, 'blank score', {
      body: { roundId: 'theory', value: null, revision: 0, requestId: requestId() },
      expect: [400],
      field: 'value',
    }),
    at(base, "another group's entrant", { params: { id: id(), entrantId: entrantB }, expect: [404] }),
  ],
  'contestJudging.correctScoreSheet': (base) => [
    at(base, 'reason too short', { body: { ...(base.body as object), reason: '错' }, expect: [400], field: 'reason' }),
    at(base, 'nothing submitted yet', { expect: [409] }),
  ],
  'contestResults.saveContestConsent': (base) => [
    at(base, 'not an entrant', { token: () => world.outsiders[0]!.token, expect: [404] }),
  ],
  'contestResults.verifyCertificate': (base) => [
    at(base, 'forged code', { query: { code: 'A'.repeat(60) }, expect: [404] }),
  ],
};

describe('bad input to the contests endpoints', () => {
  it('has a well-formed request for every contests endpoint, which the contract accepts', () => {
    expect(CONTEST_ENDPOINTS.filter(({ key }) => !BASES[key]).map(({ key }) => key)).toEqual([]);
    for (const { key, endpoint } of CONTEST_ENDPOINTS) {
      const base = BASES[key]!();
      if (endpoint.body) expect(endpoint.body.safeParse(base.body).success, key).toBe(true);
      if (endpoint.query) expect(endpoint.query.safeParse(base.query ?? {}).success, key).toBe(true);
    }
  });

  for (const { key, endpoint } of CONTEST_ENDPOINTS) {
    it(`${key}: answers every mistake with a clear 4xx and changes nothing`, async () => {
      const base = BASES[key]!();
      const token = base.token?.() ?? world.staff;
      const probes = [...genericProbes(base, endpoint), ...(SEMANTIC[key]?.(base) ?? [])];
      expect(await runProbes(world.api.url, endpoint, probes, token)).toEqual([]);
    }, 120_000);
  }
});
