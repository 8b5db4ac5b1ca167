/**
 * The contest metrics in the cadres' figures: entrants (a cancellation leaves them, by group)
 * on the contest's day, and the awards of the results published three times at once, counted
 * once, equal to what the contest itself lists and publishes and to a rebuild.
 */
import { chinaDateOf, chinaDayRange, DAY_MS } from '@union/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityModel, type ActivityDoc } from '../activities/activity.model';
import { rebuildFigureCounters, settleAllFigures } from '../figures/counters';
import { figureByChild, figureByKey, figureTotal } from '../figures/read';
import { ContestModel } from './contest.model';
import { contestEntrants } from './entrants';
import { publishedGroups } from './publication';
import { startContestWorld, type ContestWorld } from './test-support';

let world: ContestWorld;
let published: string;
const range = { from: chinaDateOf(new Date()), to: chinaDateOf(Date.now() + 10 * DAY_MS) };

beforeAll(async () => {
  // A contest left unjudged (six entrants), and one judged and published.
  world = await startContestWorld({ setup: null });
  const contest = await world.newContest('西湖区职工电工技能竞赛', {
    rounds: [{ id: 'final', name: '决赛', scoring: { kind: 'plain', maxPoints: 100 }, weight: 100 }],
    ranking: { basis: 'weighted_total', tieBreak: [] },
    awards: [
      {
        groupId: 'a',
        tiers: [
          { name: '一等奖', count: 1 },
          { name: '二等奖', count: 1 },
        ],
      },
      { groupId: 'b', tiers: [{ name: '一等奖', count: 1 }] },
    ],
  });
  published = contest.activityId;
  // One entrant of B组 withdraws before the contest: no longer an entrant.
  const withdrawn = contest.entrants.find((entrant) => entrant.group === 'b')!;
  const cancel = await world.api.request('POST', `/api/activities/entries/${withdrawn.id}/cancel`, {
    token: withdrawn.member.token,
  });
  expect(cancel.status).toBe(200);
  const judge = await world.judge(published, ['a', 'b']);
  for (const [index, entrant] of contest.entrants.entries()) {
    if (entrant !== withdrawn) await world.score(judge.token, published, 'final', entrant.id, { value: 60 + index });
  }
  expect((await world.closeRound(published, 'final')).status).toBe(200);
  const revision = (await world.staffGet(`/api/staff/contests/${published}/results/preview`)).body.scoresRevision;
  const answers = await Promise.all(
    [0, 1, 2].map(() =>
      world.staffPost(`/api/staff/contests/${published}/results/publish`, { scoresRevision: revision }),
    ),
  );
  expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
  await settleAllFigures();
}, 120_000);
afterAll(() => world.stop());

/** Brute force: the entrants each contest lists, by group name, and the awards of its publication. */
async function fromRecords() {
  const entrants = new Map<string, number>();
  const awards = new Map<string, number>();
  for (const activity of await ActivityModel.find({ kind: 'skill_contest' }).lean<ActivityDoc[]>()) {
    for (const entrant of await contestEntrants(activity)) {
      entrants.set(entrant.groupName, (entrants.get(entrant.groupName) ?? 0) + 1);
    }
  }
  for (const contest of await ContestModel.find({ publication: { $ne: null } }).lean()) {
    for (const row of publishedGroups(contest).flatMap((group) => group.rows)) {
      if (row.award) awards.set(row.award, (awards.get(row.award) ?? 0) + 1);
    }
  }
  return { entrants, awards };
}

/** The keys with a count (the bucket's '' counter is 0 when every record has a key). */
async function byKey(metric: string) {
  const all = await figureByKey(metric, world.orgs.xihu._id, range);
  return new Map([...all].filter(([, value]) => value !== 0));
}

describe('contests in the figures', () => {
  it('count the entrants by group and the published awards by level, once', async () => {
    const xihu = world.orgs.xihu._id;
    const brute = await fromRecords();
    expect(brute.entrants).toEqual(
      new Map([
        ['A组', 6],
        ['B组', 5],
      ]),
    );
    expect(brute.awards).toEqual(
      new Map([
        ['一等奖', 2],
        ['二等奖', 1],
      ]),
    );
    expect(await byKey('contests.entrants')).toEqual(brute.entrants);
    expect(await figureTotal('contests.entrants', xihu, range)).toBe(11);
    expect(await byKey('contests.awards')).toEqual(brute.awards);
    expect(await figureTotal('contests.awards', xihu, range, { key: '一等奖' })).toBe(2);
    // On the contest's first day and the publication's day.
    const firstDay = chinaDateOf((await ActivityModel.findById(published).lean())!.firstSessionStartsAt);
    expect(await figureTotal('contests.entrants', xihu, { from: firstDay, to: firstDay })).toBe(11);
    const today = chinaDateOf(new Date());
    expect(await figureTotal('contests.awards', xihu, { from: today, to: today })).toBe(3);

    expect(await figureByChild('contests.awards', world.orgs.city._id, range)).toEqual(new Map([[String(xihu), 3]]));
    for (const metric of ['contests.entrants', 'contests.awards']) {
      expect(await figureTotal(metric, world.orgs.binjiang._id, range), metric).toBe(0);
    }

    await rebuildFigureCounters({
      from: chinaDayRange(range.from).start,
      to: chinaDayRange(range.to).end,
    });
    expect(await byKey('contests.entrants')).toEqual(brute.entrants);
    expect(await byKey('contests.awards')).toEqual(brute.awards);
  });
});
