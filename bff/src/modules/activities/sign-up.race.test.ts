/**
 * Places under contention, over HTTP: a thousand members racing for a hundred places, a
 * replayed request, and parallel cancellations each passing their place on exactly once.
 */
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type ApiResponse, type TestApi } from '../../../test/harness';
import { race, RaceError, RACE_TIMEOUT_MS, tally } from '../../../test/race';
import { EntryModel } from './entry.model';
import { GroupPlacesModel } from './group-places.model';
import { waitlistPosition } from './places';
import {
  activityInput,
  memberSessions,
  organiser,
  publishedActivity,
  requestId,
  signUpAs,
  type MemberSession,
} from './test-support';

let api: TestApi;
let orgs: OrgTree;
let staff: string;
let members: MemberSession[];

beforeAll(async () => {
  // Thousands of calls per run: the rate limits are not under test here.
  api = await startTestApi({ RATE_LIMIT_SCALE: '1000' });
  orgs = await createOrgTree();
  staff = await organiser(api, orgs.xihu, 'race-organiser');
  members = await memberSessions(api, orgs.xihuTech, 1000);
}, 300_000);
afterAll(() => api.stop());

const withCapacity = (capacity: number) =>
  publishedActivity(
    api,
    staff,
    activityInput(orgs, { groups: [{ id: 'open', name: '公开组', capacity, allocation: 'first_come' }] }),
  );
const statusOf = (result: ApiResponse | RaceError) => (result instanceof RaceError ? 'error' : result.status);
const freeOf = async (activityId: string) =>
  (await GroupPlacesModel.findOne({ activityId, groupId: 'open' }).lean())!.free;
const countBy = async (activityId: string) =>
  tally(await EntryModel.find({ activityId }, { status: 1 }).lean(), (entry) => entry.status);

