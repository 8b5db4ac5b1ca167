/**
 * Demo data for development and demonstrations: Hangzhou's union tree, a roster
 * of about 230 members, the named demo people and staff logins (demo-people.ts).
 * Deterministic (seeded PRNG, fixed dates, ids derived from them) and idempotent.
 */
import type { Types } from 'mongoose';
import type { FieldCipher } from '../crypto/field-encryption';
import type { Logger } from '../logger';
import { AccountModel } from '../modules/auth/account.model';
import { hashPassword } from '../modules/auth/passwords';
import { JoinApplicationModel } from '../modules/membership/join-application.model';
import { MemberModel } from '../modules/membership/member.model';
import { nextMemberNo } from '../modules/membership/member-number';
import { OrganizationModel } from '../modules/organizations/organization.model';
import { buildOrganizations, CITY_FEDERATION, type SeedOrganization } from './demo-organizations';
import { DEMO_OTHER_APPLICANTS, DEMO_PEOPLE, DEMO_STAFF, DEMO_STAFF_PASSWORD, type DemoPerson } from './demo-people';
import { generateRoster, type RosterEntry } from './demo-roster';
import { buildDemoAidProgramme, DEMO_AID_PROGRAMME } from './demo-aid';
import { seedDemoBenefits } from './benefits-data';
import { seedDemoActivities } from './demo-activities';
import { DEMO_CONTEST_HOST, seedDemoContests } from './demo-contests';
import { seedDemoQuizzes } from './demo-quizzes';
import { rebuildFigureCounters } from '../modules/figures/counters';
import { buildDemoStations } from './demo-stations';
import { createRandom } from '../seeded-random';
import { createIdFactory, utcDate } from './deterministic-ids';
import { reserveSequence } from '../db/counters';
import { StationModel } from '../modules/stations/station.model';
import { AidProgrammeModel } from '../modules/aid/aid-programme.model';

const SEED = 20260101;
const FEDERATION_FOUNDED = utcDate(2014, 1, 1);
const STAFF_ACCOUNTS_CREATED = utcDate(2015, 1, 1);
const STATIONS_OPENED = utcDate(2022, 6, 1);

type SeedDocument = Record<string, unknown> & { _id: Types.ObjectId };

const organizationNamed =
  (organizations: SeedOrganization[]) =>
  (name: string): SeedOrganization => {
    const org = organizations.find((candidate) => candidate.name === name);
    if (!org) throw new Error(`demo data refers to an unknown organisation: ${name}`);
    return org;
  };

/**
 * The roster the seed loads: the named people who are members, then the generated ones,
 * in joining order (member numbers follow it). Deterministic, so a benchmark can sign in
 * and bind (实名绑定) as any of them with the same name, ID number and mobile.
 */
export function buildDemoRoster(organizations: SeedOrganization[]): RosterEntry[] {
  const orgNamed = organizationNamed(organizations);
  const namedPeople: DemoPerson[] = [...Object.values(DEMO_PEOPLE), ...DEMO_OTHER_APPLICANTS];
  const roster: RosterEntry[] = [
    ...namedPeople.flatMap((person) =>
      person.member
        ? [{ ...person, org: orgNamed(person.orgName), joinedAt: person.member.joinedAt, status: person.member.status }]
        : [],
    ),
    ...generateRoster(createRandom(SEED), organizations, {
      names: namedPeople.map((person) => person.name),
      idNumbers: namedPeople.map((person) => person.idNumber),
      mobiles: namedPeople.map((person) => person.mobile),
    }),
  ];
  return roster.sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime());
}

