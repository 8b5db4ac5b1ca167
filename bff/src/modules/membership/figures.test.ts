/**
 * The membership figures a cadre reads: 入会申请数 and 入会人数 by occupation, and how long
 * review takes (a histogram of whole days, and approved minutes for a mean). Built through the
 * API — applications filed on earlier days, approvals raced by several reviewers, a
 * rejection racing an approval, a withdrawal, an approval undone because the person joined
 * meanwhile — the settled counters equal a brute-force count of the applications and members
 * and a rebuild; the sibling district sees none of it.
 */
import { chinaDateOf, DAY_MS, OCCUPATIONS, type Occupation } from '@union/shared';
import type { Types } from 'mongoose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createMember,
  createOrgTree,
  createStaff,
  loginStaff,
  loginWechat,
  makeIdNumber,
  type OrgTree,
} from '../../../test/fixtures';
import { storedCounterDays } from '../figures/test-support';
import { startTestApi, type TestApi } from '../../../test/harness';
import { createRandom } from '../../seeded-random';
import { markFigureChanged, rebuildFigureCounters, settleAllFigures, settleFigureCounters } from '../figures/counters';
import { figureByChild, figureByKey, figureTotal } from '../figures/read';
import { approvalDaysKey } from './figures';
import { JoinApplicationModel, type JoinApplicationDoc } from './join-application.model';
import { MemberModel } from './member.model';

let api: TestApi;
let orgs: OrgTree;
let reviewers: string[];

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  await createStaff('figures_xihu_a', [{ role: 'union_staff', org: orgs.xihu }]);
  await createStaff('figures_xixi_b', [{ role: 'union_admin', org: orgs.xixi }]);
  reviewers = [await loginStaff(api, 'figures_xihu_a'), await loginStaff(api, 'figures_xixi_b')];
});
afterAll(() => api.stop());
afterEach(() => vi.useRealTimers());

let serial = 0;
const person = () => {
  serial += 1;
  const seq = String(100 + serial);
  return {
    name: `${'赵钱孙李周吴郑王冯陈褚卫'[serial % 12]}${'一二三四五六七八九十'[serial % 10]}${'甲乙丙丁'[Math.floor(serial / 10) % 4]}`,
    idNumber: makeIdNumber('330106', `1990${String((serial % 12) + 1).padStart(2, '0')}15`, seq),
    mobile: `1390002${String(serial).padStart(4, '0')}`,
  };
};

/** Files an application as the applicant would, `daysAgo` days (and some hours) before now. */
async function apply(org: OrgTree['xihuTech'], occupation: Occupation, daysAgo: number, hoursAgo = 0) {
  vi.useFakeTimers({ now: Date.now() - daysAgo * DAY_MS - hoursAgo * 3_600_000, toFake: ['Date'] });
  const who = person();
  const openid = `wx-figures-applicant-${serial}`;
  const { token } = await loginWechat(api, openid);
  const filed = await api.request('POST', '/api/join-applications', {
    token,
    body: { orgId: org.id, ...who, occupation, employer: '西溪某平台', agreeToCharter: true },
  });
  vi.useRealTimers();
  expect(filed.status, JSON.stringify(filed.body)).toBe(200);
  return { id: filed.body.id as string, openid, who };
}

const decide = (token: string, id: string, decision: 'approve' | 'reject') =>
  api.request('POST', `/api/staff/join-applications/${id}/${decision}`, {
    token,
    body: decision === 'reject' ? { reason: '所填单位与所选工会不符' } : undefined,
  });

const idOf = (org: { _id: Types.ObjectId }) => org._id;
// From before the roster's join dates (2020) to tomorrow.
const everything = { from: '2000-01-01', to: chinaDateOf(Date.now() + DAY_MS) };
const METRICS = [
  'members.joined',
  'members.left',
  'members.applications',
  'members.approvalDays',
  'members.approvals',
  'members.approvalMinutes',
];

interface Raw {
  orgId: Types.ObjectId;
  orgPath: Types.ObjectId[];
  amount: number;
  key: string;
}

/** Each metric's records, counted straight from the applications and members. */
async function rawRecords(): Promise<Record<string, Raw[]>> {
  const applications = await JoinApplicationModel.find().lean<JoinApplicationDoc[]>();
  const decided = applications.filter((a) => a.status === 'approved' || a.status === 'rejected');
  const approved = applications.filter((a) => a.status === 'approved');
  const minutes = (a: JoinApplicationDoc) => Math.round((a.decidedAt!.getTime() - a.submittedAt.getTime()) / 60_000);
  const members = await MemberModel.find().lean();
  return {
    'members.joined': members.map((m) => ({ ...m, amount: 1, key: m.occupation })),
    'members.left': members.filter((m) => m.leftAt).map((m) => ({ ...m, amount: 1, key: m.occupation })),
    'members.applications': applications.map((a) => ({ ...a, amount: 1, key: a.occupation })),
    'members.approvalDays': decided.map((a) => ({
      ...a,
      amount: 1,
      key: approvalDaysKey(a.submittedAt, a.decidedAt!),
    })),
    'members.approvals': approved.map((a) => ({ ...a, amount: 1, key: '' })),
    'members.approvalMinutes': approved.map((a) => ({ ...a, amount: minutes(a), key: '' })),
  };
}

const sum = (records: Raw[]) => records.reduce((total, record) => total + record.amount, 0);
const inSubtree = (records: Raw[], org: { _id: Types.ObjectId }) =>
  records.filter((record) => record.orgPath.some((id) => String(id) === String(org._id)));
function byKey(records: Raw[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const record of records) sums.set(record.key, (sums.get(record.key) ?? 0) + record.amount);
  return sums;
}

