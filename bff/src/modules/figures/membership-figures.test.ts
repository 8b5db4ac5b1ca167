/**
 * The membership figures as a cadre reads them, against the join applications and members built
 * through the API over a year and more: 会员人数's series by month and by day is the roster at each
 * bucket's end (members joined by then and not yet left), not the bucket's net change, and so is
 * its 同比 series and each child's value; 入会率 has a series once employees are recorded (the
 * roster at each bucket's end ÷ the employees) and reads 无数据 where none are; the median review
 * time equals the median worked out by hand from the applications, on odd and even counts.
 */
import { chinaDateOf, DAY_MS, dayOneYearEarlier, type FigureDetail, type FiguresReport } from '@union/shared';
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
import { startTestApi, type TestApi } from '../../../test/harness';
import { JoinApplicationModel } from '../membership/join-application.model';
import { MemberModel } from '../membership/member.model';
import { markFigureChanged, settleAllFigures } from './counters';

let api: TestApi;
let orgs: OrgTree;
const tokens = { city: '', xihu: '' };

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  await createStaff('members_fig_city', [{ role: 'union_staff', org: orgs.city }]);
  await createStaff('members_fig_xihu', [{ role: 'union_staff', org: orgs.xihu }]);
  tokens.city = await loginStaff(api, 'members_fig_city');
  tokens.xihu = await loginStaff(api, 'members_fig_xihu');
  await buildMembership();
});
afterAll(() => api.stop());
afterEach(() => vi.useRealTimers());

type Org = OrgTree[keyof OrgTree];
let serial = 0;
const chineseName = () =>
  `${'赵钱孙李周吴郑王冯陈'[serial % 10]}${'一二三四五六七八九十'[Math.floor(serial / 10) % 10]}明`;

/**
 * An application filed `waitDays` before its decision, decided `daysAgo` days (and `hoursAgo`
 * hours) before now, both through the API at those moments; answers the application's id.
 */
async function applyAndDecide(
  org: Org,
  daysAgo: number,
  waitDays: number,
  decision: 'approve' | 'reject' = 'approve',
  hoursAgo = 3,
): Promise<string> {
  serial += 1;
  const decidedAt = Date.now() - daysAgo * DAY_MS - hoursAgo * 3_600_000;
  vi.useFakeTimers({ now: decidedAt - waitDays * DAY_MS, toFake: ['Date'] });
  const { token } = await loginWechat(api, `wx-members-figures-${serial}`);
  const filed = await api.request('POST', '/api/join-applications', {
    token,
    body: {
      orgId: org.id,
      name: chineseName(),
      idNumber: makeIdNumber('330106', '19880101', String(200 + serial)),
      mobile: `1390003${String(serial).padStart(4, '0')}`,
      occupation: serial % 2 ? 'employee' : 'rider',
      employer: '杭州某公司',
      agreeToCharter: true,
    },
  });
  expect(filed.status, JSON.stringify(filed.body)).toBe(200);
  vi.setSystemTime(decidedAt);
  const decided = await api.request('POST', `/api/staff/join-applications/${filed.body.id}/${decision}`, {
    token: tokens.city,
    body: decision === 'reject' ? { reason: '所填单位与所选工会不符' } : undefined,
  });
  vi.useRealTimers();
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  return filed.body.id as string;
}

/** 转出 has no screen yet: the write that will sets both fields and marks the day, as done here. */
async function leave(applicationId: string, daysAgo: number) {
  const { memberId } = (await JoinApplicationModel.findById(applicationId).lean())!;
  const member = (await MemberModel.findById(memberId).lean())!;
  const leftAt = new Date(Date.now() - daysAgo * DAY_MS);
  await MemberModel.updateOne({ _id: member._id }, { $set: { status: 'transferred', leftAt } });
  await markFigureChanged('members.left', { orgId: member.orgId, orgPath: member.orgPath, at: leftAt });
}

/**
 * Over more than a year: roster members of 2020 (the first counter year), approvals months and
 * days ago with waits of 0 to 75 days, a rejection, and members who left before and within the
 * periods read.
 */
