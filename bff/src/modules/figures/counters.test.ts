/**
 * The daily counters behind the cadres' figures: an approval counts on the day it was decided,
 * in its org's subtree only; and after a random mix of writes — parallel, retried (marked twice),
 * settled while writes land, one whose process died before it marked — the settled counters
 * equal a rebuild from the sources and a brute-force count of the raw records.
 */
import { chinaDateOf, DAY_MS } from '@union/shared';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrgTree,
  createStaff,
  loginStaff,
  loginWechat,
  makeIdNumber,
  type OrgTree,
} from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { createRandom } from '../../seeded-random';
import { MemberModel } from '../membership/member.model';
import { FigureCounterModel } from './counter.model';
import { dayAt } from './day-index';
import {
  markFigureChanged,
  reconcileRecentFigures,
  rebuildFigureCounters,
  settleAllFigures,
  settleFigureCounters,
} from './counters';
import { registerFigureMetric } from './metrics';
import {
  CounterReads,
  figureByChild,
  figureByKey,
  figureGroups,
  figureSeries,
  figureTotal,
  type FigureGrouping,
} from './read';

const METRIC = 'members.joined';
let api: TestApi;
let orgs: OrgTree;

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  await createStaff('figures_xihu', [{ role: 'union_staff', org: orgs.xihu }]);
});
afterAll(() => api.stop());

const idOf = (org: { _id: Types.ObjectId }) => org._id;
const orgOf = (org: { _id: Types.ObjectId; path: Types.ObjectId[] }) => ({ orgId: org._id, orgPath: org.path });

/** orgId|day → value (summed over the keys: members.joined is keyed by occupation) of every non-zero day. */
async function countersNow(): Promise<Map<string, number>> {
  const byDay = new Map<string, number>();
  for (const counter of await FigureCounterModel.find({ metric: METRIC }).lean()) {
    counter.days.forEach((value, index) => {
      if (!value) return;
      const bucket = `${String(counter.orgId)}|${dayAt(counter.year, index)}`;
      byDay.set(bucket, (byDay.get(bucket) ?? 0) + value);
    });
  }
  return byDay;
}