/** metric|org|day|key → value of every non-zero counter. */
async function countersNow(): Promise<Map<string, number>> {
  return storedCounterDays({ $in: METRICS });
}

describe('membership figures', () => {
  it('count applications, members and review times once each, as the records say, in the subtree only', async () => {
    const random = createRandom(15);
    const unions = [orgs.xihuTech, orgs.xihuCommunity];
    const waits = [0, 0, 1, 2, 3, 6, 13, 30, 59, 75];
    const filed = [];
    for (const [index, daysAgo] of waits.entries()) {
      filed.push(
        await apply(random.pick(unions), OCCUPATIONS[index % OCCUPATIONS.length]!, daysAgo, random.int(0, 20)),
      );
    }
    // Undecided: two pending, one withdrawn by its applicant.
    const [, withdrawn, , ...toDecide] = filed;
    const withdrew = await api.request('POST', `/api/join-applications/${withdrawn!.id}/withdraw`, {
      token: (await loginWechat(api, withdrawn!.openid)).token,
    });
    expect(withdrew.status, JSON.stringify(withdrew.body)).toBe(200);

    // Every decision raced: both reviewers approve at once, each twice (a double tap), a settler runs meanwhile;
    // every third one a reviewer rejects while the other approves. Exactly one decision applies.
    for (const [index, application] of toDecide.entries()) {
      const decisions: ('approve' | 'reject')[] = index % 3 === 0 ? ['reject', 'approve'] : ['approve', 'approve'];
      const answers = await Promise.all([
        ...decisions.flatMap((decision, n) => [
          decide(reviewers[n]!, application.id, decision),
          decide(reviewers[n]!, application.id, decision),
        ]),
        settleFigureCounters(),
      ]);
      const statuses = answers.slice(0, 4).map((answer) => (answer as { status: number }).status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    }

    // Approved, then undone: the person joined through the roster meanwhile.
    const undone = await apply(orgs.xihuTech, 'courier', 4);
    await createMember(api.running.runtime.cipher, orgs.xihuCommunity, { ...undone.who, occupation: 'courier' });
    // A roster load has no API; the seed that does it rebuilds the counters, the test marks the one day.
    const rosterDay = new Date('2020-05-01T00:00:00Z');
    await markFigureChanged('members.joined', {
      orgId: orgs.xihuCommunity._id,
      orgPath: orgs.xihuCommunity.path,
      at: rosterDay,
    });
    const refused = await decide(reviewers[0]!, undone.id, 'approve');
    expect(refused.body.error?.code, JSON.stringify(refused.body)).toBe('already_member');

    // 转出: no screen moves a member out yet; the write that will sets both fields and marks the day.
    const movedAway = (await MemberModel.findOne({ orgId: orgs.xihuTech._id }).lean())!;
    const leftAt = new Date(Date.now() - 2 * DAY_MS);
    await MemberModel.updateOne({ _id: movedAway._id }, { $set: { status: 'transferred', leftAt } });
    await markFigureChanged('members.left', { orgId: movedAway.orgId, orgPath: movedAway.orgPath, at: leftAt });

    await settleAllFigures();
    const raw = await rawRecords();
    expect(raw['members.approvalDays']!.length).toBe(toDecide.length);
    expect(new Set(raw['members.approvalDays']!.map((record) => record.key))).toEqual(
      new Set(['2', '3', '6', '13', '30', '59', '60']),
    );
    for (const metric of METRICS) {
      const records = raw[metric]!;
      expect(await figureTotal(metric, idOf(orgs.city), everything), metric).toBe(sum(records));
      expect(await figureTotal(metric, idOf(orgs.xihu), everything), metric).toBe(sum(inSubtree(records, orgs.xihu)));
      expect(await figureTotal(metric, idOf(orgs.binjiang), everything), metric).toBe(0);
      const keyed = byKey(records);
      if (keyed.has('')) keyed.delete('');
      if (keyed.size > 0) {
        const read = await figureByKey(metric, idOf(orgs.city), everything);
        expect(new Map([...read].filter(([, value]) => value !== 0)), metric).toEqual(keyed);
      }
      const byChild = await figureByChild(metric, idOf(orgs.xixi), everything);
      expect(new Map([...byChild].filter(([, value]) => value !== 0)), metric).toEqual(
        new Map(
          unions
            .map((org) => [String(org._id), sum(inSubtree(records, org))] as const)
            .filter(([, value]) => value !== 0),
        ),
      );
    }
    // 新就业形态 read by key: riders who applied, couriers who joined.
    expect(await figureTotal('members.applications', idOf(orgs.xihu), everything, { key: 'rider' })).toBe(
      raw['members.applications']!.filter((record) => record.key === 'rider').length,
    );
    expect(await figureTotal('members.joined', idOf(orgs.xixi), everything, { key: 'courier' })).toBe(
      raw['members.joined']!.filter((record) => record.key === 'courier').length,
    );

    // 会员人数 on the report: joined minus left, the roster as it stands.
    const year = chinaDateOf(Date.now()).slice(0, 4);
    const report = await api.request('GET', `/api/staff/figures?period=${year}`, { token: reviewers[0]! });
    const total = report.body.sections
      .flatMap((section: { figures: { key: string; value: number }[] }) => section.figures)
      .find((figure: { key: string }) => figure.key === 'members.total');
    expect(total.value).toBe(await MemberModel.countDocuments({ orgPath: orgs.xihu._id, leftAt: null }));
    expect(total.value).toBe(sum(inSubtree(raw['members.joined']!, orgs.xihu)) - 1);

    const settled = await countersNow();
    await rebuildFigureCounters({ from: new Date(0), to: new Date(Date.now() + DAY_MS) });
    expect(await countersNow()).toEqual(settled);
  });
});
