/**
 * Activity places handed on, cut off from the database at every step (see every-step.ts). A
 * place changes hands in several writes: the entry that held it ends, then the place travels
 * to the first waiting entry (place-pass.ts); an organiser's approval takes a place, then moves
 * the entry onto it; raising a capacity frees places, then offers them. Whatever step the cut
 * hits, once the caller's retry and the activity sweep have run, every place is where it
 * belongs exactly once: taken by one entry, offered to one waiting entry, or free; never lost,
 * never given twice.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import './provided-context';
import { atEveryStep, startDatabaseCut, type DatabaseCut } from './every-step';
import { createOrgTree, type OrgTree } from './fixtures';
import { startTestApi, type TestApi } from './harness';
import { EntryModel } from '../src/modules/activities/entry.model';
import { GroupPlacesModel } from '../src/modules/activities/group-places.model';
import { sweepActivities } from '../src/modules/activities/jobs';
import { PLACE_HOLD_BOUND_MS } from '../src/modules/activities/places';
import {
  activityInput,
  memberSessions,
  organiser,
  publishedActivity,
  signUpAs,
  type MemberSession,
} from '../src/modules/activities/test-support';

let cut: DatabaseCut;
let api: TestApi;
let orgs: OrgTree;
let staff: string;
let members: MemberSession[];

beforeAll(async () => {
  cut = await startDatabaseCut(inject('mongoUri'));
  api = await startTestApi({ MONGODB_URI: cut.uri, MONGODB_TIMEOUT_MS: '1000', RATE_LIMIT_SCALE: '1000' });
  orgs = await createOrgTree();
  staff = await organiser(api, orgs.xihu, 'cut-places-staff');
  members = await memberSessions(api, orgs.xihuTech, 3);
}, 120_000);
afterAll(async () => {
  cut.restore();
  await api?.stop();
  await cut?.stop();
});

/** In-app messages are best effort (notifications never fail the action that caused them). */
const bestEffort = /notifications$/;

/** The activity sweep, run as it would be once the bounds for a dead request's work have passed. */
const sweepLater = () => sweepActivities(new Date(Date.now() + PLACE_HOLD_BOUND_MS + 60_000));

const statusOf = async (entryId: string) => (await EntryModel.findById(entryId).lean())!.status;

/** The group's places as stored: nothing left in transit, nothing held. */
async function settledPlaces(activityId: string) {
  const places = (await GroupPlacesModel.findOne({ activityId, groupId: 'open' }).lean())!;
  const passes = Object.values((places.passes ?? {}) as Record<string, { to: string; done?: boolean }>);
  expect(passes.filter((pass) => !pass.done)).toEqual([]);
  expect(places.held).toBe(0);
  return places;
}

const oneFirstComePlace = () =>
  activityInput(orgs, { groups: [{ id: 'open', name: '公开组', capacity: 1, allocation: 'first_come' }] });