async function buildMembership() {
  const { xihuTech, xihuCommunity, binjiangTech } = orgs;
  for (const org of [xihuTech, binjiangTech]) {
    serial += 1;
    const person = {
      name: chineseName(),
      idNumber: makeIdNumber('330106', '19700101', String(200 + serial)),
      mobile: `1390004${String(serial).padStart(4, '0')}`,
    };
    await createMember(api.running.runtime.cipher, org, person);
    // A roster load has no API; the seed that does it rebuilds the counters, the test marks the one day.
    await markFigureChanged('members.joined', { orgId: org._id, orgPath: org.path, at: new Date('2020-05-01') });
  }
  const leftLongAgo = await applyAndDecide(xihuTech, 400, 2);
  const leftInPeriod = await applyAndDecide(xihuTech, 150, 5);
  await applyAndDecide(xihuCommunity, 100, 1);
  await applyAndDecide(xihuTech, 95, 13);
  await applyAndDecide(binjiangTech, 70, 3);
  await applyAndDecide(xihuTech, 60, 21);
  const leftLately = await applyAndDecide(xihuCommunity, 40, 0);
  await applyAndDecide(xihuTech, 35, 8, 'reject');
  await applyAndDecide(xihuCommunity, 10, 75);
  await applyAndDecide(xihuTech, 3, 4);
  await applyAndDecide(xihuCommunity, 1, 6, 'approve', 0);
  await applyAndDecide(binjiangTech, 0, 1, 'approve', 0);
  await leave(leftLongAgo, 200);
  await leave(leftInPeriod, 80);
  await leave(leftLately, 20);
  await settleAllFigures();
}

const today = () => chinaDateOf(new Date());
const daysAgo = (days: number) => chinaDateOf(Date.now() - days * DAY_MS);
const within = (orgPath: Types.ObjectId[], org: { _id: Types.ObjectId }) => orgPath.some((id) => id.equals(org._id));

/** The last day of a bucket ('YYYY-MM' or 'YYYY-MM-DD'), or the period's, if sooner. */
function bucketEnd(label: string, periodTo: string): string {
  if (label.length === 10) return label;
  const [year, month] = label.split('-').map(Number) as [number, number];
  const monthEnd = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  return monthEnd < periodTo ? monthEnd : periodTo;
}

/** Members of the scope on the roster at the end of `day`: joined by then and not left by then. */
async function rosterAt(
  day: string,
  inScope: (member: { orgId: Types.ObjectId; orgPath: Types.ObjectId[] }) => boolean,
) {
  const members = await MemberModel.find({}, { orgId: 1, orgPath: 1, joinedAt: 1, leftAt: 1 }).lean();
  return members.filter(
    (member) =>
      inScope(member) && chinaDateOf(member.joinedAt) <= day && (!member.leftAt || chinaDateOf(member.leftAt) > day),
  ).length;
}

