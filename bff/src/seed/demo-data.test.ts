import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  ACTIVITY_KINDS,
  chinaDateOf,
  AidProgrammeInputSchema,
  commitmentOf,
  occupiesPlace,
  type EntryStatus,
  isValidIdNumber,
  isValidMobile,
  OpeningHoursSchema,
  StationInputSchema,
} from '@union/shared';
import { ActivityModel, type ActivityDoc } from '../modules/activities/activity.model';
import { EntryModel } from '../modules/activities/entry.model';
import { GroupPlacesModel } from '../modules/activities/group-places.model';
import { LotteryModel } from '../modules/activities/lottery.model';
import { waitlistPosition } from '../modules/activities/places';
import { AidProgrammeModel } from '../modules/aid/aid-programme.model';
import { DEMO_ACTIVITY_TITLES } from './demo-activity-catalogue';
import { DEMO_CONTEST_TITLE, DEMO_JUDGES } from './demo-contests';
import { ContestModel, type ContestDoc } from '../modules/contests/contest.model';
import { ContestJudgeModel } from '../modules/contests/judge.model';
import { ScoreSheetModel } from '../modules/contests/sheet.model';
import { DEMO_AID_PROGRAMME } from './demo-aid';
import { StationModel, type StationDoc } from '../modules/stations/station.model';
import { hoursOf } from '../modules/stations/presenter';
import { DEMO_STATION } from './demo-stations';
import { createFieldCipher, type FieldCipher } from '../crypto/field-encryption';
import { ensureIndexes } from '../db/connect';
import { createLogger } from '../logger';
import { AccountModel, type AccountDoc } from '../modules/auth/account.model';
import { verifyPassword } from '../modules/auth/passwords';
import { JoinApplicationModel, type JoinApplicationDoc } from '../modules/membership/join-application.model';
import { MemberModel, type MemberDoc } from '../modules/membership/member.model';
import { nextMemberNo } from '../modules/membership/member-number';
import { OrganizationModel, type OrganizationDoc } from '../modules/organizations/organization.model';
import { seedDemoData } from './demo-data';
import { connectModules } from '../connect-modules';
import { figureTotal } from '../modules/figures/read';
import { buildOrganizations, CITY_GIG_WORKERS_FEDERATION, XIHU_COURIERS_FEDERATION } from './demo-organizations';
import { DEMO_OTHER_APPLICANTS, DEMO_PEOPLE, DEMO_STAFF } from './demo-people';
import { generateRoster } from './demo-roster';
import { createRandom } from '../seeded-random';
import { createIdFactory } from './deterministic-ids';

const key = () => randomBytes(32).toString('base64');
const cipher: FieldCipher = createFieldCipher(key(), key());
const logger = createLogger('silent');

let firstRun: { created: boolean };
let orgs: OrganizationDoc[];
let members: MemberDoc[];

beforeAll(async () => {
  await mongoose.connect(inject('mongoUri'), { dbName: `seed_${randomBytes(6).toString('hex')}` });
  await ensureIndexes();
  connectModules();
  firstRun = await seedDemoData({ cipher, logger });
  orgs = await OrganizationModel.find().lean<OrganizationDoc[]>();
  members = await MemberModel.find().lean<MemberDoc[]>();
});

afterAll(async () => {
  // Real MongoDB can drop; the embedded one cannot, and its data dies with the run anyway.
  if (process.env.MONGODB_URI) await mongoose.connection.db?.dropDatabase();
  await mongoose.disconnect();
});

const orgNamed = (name: string) => orgs.find((org) => org.name === name)!;
const memberWithIdNumber = (idNumber: string) =>
  members.find((member) => member.idNumberIndex === cipher.blindIndex('idNumber', idNumber));

