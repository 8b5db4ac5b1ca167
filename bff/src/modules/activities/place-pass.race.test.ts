/**
 * One freed place passed on by twin runs at once (the request that ended the entry and the
 * sweep taking up its mark, or two sweeps on two instances): the place goes to one waiting
 * entry, or back to `free` once, never both and never twice.
 */
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { race, RACE_TIMEOUT_MS, tally } from '../../../test/race';
import { EntryModel, type EntryDoc } from './entry.model';
import { GroupPlacesModel } from './group-places.model';
import { passPlaceOn, placePassOwed } from './place-pass';
import { sweepActivities } from './jobs';
import {
  activityInput,
  memberSessions,
  organiser,
  publishedActivity,
  signUpAs,
  type MemberSession,
} from './test-support';

let api: TestApi;
let orgs: OrgTree;
let staff: string;
let members: MemberSession[];

beforeAll(async () => {
  api = await startTestApi({ RATE_LIMIT_SCALE: '1000' });
  orgs = await createOrgTree();
  staff = await organiser(api, orgs.xihu, 'pass-race-organiser');
  members = await memberSessions(api, orgs.xihuTech, 4);
}, 120_000);
afterAll(() => api.stop());

interface Trial {
  activityId: string;
  ended: EntryDoc;
  waiting: string[];
}

/** One place, held by an entry that has just ended (its place owed), and three entries waiting. */
async function endedHolderWithWaitlist(): Promise<Trial> {
  const activityId = await publishedActivity(
    api,
    staff,
    activityInput(orgs, { groups: [{ id: 'open', name: '公开组', capacity: 1, allocation: 'first_come' }] }),
  );
  const ids: string[] = [];
  for (const member of members) ids.push((await signUpAs(api, member, activityId)).body.id as string);
  await EntryModel.updateOne({ _id: ids[0] }, { $set: { status: 'cancelled', ...placePassOwed(new Date()) } });
  return { activityId, ended: (await EntryModel.findById(ids[0]).lean<EntryDoc>())!, waiting: ids.slice(1) };
}

const statusesOf = (ids: string[]) =>
  Promise.all(ids.map(async (id) => (await EntryModel.findById(id).lean())!.status));
const placesOf = async (activityId: string) =>
  (await GroupPlacesModel.findOne({ activityId: new Types.ObjectId(activityId), groupId: 'open' }).lean())!;

describe('a freed place passed on by twin runs at once', () => {
  it(
    'is offered to the first waiting entry only (15 trials, 4 runs each)',
    async () => {
      let trial: Trial;
      const report = await race({
        trials: 15,
        parallel: 4,
        reset: async () => {
          trial = await endedHolderWithWaitlist();
        },
        // Half run as the request, half as the sweep resuming it.
        attempt: (contender) => passPlaceOn(trial.ended, 12, new Date(), { resumed: contender % 2 === 1 }),
        check: async (outcomes) => {
          const statuses = await statusesOf(trial.waiting);
          const places = await placesOf(trial.activityId);
          const ended = await EntryModel.findById(trial.ended._id).lean();
          const ok =
            JSON.stringify(statuses) === JSON.stringify(['offered', 'waitlisted', 'waitlisted']) &&
            places.free === 0 &&
            ended!.placePassOwedAt === undefined &&
            tally(outcomes, String).offered === 4;
          return ok ? null : `statuses ${statuses}, free ${places.free}, outcomes ${outcomes}`;
        },
      });
      expect(report.violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );

  it(
    'goes back to free once when the waitlist empties meanwhile (15 trials, 4 runs and 3 cancels each)',
    async () => {
      let trial: Trial;
      const report = await race({
        trials: 15,
        parallel: 7,
        reset: async () => {
          trial = await endedHolderWithWaitlist();
        },
        attempt: async (contender) => {
          if (contender < 4) return passPlaceOn(trial.ended, 12, new Date(), { resumed: contender % 2 === 1 });
          // The waiting members leave while the place is being passed: an offer made to one of
          // them first is theirs to cancel too (their own cancel passes it on in turn).
          const member = members[contender - 3]!;
          const id = trial.waiting[contender - 4]!;
          // A 409 says the entry changed under the cancel (offered meanwhile): the member, refreshed, cancels again.
          for (let attempt = 0; attempt < 5; attempt++) {
            const cancelled = await api.request('POST', `/api/activities/entries/${id}/cancel`, {
              token: member.token,
            });
            if (cancelled.status !== 409) return cancelled.status;
          }
          return 409;
        },
        check: async () => {
          const statuses = await statusesOf(trial.waiting);
          const places = await placesOf(trial.activityId);
          const ok = statuses.every((status) => status === 'cancelled') && places.free === 1;
          return ok ? null : `statuses ${statuses}, free ${places.free}`;
        },
      });
      expect(report.violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );

  it('is forgotten an hour after it settled, and not before', async () => {
    const trial = await endedHolderWithWaitlist();
    await passPlaceOn(trial.ended, 12, new Date());
    await sweepActivities(new Date(Date.now() + 30 * 60_000));
    expect((await placesOf(trial.activityId)).passing).toBe(1);
    await sweepActivities(new Date(Date.now() + 61 * 60_000));
    const places = await placesOf(trial.activityId);
    expect({ passing: places.passing, passes: places.passes }).toEqual({ passing: 0, passes: {} });
    // Settled and forgotten: the place stayed with the entry offered it.
    expect((await EntryModel.findById(trial.waiting[0]).lean())!.status).toBe('offered');
    expect(places.free).toBe(0);
  });
});
