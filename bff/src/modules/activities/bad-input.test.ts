/**
 * A client's mistakes on every activities endpoint of the contract (groups `activit*`, read
 * from the contract itself so a new endpoint is probed too), sent by a caller who gets past
 * authentication: a member on member routes, a district organiser on staff routes. Each probe
 * starts from a request the contract accepts, against real activities, entries and teams, and
 * breaks one thing. The answer must be a 4xx in the one error shape with a Chinese message,
 * a validation refusal must name the field at fault, and a refused request changes nothing.
 */
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type Endpoint } from '@union/shared';
import { createMember, createOrgTree, makeIdNumber, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { LONG, pathsOf, runProbes, withValue, clone, type ModuleProbe } from '../../../test/module-probes';
import {
  activityInput,
  inDays,
  memberSessions,
  organiser,
  publishedActivity,
  requestId,
  signUpAs,
  type MemberSession,
} from './test-support';

const NO_SUCH_ID = new Types.ObjectId().toHexString();
/** A member on the roster with no account, whom the organiser signs up on their behalf. */
const WALK_IN = { name: '王小明', idNumber: makeIdNumber('330106', '19800315', '213'), mobile: '13900005678' };

/** Every endpoint of the activities contract files, by `group.name`. */
const ACTIVITY_ENDPOINTS = Object.entries(contract)
  .filter(([group]) => group.startsWith('activit'))
  .flatMap(([group, endpoints]) =>
    Object.entries<Endpoint>(endpoints).map(([name, endpoint]) => ({ key: `${group}.${name}`, endpoint })),
  );

// ---------------------------------------------------------------------------------------
// The world: a published activity with questions and an entry, a team activity with a team.

let api: TestApi;
let orgs: OrgTree;
let staff: string;
let entrant: MemberSession;
let captain: MemberSession;
let teammate: MemberSession;
/** Signed up to nothing, so a refusal is about the input, never "already signed up". */
let prober: MemberSession;
let activityId: string;
let entryId: string;
let teamActivityId: string;
let teamId: string;
let teamCode: string;

const QUESTIONS = [
  { id: 'size', type: 'single_choice', title: '尺码', required: true, options: ['S', 'M', 'L'] },
  { id: 'note', type: 'short_text', title: '备注', required: false, maxLength: 50 },
  {
    id: 'diet',
    type: 'multiple_choice',
    title: '饮食',
    required: false,
    options: ['素食', '清真', '无辣'],
    minPicks: 1,
    maxPicks: 2,
  },
] as const;

const input = () => activityInput(orgs, { questions: [...QUESTIONS].map((question) => ({ ...question })) as never });

beforeAll(async () => {
  api = await startTestApi({ RATE_LIMIT_SCALE: '1000' });
  orgs = await createOrgTree();
  staff = await organiser(api, orgs.xihu, 'xihu-bad-input');
  [entrant, captain, teammate, prober] = (await memberSessions(api, orgs.xihuTech, 4)) as [
    MemberSession,
    MemberSession,
    MemberSession,
    MemberSession,
  ];
  await createMember(api.running.runtime.cipher, orgs.xihuTech, WALK_IN);
  activityId = await publishedActivity(api, staff, input());
  const entry = await signUpAs(api, entrant, activityId, { answers: { size: 'M' } });
  expect(entry.status, JSON.stringify(entry.body)).toBe(200);
  entryId = entry.body.id;
  teamActivityId = await publishedActivity(
    api,
    staff,
    activityInput(orgs, {
      groups: [{ id: 'teams', name: '团体组', capacity: 4, allocation: 'first_come', team: { min: 2, max: 5 } }],
    }),
  );
  const team = await api.request('POST', `/api/activities/${teamActivityId}/teams`, {
    token: captain.token,
    body: { groupId: 'teams', name: '拔河一队', requestId: requestId() },
  });
  expect(team.status, JSON.stringify(team.body)).toBe(200);
  [teamId, teamCode] = [team.body.id, team.body.code];
  const joined = await api.request('POST', '/api/activities/teams/join', {
    token: teammate.token,
    body: { code: teamCode, requestId: requestId() },
  });
  expect(joined.status, JSON.stringify(joined.body)).toBe(200);
}, 60_000);
afterAll(() => api.stop());

// ---------------------------------------------------------------------------------------
// What a well-formed request to each endpoint looks like; every probe breaks one part of it.

interface Base {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** The caller; default the member for member routes, the organiser for staff routes. */
  token?: () => string;
}

const activityBody = () => input();

const BASES: Record<string, () => Base> = {
  'activities.activities': () => ({ query: { kind: 'sports_culture' } }),
  'activities.activity': () => ({ params: { id: activityId } }),
  'activities.signUp': () => ({
    params: { id: activityId },
    body: { groupId: 'open', requestId: requestId(), answers: { size: 'M', note: '素食' } },
    token: () => prober.token,
  }),
  'activities.myEntries': () => ({ query: { limit: '10' }, token: () => entrant.token }),
  'activities.cancelEntry': () => ({ params: { id: entryId }, token: () => entrant.token }),
  'activities.confirmEntry': () => ({ params: { id: entryId }, token: () => entrant.token }),
  'activities.staffActivities': () => ({ query: { status: 'published' } }),
  'activities.staffActivity': () => ({ params: { id: activityId } }),
  'activities.createActivity': () => ({ body: activityBody() }),
  'activities.updateActivity': () => ({ params: { id: activityId }, body: activityBody() }),
  'activities.publishActivity': () => ({ params: { id: activityId } }),
  'activities.pauseActivity': () => ({ params: { id: activityId } }),
  'activities.cancelActivity': () => ({ params: { id: activityId }, body: { reason: '场地临时维修' } }),
  'activities.activityEntries': () => ({ params: { id: activityId }, query: { groupId: 'open', status: 'confirmed' } }),
  'activities.reviewEntry': () => ({
    params: { id: activityId, entryId },
    body: { decision: 'reject', reason: '不符合条件' },
  }),
  'activityLottery.activityLottery': () => ({ params: { id: activityId } }),
  'activityLottery.drawLottery': () => ({ params: { id: activityId } }),
  'activityCheckIn.staffCheckIn': () => ({ params: { id: activityId }, body: { entryId, sessionIndex: 0 } }),
  'activityCheckIn.sessionCode': () => ({ params: { id: activityId } }),
  'activityCheckIn.memberCheckIn': () => ({
    params: { id: activityId },
    body: { code: 'not-a-real-code' },
    token: () => entrant.token,
  }),
  'activityCheckIn.syncCheckIns': () => ({
    params: { id: activityId },
    body: {
      items: [
        { clientId: 'offline-1', cardToken: 'scanned-card', sessionIndex: 0, scannedAt: new Date().toISOString() },
      ],
    },
  }),
  'activityCheckIn.attendance': () => ({ params: { id: activityId }, query: { sessionIndex: '0' } }),
  'activityTeams.createTeam': () => ({
    params: { id: teamActivityId },
    body: { groupId: 'teams', name: '拔河二队', requestId: requestId() },
    token: () => prober.token,
  }),
  'activityTeams.joinTeam': () => ({ body: { code: teamCode, requestId: requestId() }, token: () => prober.token }),
  'activityTeams.myTeam': () => ({ query: { activityId: teamActivityId }, token: () => captain.token }),
  'activityTeams.leaveTeam': () => ({ params: { id: teamId }, token: () => teammate.token }),
  'activityTeams.removeTeamMember': () => ({
    params: { id: teamId, memberId: teammate.memberId },
    token: () => captain.token,
  }),
  'activityTeams.signUpOnBehalf': () => ({
    params: { id: activityId },
    body: {
      name: WALK_IN.name,
      idNumber: WALK_IN.idNumber,
      groupId: 'open',
      requestId: requestId(),
      answers: { size: 'L' },
    },
  }),
  'activityRoster.removeEntry': () => ({ params: { id: activityId, entryId }, body: { reason: '重复报名' } }),
  'activityRoster.exportRoster': () => ({ params: { id: activityId }, query: { status: 'all' } }),
  'activityRoster.uploadPoster': () => ({ params: { id: activityId } }),
  'activityRoster.poster': () => ({ params: { id: activityId } }),
  'activityStats.activityStats': () => ({ params: { id: activityId } }),
  'activityStats.orgActivityStats': () => ({ query: { from: '2026-01-01', to: '2026-12-31' } }),
  'activityPayments.payEntry': () => ({ params: { id: entryId }, token: () => entrant.token }),
};

// ---------------------------------------------------------------------------------------
// Probes.

type Probe = ModuleProbe;

/** Values of the wrong type for what a field holds now. */
function wrongValuesFor(current: unknown): [string, unknown][] {
  const wrongType =
    typeof current === 'string'
      ? 12345
      : typeof current === 'number'
        ? 'abc'
        : typeof current === 'boolean'
          ? 'yes'
          : Array.isArray(current)
            ? { a: 1 }
            : ['x'];
  return [
    ['wrong type', wrongType],
    ['null', null],
    ['array', [{ a: 1 }]],
    ['object', { a: 1 }],
    ['10k string', LONG],
    ['negative', -1],
  ];
}

/** Bad path parameters: not an id, very long, and a well-formed id of nothing (404). */
function pathProbes(base: Base, endpoint: Endpoint): Probe[] {
  const params = base.params ?? {};
  return Object.keys(params)
    .flatMap((name) => [
      { kind: `path.${name}: abc`, params: { ...params, [name]: 'abc' }, expect: [400], field: name },
      { kind: `path.${name}: 1000 chars`, params: { ...params, [name]: 'a'.repeat(1000) }, expect: [400], field: name },
      {
        kind: `path.${name}: no such id`,
        params: { ...params, [name]: NO_SUCH_ID },
        // A team member who is not there is a conflict with the team as it stands, said plainly.
        expect: name === 'memberId' ? [404, 409] : [404],
        ...(endpoint.rawBody ? { rawBody: PNG_BODY } : {}),
      },
    ])
    .map((probe) => ({ ...probe, query: base.query, body: base.body }));
}

const PNG_BODY = { contentType: 'image/png', bytes: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex') };

/** Bodies the contract refuses: whole-body mistakes, then one field at a time. */
function bodyProbes(base: Base, endpoint: Endpoint): Probe[] {
  const params = base.params ?? {};
  const at = (kind: string, body: unknown, field?: string): Probe => ({ kind, params, query: base.query, body, field });
  if (endpoint.rawBody) {
    return [
      { kind: 'upload: none', params, expect: [400] },
      { kind: 'upload: JSON', params, body: { poster: 'x' }, expect: [415] },
      {
        kind: 'upload: text',
        params,
        rawBody: { bytes: Buffer.from('hello'), contentType: 'text/plain' },
        expect: [415],
      },
      {
        kind: 'upload: not an image',
        params,
        rawBody: { bytes: Buffer.from('hello'), contentType: 'image/png' },
        expect: [415],
      },
    ];
  }
  if (!endpoint.body) return [];
  const schema = endpoint.body;
  const refused = (body: unknown) => !schema.safeParse(body).success;
  const probes: Probe[] = [];
  if (refused({})) probes.push({ ...at('body: missing', undefined), expect: [400] });
  probes.push(at('body: null', null), at('body: array', [base.body]), at('body: string', 'x'));
  for (const path of pathsOf(base.body)) {
    const current = path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], base.body);
    for (const [kind, value] of wrongValuesFor(current)) {
      const body = withValue(base.body, path, value);
      if (refused(body)) probes.push({ ...at(`body.${path.join('.')}: ${kind}`, body, path[0]), expect: [400] });
    }
  }
  return probes;
}