describe('demo data', () => {
  it('seeds once: a second run finds the organisations and leaves everything as it was', async () => {
    expect(firstRun).toEqual({ created: true });
    const counts = async () => [
      await OrganizationModel.countDocuments(),
      await MemberModel.countDocuments(),
      await AccountModel.countDocuments(),
      await JoinApplicationModel.countDocuments(),
    ];
    const before = await counts();
    expect(await seedDemoData({ cipher, logger })).toEqual({ created: false });
    expect(await counts()).toEqual(before);
  });

  it('builds Hangzhou’s tree with a correct materialized path for every organisation', () => {
    const city = orgNamed('杭州市总工会');
    const byId = new Map(orgs.map((org) => [String(org._id), org]));
    for (const org of orgs) {
      expect(String(org.path.at(-1))).toBe(String(org._id));
      expect(String(org.path[0])).toBe(String(city._id));
      const parent = org.parentId ? byId.get(String(org.parentId))! : null;
      expect(org.path.map(String)).toEqual([...(parent?.path.map(String) ?? []), String(org._id)]);
    }
    const districts = orgs.filter((org) => org.level === 'district' && org.kind === 'regional');
    expect(districts).toHaveLength(13);
    expect(orgs.filter((org) => org.level === 'grassroots' && org.acceptsMembers).length).toBeGreaterThanOrEqual(20);
    for (const name of [CITY_GIG_WORKERS_FEDERATION, XIHU_COURIERS_FEDERATION]) {
      expect(orgNamed(name)).toMatchObject({ kind: 'industry', acceptsMembers: true });
    }
    expect(orgNamed(XIHU_COURIERS_FEDERATION).parentId).toEqual(orgNamed('西湖区总工会')._id);
  });

  it('stores valid, encrypted ID and mobile numbers whose blind indexes match', async () => {
    expect(members.length).toBeGreaterThanOrEqual(180);
    const applications = await JoinApplicationModel.find().lean<JoinApplicationDoc[]>();
    for (const record of [...members, ...applications]) {
      const idNumber = cipher.decrypt(record.idNumberSealed);
      const mobile = cipher.decrypt(record.mobileSealed);
      expect(isValidIdNumber(idNumber), idNumber).toBe(true);
      expect(isValidMobile(mobile), mobile).toBe(true);
      expect(record.idNumberIndex).toBe(cipher.blindIndex('idNumber', idNumber));
      expect(record.mobileIndex).toBe(cipher.blindIndex('mobile', mobile));
    }
    expect(new Set(members.map((member) => member.idNumberIndex)).size).toBe(members.length);
  });

  it('files every member under a union that accepts members, with its path', () => {
    for (const member of members) {
      const org = orgs.find((candidate) => String(candidate._id) === String(member.orgId))!;
      expect(org.acceptsMembers).toBe(true);
      expect(member.orgPath.map(String)).toEqual(org.path.map(String));
    }
    const industryIds = [CITY_GIG_WORKERS_FEDERATION, XIHU_COURIERS_FEDERATION].map((name) =>
      String(orgNamed(name)._id),
    );
    const gigWorkers = members.filter((member) => industryIds.includes(String(member.orgId)));
    expect(gigWorkers.length).toBeGreaterThanOrEqual(20);
    for (const worker of gigWorkers) expect(worker.occupation).not.toBe('employee');
    expect(members.filter((member) => member.status === 'suspended').length).toBeGreaterThanOrEqual(3);
    expect(members.filter((member) => member.status === 'transferred')).toHaveLength(1);
  });

  it('issues unique member numbers from the shared counter, so later approvals continue the sequence', async () => {
    const numbers = members.map((member) => member.memberNo);
    for (const memberNo of numbers) expect(memberNo).toMatch(/^3301\d{8}$/);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(await nextMemberNo()).toBe(`3301${String(members.length + 1).padStart(8, '0')}`);
  });

  it('binds 李娜 and 陈静 both ways, leaves 张伟 unbound and 赵强 and 王芳 out of the roster', async () => {
    for (const person of [DEMO_PEOPLE.liNa, DEMO_PEOPLE.chenJing]) {
      const member = memberWithIdNumber(person.idNumber)!;
      const account = await AccountModel.findOne({ openid: person.openid }).lean<AccountDoc>();
      expect(member).toMatchObject({ name: person.name, status: person.member.status });
      expect(account).toMatchObject({ kind: 'wechat', displayName: person.name });
      expect(String(member.boundAccountId)).toBe(String(account!._id));
      expect(String(account!.memberId)).toBe(String(member._id));
    }
    const zhang = memberWithIdNumber(DEMO_PEOPLE.zhangWei.idNumber)!;
    expect(zhang).toMatchObject({ name: '张伟', boundAccountId: null, status: 'active' });
    expect(cipher.decrypt(zhang.mobileSealed)).toBe(DEMO_PEOPLE.zhangWei.mobile);
    expect(zhang.orgPath.map(String)).toContain(String(orgNamed('西湖区总工会')._id));
    expect(memberWithIdNumber(DEMO_PEOPLE.zhaoQiang.idNumber)).toBeUndefined();
    expect(memberWithIdNumber(DEMO_PEOPLE.wangFang.idNumber)).toBeUndefined();
  });

  it('queues pending applications for 王芳 and the other applicants, each holding its open-application slot', async () => {
    for (const person of [DEMO_PEOPLE.wangFang, ...DEMO_OTHER_APPLICANTS]) {
      const account = await AccountModel.findOne({ openid: person.openid }).lean<AccountDoc>();
      const application = await JoinApplicationModel.findOne({ accountId: account!._id }).lean<JoinApplicationDoc>();
      expect(application).toMatchObject({
        name: person.name,
        status: 'pending',
        orgId: orgNamed(person.orgName)._id,
        idNumberIndex: cipher.blindIndex('idNumber', person.idNumber),
        openIdNumberIndex: cipher.blindIndex('idNumber', person.idNumber),
        openAccountId: account!._id,
        occupation: person.occupation,
      });
    }
    const wang = await JoinApplicationModel.findOne({ name: '王芳' }).lean<JoinApplicationDoc>();
    expect(wang!.orgPath.map(String)).toContain(String(orgNamed('西溪街道总工会')._id));
    const binjiang = await JoinApplicationModel.countDocuments({ orgPath: orgNamed('滨江区总工会')._id });
    expect(binjiang).toBeGreaterThanOrEqual(1);
  });

  it('creates every demo staff login with its password and grant', async () => {
    for (const staff of DEMO_STAFF) {
      const account = await AccountModel.findOne({ username: staff.username }).lean<AccountDoc>();
      expect(account).toMatchObject({ kind: 'staff', displayName: staff.displayName });
      expect(account!.grants).toEqual([{ role: staff.role, orgId: orgNamed(staff.orgName)._id }]);
      expect(await verifyPassword(account!.passwordHash, staff.password)).toBe(true);
    }
  });

  it('builds the daily 入会人数 counters from the seeded roster: the city total and each district equal the members', async () => {
    const city = orgs.find((org) => org.parentId === null)!;
    const allTime = { from: '1949-10-01', to: chinaDateOf(Date.now() + 86_400_000) };
    expect(await figureTotal('members.joined', city._id, allTime)).toBe(members.length);
    for (const district of orgs.filter((org) => String(org.parentId) === String(city._id))) {
      const inDistrict = members.filter((member) => member.orgPath.some((id) => String(id) === String(district._id)));
      expect(await figureTotal('members.joined', district._id, allTime), district.name).toBe(inDistrict.length);
    }
    const riders = members.filter((member) => member.occupation === 'rider').length;
    expect(await figureTotal('members.joined', city._id, allTime, { key: 'rider' })).toBe(riders);
    expect(await figureTotal('members.applications', city._id, allTime)).toBe(
      await JoinApplicationModel.countDocuments(),
    );
  });

  it('gives some unions an employee count (入会率) at least their roster, and leaves others unknown', () => {
    const counted = orgs.filter((org) => org.employeeCount !== null);
    expect(counted.length).toBeGreaterThanOrEqual(8);
    expect(orgs.filter((org) => org.acceptsMembers && org.employeeCount === null).length).toBeGreaterThanOrEqual(3);
    for (const org of counted) {
      const roster = members.filter((member) => String(member.orgId) === String(org._id)).length;
      expect(org.employeeCount!, org.name).toBeGreaterThanOrEqual(roster);
    }
  });

  it('generates the same organisations and roster on every run', () => {
    const generate = () => {
      const newId = createIdFactory();
      const organizations = buildOrganizations(() => newId(new Date(0)));
      const roster = generateRoster(createRandom(7), organizations, { names: [], idNumbers: [], mobiles: [] });
      return { organizations, roster };
    };
    expect(generate()).toEqual(generate());
  });
});