describe('places handed on, cut off from the database at every step', () => {
  it("a member's cancel: the place goes to the first waiting entry, once", async () => {
    const cancel = (entryId: string) =>
      api.request('POST', `/api/activities/entries/${entryId}/cancel`, { token: members[0]!.token });
    const writes = await atEveryStep(cut, api, {
      async prepare() {
        const activityId = await publishedActivity(api, staff, oneFirstComePlace());
        const ids: string[] = [];
        for (const member of members) {
          const signedUp = await signUpAs(api, member, activityId);
          expect(signedUp.status, JSON.stringify(signedUp.body)).toBe(200);
          ids.push(signedUp.body.id as string);
        }
        expect(await statusOf(ids[1]!)).toBe('waitlisted');
        return { activityId, ids };
      },
      act: ({ ids }) => cancel(ids[0]!),
      async repair({ ids }) {
        const retried = await cancel(ids[0]!);
        expect([200, 409], JSON.stringify(retried.body)).toContain(retried.status);
        await sweepLater();
      },
      async check({ activityId, ids }) {
        expect(await statusOf(ids[0]!)).toBe('cancelled');
        // The first in the queue holds the offer; the second still waits; the place is not also free.
        expect(await statusOf(ids[1]!)).toBe('offered');
        expect(await statusOf(ids[2]!)).toBe('waitlisted');
        expect((await settledPlaces(activityId)).free).toBe(0);
        expect((await EntryModel.findById(ids[0]).lean())!.placePassOwedAt).toBeUndefined();
      },
      bestEffort,
    });
    // The cancel, the pass's open/choose/offer/settle and the mark's clearing each were cut.
    expect(writes.length).toBeGreaterThanOrEqual(5);
  }, 600_000);

  const approve = (activityId: string, entryId: string) =>
    api.request('POST', `/api/staff/activities/${activityId}/entries/${entryId}/review`, {
      token: staff,
      body: { decision: 'approve' },
    });
  const reviewTrial = async () => {
    const activityId = await publishedActivity(
      api,
      staff,
      activityInput(orgs, {
        kind: 'skill_contest',
        groups: [{ id: 'open', name: '电工组', capacity: 2, allocation: 'review' }],
      }),
    );
    const applied = await signUpAs(api, members[0]!, activityId);
    expect(applied.body.status).toBe('pending_review');
    return { activityId, entryId: applied.body.id as string };
  };

  it("an organiser's approval: the entry takes one place, and a place is never left held", async () => {
    await atEveryStep(cut, api, {
      prepare: reviewTrial,
      act: ({ activityId, entryId }) => approve(activityId, entryId),
      async repair({ activityId, entryId }) {
        const retried = await approve(activityId, entryId);
        expect([200, 409], JSON.stringify(retried.body)).toContain(retried.status);
        await sweepLater();
      },
      async check({ activityId, entryId }) {
        expect(await statusOf(entryId)).toBe('confirmed');
        expect((await settledPlaces(activityId)).free).toBe(1);
      },
      bestEffort,
    });
  }, 600_000);

  it('an approval cut off and never retried: the sweep keeps the place only if the entry took it', async () => {
    await atEveryStep(cut, api, {
      prepare: reviewTrial,
      act: ({ activityId, entryId }) => approve(activityId, entryId),
      repair: async () => {
        await sweepLater();
      },
      async check({ activityId, entryId }) {
        const status = await statusOf(entryId);
        expect(['confirmed', 'pending_review']).toContain(status);
        expect((await settledPlaces(activityId)).free).toBe(status === 'confirmed' ? 1 : 2);
      },
      bestEffort,
    });
  }, 600_000);

  it('a capacity raised beside a waitlist: the new place is offered once', async () => {
    const raise = (activityId: string) =>
      api.request('PUT', `/api/staff/activities/${activityId}`, {
        token: staff,
        body: activityInput(orgs, { groups: [{ id: 'open', name: '公开组', capacity: 2, allocation: 'first_come' }] }),
      });
    await atEveryStep(cut, api, {
      async prepare() {
        const activityId = await publishedActivity(api, staff, oneFirstComePlace());
        const ids: string[] = [];
        for (const member of members) ids.push((await signUpAs(api, member, activityId)).body.id as string);
        return { activityId, ids };
      },
      act: ({ activityId }) => raise(activityId),
      async repair({ activityId }) {
        const retried = await raise(activityId);
        expect(retried.status, JSON.stringify(retried.body)).toBe(200);
        await sweepLater();
      },
      async check({ activityId, ids }) {
        expect(await Promise.all(ids.map(statusOf))).toEqual(['confirmed', 'offered', 'waitlisted']);
        const places = await settledPlaces(activityId);
        expect({ capacity: places.capacity, free: places.free }).toEqual({ capacity: 2, free: 0 });
      },
      bestEffort,
    });
  }, 600_000);
});