/** The same, counted from the members themselves. */
async function bruteForce(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const member of await MemberModel.find({}, { orgId: 1, joinedAt: 1 }).lean()) {
    const key = `${String(member.orgId)}|${chinaDateOf(member.joinedAt)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

let serial = 0;
/** A member written as a feature writes one: the record, then the mark (unless the process "died"). */
async function joinMember(org: OrgTree['xihuTech'], joinedAt: Date, { marks = 1 } = {}) {
  serial += 1;
  const member = await MemberModel.create({
    memberNo: `F${String(serial).padStart(8, '0')}`,
    name: '测试会员',
    idNumberSealed: 'sealed',
    idNumberIndex: `figures-id-${serial}`,
    mobileSealed: 'sealed',
    mobileIndex: `figures-mobile-${serial}`,
    orgId: org._id,
    orgPath: org.path,
    joinedAt,
  });
  for (let n = 0; n < marks; n++) await markFigureChanged(METRIC, { orgId: org._id, orgPath: org.path, at: joinedAt });
  return member;
}

describe('daily counters', () => {
  it('counts an approved application on the day it was decided, in the subtree of its org only', async () => {
    const { token } = await loginWechat(api, 'wx-figures-1');
    const applied = await api.request('POST', '/api/join-applications', {
      token,
      body: {
        orgId: orgs.xihuTech.id,
        name: '周敏',
        idNumber: makeIdNumber('330106', '19950101', '321'),
        mobile: '13900009876',
        occupation: 'rider',
        employer: '美团外卖西湖站',
        agreeToCharter: true,
      },
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    const staff = await loginStaff(api, 'figures_xihu');
    const approved = await api.request('POST', `/api/staff/join-applications/${applied.body.id}/approve`, {
      token: staff,
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    await settleAllFigures();
    const today = chinaDateOf(new Date());
    const range = { from: today, to: today };
    expect(await figureTotal(METRIC, idOf(orgs.xihu), range)).toBe(1);
    expect(await figureTotal(METRIC, idOf(orgs.city), range)).toBe(1);
    expect(await figureTotal(METRIC, idOf(orgs.binjiang), range)).toBe(0);
    expect(await figureSeries(METRIC, idOf(orgs.xixi), range, 'day')).toEqual(new Map([[today, 1]]));
    // Keyed by occupation: the rider reads as one rider and no employee.
    expect(await figureTotal(METRIC, idOf(orgs.xihu), range, { key: 'rider' })).toBe(1);
    expect(await figureTotal(METRIC, idOf(orgs.xihu), range, { key: 'employee' })).toBe(0);
  });

  it('settles to what a rebuild and a brute-force count give, after parallel, retried and crashed writes', async () => {
    const random = createRandom(2026);
    const leaves = [orgs.xihuTech, orgs.xihuCommunity, orgs.binjiangTech, orgs.xixi];
    const now = Date.now();
    for (let round = 0; round < 6; round++) {
      // Eight writes at once, some retried (marked twice), and a settle pass racing them.
      const writes = Array.from({ length: 8 }, () =>
        joinMember(random.pick(leaves), new Date(now - random.int(0, 40) * DAY_MS - random.int(0, 86_399) * 1000), {
          marks: random.int(1, 2),
        }),
      );
      await Promise.all([...writes, settleFigureCounters(), settleFigureCounters()]);
    }
    // A write whose process died between the record and the mark, today: the reconcile heals it.
    await joinMember(orgs.xihuTech, new Date(now - 60_000), { marks: 0 });
    await reconcileRecentFigures(new Date());
    await settleAllFigures();

    const incremental = await countersNow();
    expect(incremental).toEqual(await bruteForce());
    await rebuildFigureCounters({ from: new Date(0), to: new Date(now + DAY_MS) });
    expect(await countersNow()).toEqual(incremental);

    const range = { from: chinaDateOf(now - 41 * DAY_MS), to: chinaDateOf(now + DAY_MS) };
    const inSubtree = (org: { _id: Types.ObjectId }) => MemberModel.countDocuments({ orgPath: org._id });
    expect(await figureTotal(METRIC, idOf(orgs.city), range)).toBe(await inSubtree(orgs.city));
    expect(await figureTotal(METRIC, idOf(orgs.xihu), range)).toBe(await inSubtree(orgs.xihu));
    // 西湖区's children: 西溪街道 holds everything of 西湖区 (its own members and its two unions').
    expect(await figureByChild(METRIC, idOf(orgs.city), range)).toEqual(
      new Map([
        [String(orgs.xihu._id), await inSubtree(orgs.xihu)],
        [String(orgs.binjiang._id), await inSubtree(orgs.binjiang)],
      ]),
    );
  });

  it('lowers, on the reconcile, a recent day that no record backs any more, leaving older days alone', async () => {
    const now = Date.now();
    const older = await joinMember(orgs.xihuCommunity, new Date(now - 20 * DAY_MS));
    const recent = await joinMember(orgs.xihuCommunity, new Date(now - 60_000));
    await settleAllFigures();
    // Records gone without a mark (a repair by hand, a process that died): only the recent one is in the window.
    await MemberModel.deleteMany({ _id: { $in: [older._id, recent._id] } });
    const before = await countersNow();
    const { marked } = await reconcileRecentFigures(new Date());
    expect(marked).toBe(1);
    await settleAllFigures();
    const after = await countersNow();
    const bucket = (at: number) => `${String(orgs.xihuCommunity._id)}|${chinaDateOf(at)}`;
    expect(after.get(bucket(now - 60_000)) ?? 0).toBe((before.get(bucket(now - 60_000)) ?? 0) - 1);
    expect(after.get(bucket(now - 20 * DAY_MS))).toBe(before.get(bucket(now - 20 * DAY_MS)));
  });

  it('gives a counter 0 on rebuild when its records are gone', async () => {
    const day = new Date(Date.now() - 100 * DAY_MS);
    const member = await joinMember(orgs.binjiangTech, day);
    await settleAllFigures();
    const range = { from: chinaDateOf(day), to: chinaDateOf(day) };
    expect(await figureTotal(METRIC, idOf(orgs.binjiang), range)).toBe(1);
    await MemberModel.deleteOne({ _id: member._id });
    await rebuildFigureCounters({ from: new Date(0), to: new Date(Date.now() + DAY_MS) });
    expect(await figureTotal(METRIC, idOf(orgs.binjiang), range)).toBe(0);
  });

  it('lets no settler write an older recount last when its claim ran out and another took the bucket', async () => {
    // Members of one org by join day; a recount of that org stops at `gate` (once) after reading them.
    let gate: { reached: () => void; open: Promise<void> } | null = null;
    registerFigureMetric({
      name: 'test.stalled',
      async *records({ from, to, orgId }) {
        const members = await MemberModel.find({
          joinedAt: { $gte: from, $lt: to },
          ...(orgId ? { orgId } : {}),
        }).lean();
        const stop = orgId ? gate : null;
        gate = null;
        if (stop) {
          stop.reached();
          await stop.open;
        }
        for (const member of members) {
          yield { orgId: member.orgId, orgPath: member.orgPath, at: member.joinedAt, amount: 1 };
        }
      },
    });
    const day = new Date(Date.now() - 200 * DAY_MS);
    const range = { from: chinaDateOf(day), to: chinaDateOf(day) };
    const mark = () => markFigureChanged('test.stalled', { ...orgOf(orgs.binjiangTech), at: day });
    await joinMember(orgs.binjiangTech, day);
    await mark();
    let open!: () => void;
    const reached = new Promise<void>((resolve) => {
      gate = { reached: resolve, open: new Promise((release) => (open = release)) };
    });
    // A settler claims the bucket, counts one member, and stalls past its claim.
    const stalled = settleFigureCounters();
    await reached;
    // Meanwhile a second member joins, and a settler whose clock says the claim ran out counts two.
    await joinMember(orgs.binjiangTech, day);
    await mark();
    await settleFigureCounters(500, new Date(Date.now() + 61_000));
    expect(await figureTotal('test.stalled', idOf(orgs.binjiang), range)).toBe(2);
    // The stalled one writes its count of one last, finds its claim gone, and marks the bucket again.
    open();
    await stalled;
    await settleAllFigures();
    expect(await figureTotal('test.stalled', idOf(orgs.binjiang), range)).toBe(2);
  });

  it('keeps a key per breakdown: a record moving to another key leaves the old key at 0 that day', async () => {
    registerFigureMetric({
      name: 'test.byOccupation',
      async *records({ from, to, orgId }) {
        const filter = { joinedAt: { $gte: from, $lt: to }, ...(orgId ? { orgId } : {}) };
        for (const member of await MemberModel.find(filter).lean()) {
          yield {
            orgId: member.orgId,
            orgPath: member.orgPath,
            at: member.joinedAt,
            amount: 1,
            key: member.occupation,
          };
        }
      },
    });
    const day = new Date(Date.UTC(2024, 1, 29, 4)); // 29 February, a leap day
    const member = await joinMember(orgs.xihuCommunity, day, { marks: 0 });
    await MemberModel.updateOne({ _id: member._id }, { $set: { occupation: 'rider' } });
    const mark = () => markFigureChanged('test.byOccupation', { ...orgOf(orgs.xihuCommunity), at: day });
    await Promise.all([mark(), mark()]);
    await settleAllFigures();
    const range = { from: '2024-02-01', to: '2024-03-31' };
    expect(await figureByKey('test.byOccupation', idOf(orgs.xihu), range)).toEqual(new Map([['rider', 1]]));
    expect(await figureSeries('test.byOccupation', idOf(orgs.city), range, 'month')).toEqual(new Map([['2024-02', 1]]));

    await MemberModel.updateOne({ _id: member._id }, { $set: { occupation: 'courier' } });
    await mark();
    await settleAllFigures();
    expect(await figureByKey('test.byOccupation', idOf(orgs.xihu), range)).toEqual(new Map([['courier', 1]]));
    expect(await figureTotal('test.byOccupation', idOf(orgs.xihu), range, { key: 'rider' })).toBe(0);
    expect(await figureTotal('test.byOccupation', idOf(orgs.xihu), { from: '2024-02-29', to: '2024-02-29' })).toBe(1);
  });

  it('answers every read of a report from one load per metric, the same as reading each alone', async () => {
    const thisYear = Number(chinaDateOf(Date.now()).slice(0, 4));
    const ranges = [
      { from: `${thisYear}-01-01`, to: `${thisYear}-12-31` },
      { from: chinaDateOf(Date.now() - 20 * DAY_MS), to: chinaDateOf(Date.now()) },
      { from: `${thisYear - 1}-01-01`, to: `${thisYear - 1}-12-31` },
      // Since the start: before the years the report loads.
      { from: '2024-01-01', to: `${thisYear}-12-31` },
    ];
    const groupings: FigureGrouping[] = [
      { by: 'total' },
      { by: 'day' },
      { by: 'month' },
      { by: 'org' },
      { by: 'child' },
    ];
    const reads = new CounterReads(idOf(orgs.city), { from: thisYear - 1, to: thisYear }, [idOf(orgs.xihu)]);
    let compared = 0;
    for (const metric of [METRIC, 'test.byOccupation']) {
      for (const org of [orgs.city, orgs.xihu]) {
        for (const range of ranges) {
          for (const grouping of groupings) {
            const alone = await figureGroups(metric, idOf(org), range, grouping);
            expect(await figureGroups(metric, idOf(org), range, grouping, reads), `${metric} ${grouping.by}`).toEqual(
              alone,
            );
            compared += alone.size;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(20);
    // An org the report did not name is read from the database, not from the subtree's load.
    expect(reads.covers(idOf(orgs.xihuTech), ranges[0]!)).toBe(false);
    expect(reads.covers(idOf(orgs.xihu), { from: `${thisYear + 1}-01-01`, to: `${thisYear + 1}-01-31` })).toBe(false);
  });
});