describe('demo stations', () => {
  it('places about 300 valid stations in Hangzhou, each with its own revision', async () => {
    const stations = await StationModel.find().lean<StationDoc[]>();
    expect(stations.length).toBeGreaterThanOrEqual(280);
    expect(new Set(stations.map((station) => station.revision)).size).toBe(stations.length);
    for (const station of stations) {
      // Roughly the city's extent, from 建德 in the south-west to 临平 in the north-east.
      expect(station.location.lat).toBeGreaterThan(29.2);
      expect(station.location.lat).toBeLessThan(30.7);
      expect(station.location.lng).toBeGreaterThan(118.8);
      expect(station.location.lng).toBeLessThan(120.6);
      const input = StationInputSchema.safeParse({
        name: station.name,
        type: station.type,
        hostName: station.hostName,
        address: station.address,
        location: station.location,
        orgId: String(station.orgId),
        phone: station.phone,
        amenities: station.amenities,
        hours: hoursOf(station),
        description: station.description,
      });
      expect(input.success, `${station.name}: ${JSON.stringify(input.error?.issues)}`).toBe(true);
      expect(OpeningHoursSchema.safeParse(hoursOf(station)).success).toBe(true);
      expect(orgs.some((org) => String(org._id) === String(station.orgId))).toBe(true);
    }
  });

  it('includes the 24-hour demo station next to 西溪街道, run by that street', async () => {
    const station = await StationModel.findOne({ name: DEMO_STATION.name }).lean<StationDoc>();
    expect(station?.hours?.alwaysOpen).toBe(true);
    expect(String(station?.orgId)).toBe(String(orgNamed(DEMO_STATION.orgName)._id));
  });
});

