/**
 * An activity sign-up cut off from the database at every step (see every-step.ts): every cut
 * request answers a clean 503, and once the app retries with the same request id the member
 * holds exactly one entry and exactly one place is taken.
 */
import { occupiesPlace } from '@union/shared';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import './provided-context';
import { atEveryStep, startDatabaseCut, type DatabaseCut } from './every-step';
import { createOrgTree, type OrgTree } from './fixtures';
import { startTestApi, type TestApi } from './harness';
import { EntryModel } from '../src/modules/activities/entry.model';
import { GroupPlacesModel } from '../src/modules/activities/group-places.model';
import {
  activityInput,
  memberSessions,
  organiser,
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

describe('a sign-up cut off from the database at every step', () => {
  it('a first-come sign-up: one entry holding one place, once the app retries', async () => {
    const staff = await organiser(api, orgs.xihu, 'cut_organiser');
    const group = { id: 'open', name: '公开组', capacity: 3, allocation: 'first_come' as const };
    await atEveryStep(cut, api, {
      async prepare() {
        const activityId = await publishedActivity(api, staff, activityInput(orgs, { groups: [group] }));
        const [member] = await memberSessions(api, orgs.xihuTech, 1);
        return { activityId, member: member!, id: requestId() };
      },
      act: ({ activityId, member, id }) => signUpAs(api, member, activityId, { requestId: id }),
      async repair({ activityId, member, id }) {
        const retried = await signUpAs(api, member, activityId, { requestId: id });
        expect(retried.status, JSON.stringify(retried.body)).toBe(200);
      },
      async check({ activityId, member }) {
        const entries = await EntryModel.find({ activityId: new Types.ObjectId(activityId) }).lean();
        expect(entries.map((entry) => String(entry.memberId))).toEqual([member.memberId]);
        expect(occupiesPlace(entries[0]!.status)).toBe(true);
        const places = await GroupPlacesModel.findOne({
          activityId: new Types.ObjectId(activityId),
          groupId: 'open',
        }).lean();
        expect(places).toMatchObject({ capacity: 3, free: 2 });
      },
    });
  }, 240_000);
});
