/**
 * An activity sign-up cut off from the database at every step (see every-step.ts): every cut
 * request answers a clean 503, and once the app retries with the same request id the member
 * holds exactly one entry and exactly one place is taken. A member who never retries has the
 * place given back by the activity sweep (or keeps it, when the entry was written), and a retry
 * coming after the sweep still ends with one entry on one place. 代报名 (staff signing a worker
 * up) takes its place the same way.
 */
import { occupiesPlace } from '@union/shared';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import './provided-context';
import { atEveryStep, startDatabaseCut, type DatabaseCut } from './every-step';
import { createMember, createOrgTree, makeIdNumber, type OrgTree } from './fixtures';
import { startTestApi, type TestApi } from './harness';
import { EntryModel } from '../src/modules/activities/entry.model';
import { GroupPlacesModel } from '../src/modules/activities/group-places.model';
import { sweepActivities } from '../src/modules/activities/jobs';
import { PLACE_HOLD_BOUND_MS } from '../src/modules/activities/places';
import {
  activityInput,
  memberSessions,
  organiser,
  type MemberSession,
  publishedActivity,
  requestId,
  signUpAs,
} from '../src/modules/activities/test-support';

let cut: DatabaseCut;
let api: TestApi;
let orgs: OrgTree;

beforeAll(async () => {
  cut = await startDatabaseCut(inject('mongoUri'));
  api = await startTestApi({ MONGODB_URI: cut.uri, MONGODB_TIMEOUT_MS: '1000', RATE_LIMIT_SCALE: '1000' });
  orgs = await createOrgTree();
}, 60_000);
afterAll(async () => {
  cut.restore();
  await api?.stop();
  await cut?.stop();
});

const CAPACITY = 3;
const group = { id: 'open', name: '公开组', capacity: CAPACITY, allocation: 'first_come' as const };
/** In-app messages are best effort (notifications never fail the action): cut there, a sign-up is already stored. */
const bestEffort = /notifications$/;

interface Trial {
  activityId: string;
  member: MemberSession;
  id: string;
}

async function freshTrial(staff: string): Promise<Trial> {
  const activityId = await publishedActivity(api, staff, activityInput(orgs, { groups: [group] }));
  const [member] = await memberSessions(api, orgs.xihuTech, 1);
  return { activityId, member: member!, id: requestId() };
}

const entriesOf = (activityId: string) => EntryModel.find({ activityId: new Types.ObjectId(activityId) }).lean();
const placesOf = async (activityId: string) =>
  (await GroupPlacesModel.findOne({ activityId: new Types.ObjectId(activityId), groupId: 'open' }).lean())!;

/** The sweep as it runs once a hold is past its bound (a member who never came back). */
const sweepLater = () => sweepActivities(new Date(Date.now() + PLACE_HOLD_BOUND_MS + 60_000));

async function expectSignedUpOnce({ activityId, member }: Trial) {
  const entries = await entriesOf(activityId);
  expect(entries.map((entry) => String(entry.memberId))).toEqual([member.memberId]);
  expect(occupiesPlace(entries[0]!.status)).toBe(true);
  expect(await placesOf(activityId)).toMatchObject({ capacity: CAPACITY, free: CAPACITY - 1, held: 0 });
}

describe('a sign-up cut off from the database at every step', () => {
  it('a first-come sign-up: one entry holding one place, once the app retries', async () => {
    const staff = await organiser(api, orgs.xihu, 'cut_organiser');
    await atEveryStep(cut, api, {
      prepare: () => freshTrial(staff),
      act: ({ activityId, member, id }) => signUpAs(api, member, activityId, { requestId: id }),
      async repair({ activityId, member, id }) {
        const retried = await signUpAs(api, member, activityId, { requestId: id });
        expect(retried.status, JSON.stringify(retried.body)).toBe(200);
      },
      check: expectSignedUpOnce,
      bestEffort,
    });
  }, 240_000);

  it('a member who never retries: the sweep gives the place back, or closes the hold of the entry written', async () => {
    const staff = await organiser(api, orgs.xihu, 'cut_organiser_sweep');
    await atEveryStep(cut, api, {
      prepare: () => freshTrial(staff),
      act: ({ activityId, member, id }) => signUpAs(api, member, activityId, { requestId: id }),
      async repair() {
        await sweepLater();
      },
      async check({ activityId }) {
        const occupying = (await entriesOf(activityId)).filter((entry) => occupiesPlace(entry.status));
        expect(occupying.length).toBeLessThanOrEqual(1);
        expect(await placesOf(activityId)).toMatchObject({ free: CAPACITY - occupying.length, held: 0 });
      },
      bestEffort,
    });
  }, 240_000);

  it('a retry that comes only after the sweep: still one entry on one place', async () => {
    const staff = await organiser(api, orgs.xihu, 'cut_organiser_late');
    await atEveryStep(cut, api, {
      prepare: () => freshTrial(staff),
      act: ({ activityId, member, id }) => signUpAs(api, member, activityId, { requestId: id }),
      async repair({ activityId, member, id }) {
        await sweepLater();
        const retried = await signUpAs(api, member, activityId, { requestId: id });
        expect(retried.status, JSON.stringify(retried.body)).toBe(200);
      },
      check: expectSignedUpOnce,
      bestEffort,
    });
  }, 240_000);

  it('代报名: one entry holding one place for the worker, once the staff page retries', async () => {
    const staff = await organiser(api, orgs.xihu, 'cut_organiser_on_behalf');
    const worker = await createMember(api.running.runtime.cipher, orgs.xihuTech, {
      name: '张卫东',
      idNumber: makeIdNumber('330106', '19790612', '135'),
      mobile: '13700000135',
    });
    const onBehalf = (activityId: string, id: string) =>
      api.request('POST', `/api/staff/activities/${activityId}/entries/on-behalf`, {
        token: staff,
        body: { groupId: 'open', requestId: id, name: worker.name, idNumber: worker.idNumber },
      });
    await atEveryStep(cut, api, {
      async prepare() {
        return {
          activityId: await publishedActivity(api, staff, activityInput(orgs, { groups: [group] })),
          id: requestId(),
        };
      },
      act: ({ activityId, id }) => onBehalf(activityId, id),
      async repair({ activityId, id }) {
        const retried = await onBehalf(activityId, id);
        expect(retried.status, JSON.stringify(retried.body)).toBe(200);
      },
      async check({ activityId }) {
        const entries = await entriesOf(activityId);
        expect(entries.map((entry) => String(entry.memberId))).toEqual([worker.id]);
        expect(occupiesPlace(entries[0]!.status)).toBe(true);
        expect(await placesOf(activityId)).toMatchObject({ free: CAPACITY - 1, held: 0 });
      },
      bestEffort,
    });
  }, 240_000);
});