describe('demo tuition aid', () => {
  it('opens the 2026 programme, valid by the contract, reviewed by street then district', async () => {
    const [programme] = await AidProgrammeModel.find().lean();
    expect(programme?.name).toBe(DEMO_AID_PROGRAMME.name);
    const input = AidProgrammeInputSchema.safeParse({
      name: programme!.name,
      year: programme!.year,
      orgId: String(programme!.orgId),
      applyFrom: programme!.applyFrom,
      applyTo: programme!.applyTo,
      tiers: programme!.tiers,
      eligibility: programme!.eligibility,
      requiredDocuments: programme!.requiredDocuments,
      reviewChain: programme!.reviewChain,
      noticeDays: programme!.noticeDays,
    });
    expect(input.success, JSON.stringify(input.error?.issues)).toBe(true);
    expect(programme!.reviewChain).toEqual(['street', 'district']);
  });
});

describe('demo activities', () => {
  let activities: ActivityDoc[];
  const now = new Date();
  const named = (key: keyof typeof DEMO_ACTIVITY_TITLES) =>
    activities.find((activity) => activity.title === DEMO_ACTIVITY_TITLES[key])!;
  const isOpen = (activity: ActivityDoc) => activity.signUpOpensAt <= now && now < activity.signUpClosesAt;
  beforeAll(async () => {
    activities = await ActivityModel.find().lean<ActivityDoc[]>();
  });

  it('publishes every kind, hosted across the city, each named in DEMO_ACTIVITY_TITLES (and the demo contest)', () => {
    expect(activities.map((activity) => activity.title).sort()).toEqual(
      [...Object.values(DEMO_ACTIVITY_TITLES), DEMO_CONTEST_TITLE].sort(),
    );
    expect(new Set(activities.map((activity) => activity.kind))).toEqual(new Set(ACTIVITY_KINDS));
    for (const activity of activities) expect(activity.status).toBe('published');
    const districtOf = (activity: ActivityDoc) => String(activity.orgPath[1] ?? activity.orgPath[0]);
    expect(new Set(activities.map(districtOf)).size).toBeGreaterThanOrEqual(5);
  });

  it('has a lottery open for sign-up whose published commitment is the hash of its sealed seed', async () => {
    const lotteries = activities.filter((a) => isOpen(a) && a.groups.some((g) => g.allocation === 'lottery'));
    expect(lotteries.length).toBeGreaterThanOrEqual(1);
    for (const activity of lotteries) {
      const lottery = await LotteryModel.findOne({ activityId: activity._id }).lean();
      expect(lottery).toMatchObject({ seed: null, drawnAt: null });
      expect(lottery!.commitment).toBe(commitmentOf(cipher.decrypt(lottery!.seedSealed)));
      expect(lottery!.committedAt.getTime()).toBeLessThanOrEqual(now.getTime());
    }
    const ready = named('readyToDraw');
    expect(ready.signUpClosesAt.getTime()).toBeLessThan(now.getTime());
    const committed = await LotteryModel.findOne({ activityId: ready._id }).lean();
    expect(committed!.committedAt.getTime()).toBeLessThan(ready.signUpClosesAt.getTime());
    expect(await EntryModel.countDocuments({ activityId: ready._id, status: 'awaiting_draw' })).toBeGreaterThan(
      ready.groups[0]!.capacity,
    );
  });

  it('counts every group’s free places as its capacity less the entries holding one', async () => {
    const counters = await GroupPlacesModel.find().lean();
    expect(counters).toHaveLength(activities.reduce((sum, activity) => sum + activity.groups.length, 0));
    for (const counter of counters) {
      const entries = await EntryModel.find({ activityId: counter.activityId, groupId: counter.groupId }).lean();
      const holding = entries.filter((entry) => occupiesPlace(entry.status as EntryStatus)).length;
      expect(counter.free, `${String(counter.activityId)} ${counter.groupId}`).toBe(counter.capacity - holding);
    }
  });

  it('has a full first-come group, open for sign-up, with members waiting in arrival order', async () => {
    const full = [];
    for (const activity of activities.filter(isOpen)) {
      for (const group of activity.groups.filter((candidate) => candidate.allocation === 'first_come')) {
        const counter = await GroupPlacesModel.findOne({ activityId: activity._id, groupId: group.id }).lean();
        const waiting = await EntryModel.find({ activityId: activity._id, groupId: group.id, status: 'waitlisted' })
          .sort({ _id: 1 })
          .lean();
        if (counter!.free === 0 && waiting.length > 0) full.push(waiting);
      }
    }
    expect(full).toHaveLength(1);
    const positions = await Promise.all(full[0]!.map((entry) => waitlistPosition(entry)));
    expect(positions).toEqual(full[0]!.map((_, index) => index + 1));
    expect(positions.length).toBeGreaterThanOrEqual(3);
  });

  it('charges for an activity open now, the union paying part of the fee', () => {
    const paid = activities.filter((activity) => isOpen(activity) && activity.fee.priceFen > 0);
    expect(paid.length).toBeGreaterThanOrEqual(1);
    for (const activity of paid) {
      expect(activity.fee.subsidyFen).toBeGreaterThan(0);
      expect(activity.fee.subsidyFen).toBeLessThan(activity.fee.priceFen);
    }
  });

  it('runs a course of four sessions, a team group, and a sign-up closing within a day', () => {
    const course = named('course');
    expect(course).toMatchObject({ kind: 'training', requiredSessions: 3 });
    expect(course.sessions).toHaveLength(4);
    const teams = activities.flatMap((activity) => activity.groups).filter((group) => group.team);
    expect(teams.length).toBeGreaterThanOrEqual(1);
    const closingSoon = activities.filter(
      (activity) => isOpen(activity) && activity.signUpClosesAt.getTime() - now.getTime() < 86_400_000,
    );
    expect(closingSoon.length).toBeGreaterThanOrEqual(1);
  });
});