async function detailOf(figure: string, query: string, token = tokens.city): Promise<FigureDetail> {
  const response = await api.request('GET', `/api/staff/figure?figure=${figure}&${query}`, { token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as FigureDetail;
}

const lastYearLabel = (label: string) =>
  label.length === 10 ? dayOneYearEarlier(label) : `${Number(label.slice(0, 4)) - 1}${label.slice(4)}`;

/** Each point of a series and its 同比 point, worked out by hand from the members. */
async function expectedSeries(
  detail: FigureDetail,
  value: (day: string) => Promise<number | null>,
): Promise<FigureDetail['series']> {
  const points = [];
  for (const point of detail.series) {
    points.push({
      label: point.label,
      value: await value(bucketEnd(point.label, detail.period.to)),
      lastYear: await value(bucketEnd(lastYearLabel(point.label), detail.comparedWith.to)),
    });
  }
  return points;
}

describe('membership figures', () => {
  // Six months to today: by month; the first month starts after the first members joined and some left.
  const months = () => {
    const [year, month] = today().split('-').map(Number) as [number, number];
    const first = new Date(Date.UTC(year, month - 6, 1)).toISOString().slice(0, 10);
    return `from=${first}&to=${today()}`;
  };

  it('shows 会员人数 at the end of each month and day, in total, for last year and by child', async () => {
    for (const [scope, token] of [
      [orgs.city, tokens.city],
      [orgs.xihu, tokens.xihu],
      [orgs.binjiang, tokens.city],
    ] as const) {
      const inScope = (member: { orgPath: Types.ObjectId[] }) => within(member.orgPath, scope);
      for (const query of [months(), `from=${daysAgo(44)}&to=${today()}`, `period=${today().slice(0, 4)}`]) {
        const detail = await detailOf('members.total', `${query}&orgId=${scope.id}`, token);
        expect(detail.series.length, query).toBeGreaterThan(0);
        expect(detail.series, `${scope.name} ${query}`).toEqual(
          await expectedSeries(detail, (day) => rosterAt(day, inScope)),
        );
        expect(detail.figure.value).toBe(await rosterAt(detail.period.to, inScope));
        expect(detail.figure.lastYear).toBe(await rosterAt(detail.comparedWith.to, inScope));
        for (const row of detail.byChild) {
          const child = Object.values(orgs).find((org) => org.id === row.org.id)!;
          expect(row.value, row.org.name).toBe(
            await rosterAt(detail.period.to, (member) => within(member.orgPath, child)),
          );
        }
      }
    }
    // The city's roster rose and fell over the six months: a net change per month would differ.
    const detail = await detailOf('members.total', months());
    const values = detail.series.map((point) => point.value);
    expect(new Set(values).size).toBeGreaterThan(2);
    expect(values.every((value) => (value ?? 0) > 0)).toBe(true);
  });

  it('gives 入会率 a series once employees are recorded, and 无数据 where none are', async () => {
    const before = await detailOf('members.joinRate', months());
    expect(before.figure.value).toBeNull();
    expect(before.series.length).toBeGreaterThan(0);
    expect(before.series.every((point) => point.value === null && point.lastYear === null)).toBe(true);

    for (const [org, employeeCount] of [
      [orgs.xihuTech, 20],
      [orgs.xihuCommunity, 10],
    ] as const) {
      const set = await api.request('PUT', `/api/staff/organizations/${org.id}/employee-count`, {
        token: tokens.xihu,
        body: { employeeCount },
      });
      expect(set.status, JSON.stringify(set.body)).toBe(200);
    }
    // The members of the two unions themselves, at each bucket's end, ÷ their 30 employees.
    const counted = [String(orgs.xihuTech._id), String(orgs.xihuCommunity._id)];
    const rateAt = async (day: string) =>
      (await rosterAt(day, (member) => counted.includes(String(member.orgId)))) / 30;
    for (const query of [months(), `from=${daysAgo(44)}&to=${today()}`]) {
      const detail = await detailOf('members.joinRate', query);
      const expected = await expectedSeries(detail, rateAt);
      expect(detail.series.map((point) => point.label)).toEqual(expected.map((point) => point.label));
      detail.series.forEach((point, index) => {
        expect(point.value, point.label).toBeCloseTo(expected[index]!.value!, 10);
        expect(point.lastYear, point.label).toBeCloseTo(expected[index]!.lastYear!, 10);
      });
      expect(detail.figure.value).toBeCloseTo(await rateAt(detail.period.to), 10);
      const byChild = new Map(detail.byChild.map((row) => [row.org.name, row.value]));
      expect(byChild.get('西湖区总工会')).toBeCloseTo(await rateAt(detail.period.to), 10);
      expect(byChild.get('滨江区总工会')).toBeNull();
    }
    // 滨江 recorded no employees: 无数据 throughout, though it has members.
    const binjiang = await detailOf('members.joinRate', `${months()}&orgId=${orgs.binjiang.id}`);
    expect(await rosterAt(today(), (member) => within(member.orgPath, orgs.binjiang))).toBeGreaterThan(0);
    expect(binjiang.figure.value).toBeNull();
    expect(binjiang.series.every((point) => point.value === null)).toBe(true);
  });

  it('reads the median review time the applications give, on odd and even counts', async () => {
    const period = { from: daysAgo(200), to: today() };
    const lastYear = { from: dayOneYearEarlier(period.from), to: dayOneYearEarlier(period.to) };
    const applications = await JoinApplicationModel.find({ status: { $in: ['approved', 'rejected'] } }).lean();
    /** Whole days from submission to decision of the scope's applications decided in the range. */
    const waits = (org: { _id: Types.ObjectId }, range: { from: string; to: string }) =>
      applications
        .filter((application) => within(application.orgPath, org))
        .filter((application) => {
          const day = chinaDateOf(application.decidedAt!);
          return day >= range.from && day <= range.to;
        })
        .map((application) =>
          Math.floor((application.decidedAt!.getTime() - application.submittedAt.getTime()) / DAY_MS),
        );
    const medianOf = (values: number[]) => {
      if (values.length === 0) return null;
      const sorted = [...values].sort((a, b) => a - b);
      const middle = Math.floor(sorted.length / 2);
      return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
    };
    const cases = [
      { org: orgs.xihuTech, count: 5 }, // 4 5 8 13 21, one of them rejected
      { org: orgs.xihuCommunity, count: 4 }, // 0 1 6 75
      { org: orgs.xixi, count: 9 },
      { org: orgs.city, count: 11 },
    ];
    for (const { org, count } of cases) {
      const response = await api.request(
        'GET',
        `/api/staff/figures?from=${period.from}&to=${period.to}&orgId=${org.id}`,
        { token: tokens.city },
      );
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const figure = (response.body as FiguresReport).sections
        .flatMap((section) => section.figures)
        .find((candidate) => candidate.key === 'members.medianApprovalDays')!;
      expect(waits(org, period), org.name).toHaveLength(count);
      expect(figure.value, org.name).toBe(medianOf(waits(org, period)));
      expect(figure.lastYear, org.name).toBe(medianOf(waits(org, lastYear)));
    }
    expect(medianOf(waits(orgs.xihuCommunity, period))).toBe(3.5);
    expect(medianOf(waits(orgs.xihuTech, lastYear))).toBe(2);
    expect(medianOf(waits(orgs.binjiang, lastYear))).toBeNull();
  });
});