/** Reads that record something when given a valid parameter (a reveal of personal data is recorded). */
const WRITING_READS: Record<string, string[]> = { 'activityRoster.exportRoster': ['revealReason'] };

const QUERY_VALUES: [string, string][] = [
  ['abc', 'abc'],
  ['-1', '-1'],
  ['100000', '100000'],
  ['999', '999'],
  ['1.5', '1.5'],
  ['10k', LONG.slice(0, 4000)],
];

/** Query parameters of the wrong type, each of the endpoint's and the usual page/limit/lat. */
function queryProbes(key: string, base: Base, endpoint: Endpoint): Probe[] {
  const params = base.params ?? {};
  const shape = (endpoint.query as unknown as { shape?: Record<string, unknown> } | undefined)?.shape ?? {};
  const names = new Set([...Object.keys(shape), ...Object.keys(base.query ?? {}), 'page', 'limit', 'lat']);
  const probes: Probe[] = [];
  for (const name of names) {
    for (const [kind, value] of QUERY_VALUES) {
      const query = { ...base.query, [name]: value };
      const mustRefuse = endpoint.query ? !endpoint.query.safeParse(query).success : false;
      // A parameter the endpoint does not take is ignored: on a read it must do no harm, on a
      // write the request is a valid one and would rightly do its work.
      if (!mustRefuse && (endpoint.method !== 'get' || WRITING_READS[key]?.includes(name))) continue;
      probes.push({
        kind: `query.${name}: ${kind}`,
        params,
        query,
        body: base.body,
        ...(mustRefuse ? { expect: [400], field: name } : { expect: [] }),
      });
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

/** An activity input broken in one way the form could let through. */
function activityInputProbes(base: Base): Probe[] {
  const body = base.body as Record<string, unknown>;
  const groups = body.groups as Record<string, unknown>[];
  const sessions = body.sessions as Record<string, unknown>[];
  const broken = (kind: string, change: Record<string, unknown>, field: string): Probe =>
    at(base, kind, { body: { ...clone(body), ...change }, expect: [400], field });
  const question = (extra: Record<string, unknown>) => ({ id: 'q', title: '问题', required: true, ...extra });
  return [
    broken('kind: invalid enum', { kind: 'party' }, 'kind'),
    broken('allocation: invalid enum', { groups: [{ ...groups[0], allocation: 'random' }] }, 'groups'),
    broken('venue.kind: invalid enum', { venue: { kind: 'moon', name: '月球' } }, 'venue'),
    broken('venue lat 999', { venue: { ...(body.venue as object), location: { lat: 999, lng: 120 } } }, 'venue'),
    broken('signUpOpensAt: malformed', { signUpOpensAt: 'tomorrow' }, 'signUpOpensAt'),
    broken('signUpOpensAt: impossible date', { signUpOpensAt: '2026-13-45T25:00:00Z' }, 'signUpOpensAt'),
    broken('sign-up window backwards', { signUpClosesAt: inDays(-3).toISOString() }, 'signUpClosesAt'),
    broken('cancel deadline before opening', { cancelDeadline: inDays(-5).toISOString() }, 'cancelDeadline'),
    broken('capacity negative', { groups: [{ ...groups[0], capacity: -5 }] }, 'groups'),
    broken('capacity zero', { groups: [{ ...groups[0], capacity: 0 }] }, 'groups'),
    broken('capacity fractional', { groups: [{ ...groups[0], capacity: 1.5 }] }, 'groups'),
    broken('capacity huge', { groups: [{ ...groups[0], capacity: 1e12 }] }, 'groups'),
    broken('fee negative', { fee: { priceFen: -100, subsidyFen: 0 } }, 'fee'),
    broken('subsidy negative', { fee: { priceFen: 100, subsidyFen: -1 } }, 'fee'),
    broken('subsidy above price', { fee: { priceFen: 100, subsidyFen: 200 } }, 'fee'),
    broken(
      'session ends before it starts',
      { sessions: [{ ...sessions[0], start: '11:00', end: '09:00' }] },
      'sessions',
    ),
    broken('session date impossible', { sessions: [{ ...sessions[0], date: '2026-02-30' }] }, 'sessions'),
    broken('session time 25:00', { sessions: [{ ...sessions[0], start: '25:00' }] }, 'sessions'),
    broken('no sessions', { sessions: [] }, 'sessions'),
    broken('61 sessions', { sessions: Array.from({ length: 61 }, () => sessions[0]) }, 'sessions'),
    broken('no groups', { groups: [] }, 'groups'),
    broken('21 groups', { groups: Array.from({ length: 21 }, (_, i) => ({ ...groups[0], id: `g${i}` })) }, 'groups'),
    broken('duplicate group ids', { groups: [groups[0], { ...groups[0], name: '第二组' }] }, 'groups'),
    broken('group id malformed', { groups: [{ ...groups[0], id: 'Open Group!' }] }, 'groups'),
    broken('team min above max', { groups: [{ ...groups[0], team: { min: 6, max: 3 } }] }, 'groups'),
    broken(
      'single choice with no options',
      { questions: [question({ type: 'single_choice', options: [] })] },
      'questions',
    ),
    broken(
      'multiple choice without options',
      { questions: [question({ type: 'multiple_choice', minPicks: 0, maxPicks: 1 })] },
      'questions',
    ),
    broken('question type invalid', { questions: [question({ type: 'essay' })] }, 'questions'),
    broken(
      'duplicate question ids',
      { questions: [question({ type: 'short_text', maxLength: 5 }), question({ type: 'short_text', maxLength: 9 })] },
      'questions',
    ),
    broken('ages backwards', { audience: { ...(body.audience as object), minAge: 60, maxAge: 20 } }, 'audience'),
    broken(
      'occupation invalid',
      { audience: { ...(body.audience as object), occupations: ['astronaut'] } },
      'audience',
    ),
    broken(
      'audience org elsewhere',
      { audience: { ...(body.audience as object), orgId: NO_SUCH_ID } },
      'audience.orgId',
    ),
    broken('host org unknown', { orgId: NO_SUCH_ID }, 'orgId'),
    broken('host org outside the district', { orgId: orgs.binjiang.id }, 'orgId'),
    broken('required sessions above sessions', { requiredSessions: 5 }, 'requiredSessions'),
    broken('offer hold 0 hours', { offerHoldHours: 0 }, 'offerHoldHours'),
    broken('lottery weight 99', { lotteryWeights: { newEmploymentForm: 99 } }, 'lotteryWeights'),
    broken('title 10k', { title: LONG }, 'title'),
    broken('description 10k', { description: LONG }, 'description'),
  ];
}

/** Mistakes a form could let through, by endpoint: some the contract refuses, some only the service sees. */
const SEMANTIC: Record<string, (base: Base) => Probe[]> = {
  'activities.updateActivity': (base) => {
    const body = base.body as Record<string, unknown>;
    const groups = body.groups as Record<string, unknown>[];
    // Promises already made to the entrant: refused together with 409, and nothing is changed.
    const promised = (kind: string, change: Record<string, unknown>, field: string): Probe =>
      at(base, kind, { body: { ...clone(body), ...change }, expect: [409], field });
    return [
      ...activityInputProbes(base),
      promised('drop the group holding entries', { groups: [{ ...groups[0], id: 'other' }] }, 'groups'),
      promised('drop an answered question', { questions: [] }, 'questions'),
      promised(
        'close sign-up in the past',
        { signUpOpensAt: inDays(-3).toISOString(), signUpClosesAt: inDays(-2).toISOString() },
        'signUpClosesAt',
      ),
    ];
  },
  'activities.createActivity': (base) => [
    ...activityInputProbes(base),
    ...[
      ['session in year 9999', { sessions: [{ date: '9999-12-31', start: '23:00', end: '23:59' }] }],
      ['session in year 1', { sessions: [{ date: '0001-01-01', start: '00:00', end: '00:01' }] }],
      [
        'window from year 1 to 9999',
        {
          signUpOpensAt: '0001-01-01T00:00:00Z',
          signUpClosesAt: '9999-12-31T23:59:59+14:00',
          cancelDeadline: '9999-12-31T00:00:00Z',
        },
      ],
      [
        'ages 0 to 120',
        { audience: { orgId: orgs.xihuTech.id, occupations: [], gender: 'female', minAge: 0, maxAge: 120 } },
      ],
      ['price at its most, all subsidised', { fee: { priceFen: 1_000_000, subsidyFen: 1_000_000 } }],
    ].map(([kind, change]) =>
      at(base, `edge: ${kind as string}`, { body: { ...(base.body as object), ...(change as object) }, edge: true }),
    ),
  ],
  'activities.signUp': (base) => {
    const body = base.body as Record<string, unknown>;
    const sign = (kind: string, change: Record<string, unknown>, field: string, expect = [400]) =>
      at(base, kind, { body: { ...body, ...change }, expect, field });
    return [
      sign('answer to an unknown question', { answers: { size: 'M', shoe: '42' } }, 'answers'),
      sign('answer not an option', { answers: { size: 'XXL' } }, 'answers'),
      sign('required answer missing', { answers: {} }, 'answers'),
      sign('answer 10k', { answers: { size: 'M', note: LONG } }, 'answers'),
      sign('choice answered with a list', { answers: { size: ['M', 'L'] } }, 'answers'),
      sign('unknown group', { groupId: 'nosuchgroup' }, 'groupId'),
      sign('group id malformed', { groupId: 'Open Group!' }, 'groupId'),
      sign('list answered with text', { answers: { size: 'M', diet: '素食' } }, 'answers'),
      sign('list with an unknown option', { answers: { size: 'M', diet: ['烧烤'] } }, 'answers'),
      sign('list picked twice', { answers: { size: 'M', diet: ['素食', '素食'] } }, 'answers'),
      sign('list past its most', { answers: { size: 'M', diet: ['素食', '清真', '无辣'] } }, 'answers'),
      sign('answer keyed constructor', { answers: { size: 'M', constructor: 'x' } }, 'answers'),
      // The JSON parser itself refuses a `__proto__` key, before any field is looked at.
      at(base, 'answer keyed __proto__', {
        body: JSON.parse(`{"groupId":"open","requestId":"${requestId()}","answers":{"size":"M","__proto__":"x"}}`),
        expect: [400],
      }),
      sign('answers as a list', { answers: ['M'] }, 'answers'),
      at(base, 'team group without a team', {
        params: { id: teamActivityId },
        body: { ...body, groupId: 'teams', answers: {} },
        expect: [409],
      }),
    ];
  },
  'activities.cancelEntry': (base) => [
    at(base, "someone else's entry", { token: () => prober.token, expect: [404] }),
    at(base, 'a team id as an entry id', { params: { id: teamId }, expect: [404] }),
  ],
  'activities.confirmEntry': (base) => [at(base, "someone else's entry", { token: () => prober.token, expect: [404] })],
  'activityPayments.payEntry': (base) => [
    at(base, "someone else's entry", { token: () => prober.token, expect: [404] }),
  ],
  'activityTeams.leaveTeam': (base) => [at(base, 'not in the team', { token: () => prober.token, expect: [404] })],
  'activityTeams.removeTeamMember': (base) => [
    at(base, 'not the captain', { token: () => prober.token, expect: [404] }),
    at(base, 'a member of nothing', { params: { id: teamId, memberId: prober.memberId }, expect: [404, 409] }),
  ],
  'activityRoster.removeEntry': (base) => [
    at(base, 'entry of another activity', { params: { id: teamActivityId, entryId }, expect: [404] }),
    at(base, 'reason blank', { body: { reason: ' ' }, expect: [400], field: 'reason' }),
  ],
  'activities.reviewEntry': (base) => [
    at(base, 'entry of another activity', { params: { id: teamActivityId, entryId }, expect: [404] }),
    at(base, 'decision invalid enum', { body: { decision: 'maybe' }, expect: [400], field: 'decision' }),
    at(base, 'rejected without a reason', { body: { decision: 'reject' }, expect: [400], field: 'reason' }),
  ],
  'activities.activityEntries': (base) => [
    at(base, 'status invalid enum', { query: { status: 'bogus' }, expect: [400], field: 'status' }),
    at(base, 'group id malformed', { query: { groupId: 'Bad Group!' }, expect: [400], field: 'groupId' }),
  ],
  'activities.staffActivities': (base) => [
    at(base, 'status invalid enum', { query: { status: 'bogus' }, expect: [400], field: 'status' }),
  ],
  'activities.activities': (base) => [
    at(base, 'kind invalid enum', { query: { kind: 'bogus' }, expect: [400], field: 'kind' }),
  ],
  'activities.cancelActivity': (base) => [
    at(base, 'reason blank', { body: { reason: '  ' }, expect: [400], field: 'reason' }),
  ],
  'activityCheckIn.staffCheckIn': (base) => [
    at(base, 'card and entry both', { body: { cardToken: 'abc', entryId }, expect: [400], field: 'cardToken' }),
    at(base, 'neither card nor entry', { body: { sessionIndex: 0 }, expect: [400], field: 'cardToken' }),
    at(base, 'entry id malformed', { body: { entryId: 'abc' }, expect: [400], field: 'entryId' }),
    at(base, 'entry id of nothing', { body: { entryId: NO_SUCH_ID }, expect: [404] }),
    at(base, 'forged card', { body: { cardToken: 'forged-card-token' }, expect: [400], field: 'cardToken' }),
    at(base, 'session that does not exist', {
      body: { entryId, sessionIndex: 999 },
      expect: [400],
      field: 'sessionIndex',
    }),
  ],
  'activityCheckIn.memberCheckIn': (base) => [
    at(base, 'invalid code', { expect: [400], field: 'code' }),
    at(base, 'empty code', { body: { code: '' }, expect: [400], field: 'code' }),
  ],
  'activityCheckIn.syncCheckIns': (base) => [
    at(base, 'no items', { body: { items: [] }, expect: [400], field: 'items' }),
    at(base, 'scannedAt malformed', {
      body: { items: [{ clientId: 'c', cardToken: 't', sessionIndex: 0, scannedAt: 'yesterday' }] },
      expect: [400],
      field: 'items',
    }),
  ],
  'activityCheckIn.attendance': (base) => [
    at(base, 'session that does not exist', { query: { sessionIndex: '998' }, expect: [400], field: 'sessionIndex' }),
  ],
  'activityTeams.createTeam': (base) => [
    at(base, 'unknown group', {
      body: { ...(base.body as object), groupId: 'nosuchgroup' },
      expect: [400],
      field: 'groupId',
    }),
    at(base, 'answer to an unknown question', {
      body: { ...(base.body as object), answers: { shoe: '42' } },
      expect: [400],
      field: 'answers',
    }),
    at(base, 'individual group', {
      params: { id: activityId },
      body: { ...(base.body as object), groupId: 'open' },
      expect: [409],
    }),
  ],
  'activityTeams.joinTeam': (base) => [
    at(base, 'unknown invitation code', {
      body: { code: 'ZZZZZZ', requestId: requestId() },
      expect: [400],
      field: 'code',
    }),
    at(base, 'malformed invitation code', {
      body: { code: 'ab!', requestId: requestId() },
      expect: [400],
      field: 'code',
    }),
    at(base, 'code with ambiguous characters', {
      body: { code: '0O1I10', requestId: requestId() },
      expect: [400],
      field: 'code',
    }),
    at(base, 'invalid request id', { body: { code: teamCode, requestId: 'x' }, expect: [400], field: 'requestId' }),
    at(base, 'answer to an unknown question', {
      body: { code: teamCode, requestId: requestId(), answers: { shoe: '42' } },
      expect: [400],
      field: 'answers',
    }),
  ],
  'activityTeams.myTeam': (base) => [
    at(base, 'no activity id', { query: {}, expect: [400], field: 'activityId' }),
    at(base, 'activity id malformed', { query: { activityId: 'abc' }, expect: [400], field: 'activityId' }),
    at(base, 'activity of nothing', { query: { activityId: NO_SUCH_ID }, expect: [404] }),
  ],
  'activityTeams.signUpOnBehalf': (base) => {
    const body = base.body as Record<string, unknown>;
    return [
      at(base, 'answer to an unknown question', {
        body: { ...body, answers: { size: 'L', shoe: '42' } },
        expect: [400, 404],
        field: 'answers',
      }),
      at(base, 'id number checksum', {
        body: { ...body, idNumber: `${WALK_IN.idNumber.slice(0, 17)}${WALK_IN.idNumber.endsWith('0') ? '1' : '0'}` },
        expect: [400],
        field: 'idNumber',
      }),
      at(base, 'id number letters', {
        body: { ...body, idNumber: 'ABCDEFGHIJKLMNOPQR' },
        expect: [400],
        field: 'idNumber',
      }),
      at(base, 'unknown group', { body: { ...body, groupId: 'nosuchgroup' }, expect: [400, 404] }),
    ];
  },
  'activityRoster.exportRoster': (base) => [
    at(base, 'status invalid enum', { query: { status: 'bogus' }, expect: [400], field: 'status' }),
    at(base, 'reveal reason too short', {
      query: { status: 'all', revealReason: 'x' },
      expect: [400],
      field: 'revealReason',
    }),
  ],
  'activityStats.orgActivityStats': (base) => [
    at(base, 'dates malformed', { query: { from: '2026/01/01', to: 'soon' }, expect: [400], field: 'from' }),
    at(base, 'window backwards', { query: { from: '2026-12-31', to: '2026-01-01' }, expect: [400], field: 'to' }),
    at(base, 'window of centuries', { query: { from: '1900-01-01', to: '2100-12-31' }, expect: [400], field: 'to' }),
    at(base, 'impossible date', { query: { from: '2026-02-30', to: '2026-03-01' }, expect: [400], field: 'from' }),
    at(base, 'org id malformed', { query: { ...base.query, orgId: 'abc' }, expect: [400], field: 'orgId' }),
    at(base, 'org elsewhere', { query: { ...base.query, orgId: orgs.binjiang.id }, expect: [400, 403, 404] }),
    at(base, 'org of nothing', { query: { ...base.query, orgId: NO_SUCH_ID }, expect: [400, 403, 404] }),
    at(base, 'dates missing', { query: {}, expect: [400], field: 'from' }),
  ],
};

/** A new endpoint gets probed once it is given a well-formed request here. */
function baseOf(key: string): Base {
  const base = BASES[key];
  if (!base) throw new Error(`no well-formed request for ${key}: add one to BASES`);
  return base();
}

function probesFor(key: string, endpoint: Endpoint): Probe[] {
  const base = baseOf(key);
  return [
    ...pathProbes(base, endpoint),
    ...bodyProbes(base, endpoint),
    ...queryProbes(key, base, endpoint),
    ...(SEMANTIC[key]?.(base) ?? []),
  ];
}

describe('bad input to the activities endpoints', () => {
  it('has a well-formed request for every activities endpoint, which the contract accepts', () => {
    const missing = ACTIVITY_ENDPOINTS.filter(({ key }) => !BASES[key]).map(({ key }) => key);
    expect(missing).toEqual([]);
    for (const { key, endpoint } of ACTIVITY_ENDPOINTS) {
      const base = BASES[key]!();
      if (endpoint.body) expect(endpoint.body.safeParse(base.body).success, key).toBe(true);
      if (endpoint.query) expect(endpoint.query.safeParse(base.query ?? {}).success, key).toBe(true);
    }
  });

  for (const { key, endpoint } of ACTIVITY_ENDPOINTS) {
    it(`${key}: answers every mistake with a clear 4xx and changes nothing`, async () => {
      const base = baseOf(key);
      const token = base.token?.() ?? (endpoint.access === 'staff' ? staff : entrant.token);
      // A probe that names no status may be accepted: some oddities are harmless within the contract.
      const found = await runProbes(api.url, endpoint, probesFor(key, endpoint), token, { mayAccept: true });
      expect(found).toEqual([]);
    }, 120_000);
  }
});