export async function seedDemoData(options: { cipher: FieldCipher; logger: Logger }): Promise<{ created: boolean }> {
  const { cipher, logger } = options;
  if (await OrganizationModel.exists({})) {
    logger.info('organisations already exist: demo data not seeded');
    return { created: false };
  }
  const started = performance.now();
  // Argon2 is deliberately slow: hash once, while the rest is prepared, and share it.
  const passwordHash = hashPassword(DEMO_STAFF_PASSWORD);

  const newId = createIdFactory();
  const organizations = buildOrganizations(() => newId(FEDERATION_FOUNDED));
  const orgNamed = organizationNamed(organizations);
  const namedPeople: DemoPerson[] = [...Object.values(DEMO_PEOPLE), ...DEMO_OTHER_APPLICANTS];
  const roster = buildDemoRoster(organizations);

  const sealed = (person: { idNumber: string; mobile: string }) => ({
    idNumberSealed: cipher.encrypt(person.idNumber),
    idNumberIndex: cipher.blindIndex('idNumber', person.idNumber),
    mobileSealed: cipher.encrypt(person.mobile),
    mobileIndex: cipher.blindIndex('mobile', person.mobile),
  });

  const members: SeedDocument[] = [];
  const memberIdByIdNumber = new Map<string, Types.ObjectId>();
  for (const entry of roster) {
    const _id = newId(entry.joinedAt);
    memberIdByIdNumber.set(entry.idNumber, _id);
    members.push({
      _id,
      // Taken from the shared counter, so that later approvals continue the sequence.
      memberNo: await nextMemberNo(),
      name: entry.name,
      ...sealed(entry),
      occupation: entry.occupation,
      employer: entry.employer,
      orgId: entry.org._id,
      orgPath: entry.org.path,
      joinedAt: entry.joinedAt,
      status: entry.status,
      leftAt: entry.leftAt ?? null,
      boundAccountId: null,
    });
  }

  // WeChat accounts of the named people who are bound or have applied; the others
  // (张伟, 赵强) get theirs on first sign-in, as real users do.
  const accounts: SeedDocument[] = [];
  const applications: SeedDocument[] = [];
  for (const person of namedPeople) {
    if (!person.member?.bound && !person.pendingApplication) continue;
    const account: SeedDocument = {
      _id: newId(person.pendingApplication?.submittedAt ?? person.member!.joinedAt),
      kind: 'wechat',
      openid: person.openid,
      // What the WeChat emulator reports as the unionid of this openid.
      unionid: `union-${person.openid}`,
      displayName: person.name,
    };
    accounts.push(account);
    if (person.member?.bound) {
      const memberId = memberIdByIdNumber.get(person.idNumber)!;
      account.memberId = memberId;
      members.find((member) => member._id === memberId)!.boundAccountId = account._id;
    }
    if (person.pendingApplication) {
      const org = orgNamed(person.orgName);
      const { idNumberIndex, ...otherSealed } = sealed(person);
      applications.push({
        _id: newId(person.pendingApplication.submittedAt),
        accountId: account._id,
        orgId: org._id,
        orgPath: org.path,
        name: person.name,
        idNumberIndex,
        ...otherSealed,
        occupation: person.occupation,
        employer: person.employer,
        status: 'pending',
        submittedAt: person.pendingApplication.submittedAt,
        decidedAt: null,
        decidedBy: null,
        rejectReason: null,
        memberId: null,
        memberNo: null,
        // Pending applications carry these so the unique indexes allow one open application per person and account.
        openIdNumberIndex: idNumberIndex,
        openAccountId: account._id,
      });
    }
  }

  const hash = await passwordHash;
  for (const staff of DEMO_STAFF) {
    accounts.push({
      _id: newId(STAFF_ACCOUNTS_CREATED),
      kind: 'staff',
      username: staff.username,
      passwordHash: hash,
      displayName: staff.displayName,
      grants: [{ role: staff.role, orgId: orgNamed(staff.orgName)._id }],
    });
  }

  const unstamped = buildDemoStations({
    random: createRandom(SEED + 1),
    orgNamed,
    newId: () => newId(STATIONS_OPENED),
  });
  const firstRevision = await reserveSequence('stationRevision', unstamped.length);
  const stations = unstamped.map((station, index) => ({ ...station, revision: firstRevision + index }));

  const cityAdmin = accounts.find((account) => account.username === 'city_admin')!;
  const aidProgramme = buildDemoAidProgramme({
    _id: newId(utcDate(2026, 6, 15)),
    org: orgNamed(DEMO_AID_PROGRAMME.orgName),
    createdBy: cityAdmin._id,
  });

  await MemberModel.insertMany(members);
  await AidProgrammeModel.insertMany([aidProgramme]);
  await StationModel.insertMany(stations);
  await AccountModel.insertMany(accounts);
  await JoinApplicationModel.insertMany(applications);
  const benefits = await seedDemoBenefits({ random: createRandom(SEED + 2), orgNamed, newId, passwordHash: hash });
  const liNa = DEMO_PEOPLE.liNa;
  const namedIdNumbers = new Set(namedPeople.map((person) => person.idNumber));
  const activities = await seedDemoActivities({
    cipher,
    orgNamed,
    organiser: { accountId: cityAdmin._id, orgId: orgNamed(CITY_FEDERATION)._id },
    liNa: {
      accountId: accounts.find((account) => account.openid === liNa.openid)!._id,
      memberId: memberIdByIdNumber.get(liNa.idNumber)!,
    },
    // The named people keep every activity open to try for themselves.
    entrants: roster.filter((entry) => !namedIdNumbers.has(entry.idNumber)),
    newId,
    now: new Date(),
  });
  const contestHost = orgNamed(DEMO_CONTEST_HOST);
  const contests = await seedDemoContests({
    cipher,
    host: contestHost,
    organiser: { accountId: accounts.find((account) => account.username === 'district_staff')!._id },
    newId,
    liNa: {
      accountId: accounts.find((account) => account.openid === liNa.openid)!._id,
      memberId: memberIdByIdNumber.get(liNa.idNumber)!,
    },
    entrants: roster.filter(
      (entry) =>
        !namedIdNumbers.has(entry.idNumber) &&
        entry.org.path.some((ancestor) => String(ancestor) === String(contestHost._id)),
    ),
    now: new Date(),
  });
  const quizzes = await seedDemoQuizzes({
    host: orgNamed(CITY_FEDERATION),
    organiser: { accountId: cityAdmin._id },
    // A few dozen roster members across the city took the quiz; the named people keep it to try.
    takers: roster
      .filter((entry, index) => entry.status === 'active' && !namedIdNumbers.has(entry.idNumber) && index % 7 === 0)
      .slice(0, 36)
      .map((entry) => memberIdByIdNumber.get(entry.idNumber)!),
    now: new Date(),
  });
  // The cadres' figures count from daily counters: build them from what was just seeded.
  await rebuildFigureCounters({ from: new Date(0), to: new Date(Date.now() + 86_400_000) });
  // Organisations last: they mark the data as seeded, so a run that failed halfway
  // is not mistaken for a finished one on the next start.
  await OrganizationModel.insertMany(organizations);

  logger.info(
    {
      organizations: organizations.length,
      members: members.length,
      accounts: accounts.length,
      joinApplications: applications.length,
      stations: stations.length,
      ...benefits,
      activities,
      contests,
      quizzes,
      ms: Math.round(performance.now() - started),
    },
    'demo data seeded',
  );
  return { created: true };
}