describe('signing up under contention', () => {
  it(
    'confirms exactly 100 of 1,000 parallel sign-ups and waitlists 900 in distinct consecutive places',
    async () => {
      const id = await withCapacity(100);
      const signUpOnce = (member: MemberSession) => signUpAs(api, member, id);
      const results = await Promise.all(members.map(signUpOnce));
      expect(tally(results, statusOf)).toEqual({ 200: 1000 });
      const entries = await EntryModel.find({ activityId: id }).lean();
      expect(tally(entries, (entry) => entry.status)).toEqual({ confirmed: 100, waitlisted: 900 });
      expect(new Set(entries.map((entry) => String(entry.memberId))).size).toBe(1000);
      expect(await freeOf(id)).toBe(0);

      const waiting = entries.filter((entry) => entry.status === 'waitlisted');
      const positions = await Promise.all(waiting.map((entry) => waitlistPosition(entry)));
      expect([...positions].sort((a, b) => a - b)).toEqual(Array.from({ length: 900 }, (_, index) => index + 1));
      // In arrival order: every confirmed entry arrived before every waiting one.
      const lastConfirmed = entries
        .filter((entry) => entry.status === 'confirmed')
        .map((entry) => entry.queueOrder)
        .sort()
        .at(-1)!;
      expect(waiting.every((entry) => entry.queueOrder > lastConfirmed)).toBe(true);

      // What a waiting member reads in 我的活动 is their rank.
      const sample = waiting.sort((a, b) => a.queueOrder.localeCompare(b.queueOrder))[41]!;
      const member = members.find((candidate) => candidate.memberId === String(sample.memberId))!;
      const mine = await api.request('GET', '/api/activities/entries/mine', { token: member.token });
      expect(mine.body.items[0]).toMatchObject({ waitlistPosition: 42, statusText: '候补第42位' });
    },
    RACE_TIMEOUT_MS,
  );

  it(
    'gives 32 members racing for 5 places exactly 5 places and waitlists the other 27 (15 trials)',
    async () => {
      let id = '';
      const report = await race({
        trials: 15,
        parallel: 32,
        reset: async () => {
          id = await withCapacity(5);
        },
        attempt: (contender) => signUpAs(api, members[contender]!, id),
        check: async (results) => {
          const counts = await countBy(id);
          const free = await freeOf(id);
          const ok = tally(results, statusOf)['200'] === 32 && counts.confirmed === 5 && counts.waitlisted === 27;
          return ok && free === 0
            ? null
            : `answers ${JSON.stringify(tally(results, statusOf))}, ${JSON.stringify(counts)}, free ${free}`;
        },
      });
      expect(report.violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );

  it(
    'makes one entry and takes one place when the same request is replayed 32 times at once (15 trials)',
    async () => {
      let id = '';
      let same = '';
      const member = members[500]!;
      const report = await race({
        trials: 15,
        parallel: 32,
        reset: async () => {
          id = await withCapacity(10);
          same = requestId();
        },
        attempt: () => signUpAs(api, member, id, { requestId: same }),
        check: async (results) => {
          const answered = new Set(results.map((result) => (result instanceof RaceError ? 'error' : result.body.id)));
          const entries = await EntryModel.find({ activityId: id }, { status: 1 }).lean();
          const { free, held } = (await GroupPlacesModel.findOne({ activityId: id, groupId: 'open' }).lean())!;
          const confirmed = entries.length === 1 && entries[0]!.status === 'confirmed';
          // Every attempt's hold on the place ended: closed by the entry, or given back.
          return answered.size === 1 && !answered.has('error') && confirmed && free === 9 && held === 0
            ? null
            : `${answered.size} answers, ${JSON.stringify(entries)}, free ${free}, held ${held}`;
        },
      });
      expect(report.violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );
});

describe('cancelling under contention', () => {
  it(
    'offers each place freed by 6 parallel cancellations exactly once (10 trials)',
    async () => {
      let id = '';
      let confirmed: { member: MemberSession; entryId: string }[] = [];
      const report = await race({
        trials: 10,
        parallel: 6,
        reset: async (trial) => {
          id = await withCapacity(10);
          const contenders = members.slice(trial * 20, trial * 20 + 20);
          confirmed = [];
          for (const member of contenders) {
            const entry = await signUpAs(api, member, id);
            if (entry.body.status === 'confirmed') confirmed.push({ member, entryId: entry.body.id });
          }
        },
        attempt: (contender) =>
          api.request('POST', `/api/activities/entries/${confirmed[contender]!.entryId}/cancel`, {
            token: confirmed[contender]!.member.token,
          }),
        check: async (results) => {
          const counts = await countBy(id);
          const free = await freeOf(id);
          const ok =
            tally(results, statusOf)['200'] === 6 &&
            counts.cancelled === 6 &&
            counts.offered === 6 &&
            counts.confirmed === 4 &&
            counts.waitlisted === 4 &&
            free === 0;
          return ok
            ? null
            : `answers ${JSON.stringify(tally(results, statusOf))}, ${JSON.stringify(counts)}, free ${free}`;
        },
      });
      expect(report.violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );

  it(
    'frees one place when the same entry is cancelled twice at once (10 trials)',
    async () => {
      let id = '';
      let entryId = '';
      const member = members[900]!;
      const report = await race({
        trials: 10,
        parallel: 2,
        reset: async () => {
          id = await withCapacity(3);
          entryId = (await signUpAs(api, member, id)).body.id;
        },
        attempt: () => api.request('POST', `/api/activities/entries/${entryId}/cancel`, { token: member.token }),
        check: async (results) => {
          const free = await freeOf(id);
          const answers = tally(results, statusOf);
          return answers['200'] === 1 && answers['409'] === 1 && free === 3
            ? null
            : `answers ${JSON.stringify(answers)}, free ${free}`;
        },
      });
      expect(report.violations).toEqual([]);
      expect(Types.ObjectId.isValid(entryId)).toBe(true);
    },
    RACE_TIMEOUT_MS,
  );
});