describe('demo contest', () => {
  it('has 理论 closed with the three who scored 80 or more advancing and 实操 open for both demo judges', async () => {
    const activity = (await ActivityModel.findOne({ title: DEMO_CONTEST_TITLE }).lean())!;
    const contest = (await ContestModel.findOne({ activityId: activity._id }).lean<ContestDoc>())!;
    expect(contest.rounds.map((round) => [round.id, round.status])).toEqual([
      ['theory', 'closed'],
      ['practice', 'open'],
    ]);
    expect(contest.rounds[0]!.advancedIds).toHaveLength(3);
    const liNa = await MemberModel.findOne({ name: DEMO_PEOPLE.liNa.name }).lean();
    const liNaEntry = await EntryModel.findOne({ activityId: activity._id, memberId: liNa!._id }).lean();
    expect(contest.rounds[0]!.advancedIds).toContain(String(liNaEntry!._id));
    for (const judge of DEMO_JUDGES) {
      const account = (await AccountModel.findOne({ openid: judge.openid }).lean())!;
      const role = await ContestJudgeModel.findOne({
        activityId: activity._id,
        accountId: account._id,
        status: 'active',
      }).lean();
      expect(role?.displayName).toBe(judge.name);
    }
    expect(
      await ScoreSheetModel.countDocuments({ activityId: activity._id, roundId: 'theory', status: 'submitted' }),
    ).toBe(12);
    expect(await ScoreSheetModel.countDocuments({ activityId: activity._id, roundId: 'practice' })).toBe(0);
  });
});
