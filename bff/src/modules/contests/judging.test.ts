/**
 * Judging over HTTP: judges bound by invitation see only their groups, score sheets are
 * validated with field paths, two devices saving one sheet get one winner, a submit replays,
 * scores stay blind until every assigned judge submitted, and corrections need a reason and
 * are recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskName } from '@union/shared';
import { loginWechat } from '../../../test/fixtures';
import { TrailEventModel } from '../event-trail/trail-event.model';
import { MemberModel } from '../membership/member.model';
import { contestSetup, requestId, startContestWorld, type ContestWorld, type JudgeSession } from './test-support';

let world: ContestWorld;
let judgeA: JudgeSession;
let judgeA2: JudgeSession;
let judgeB: JudgeSession;

beforeAll(async () => {
  world = await startContestWorld();
  judgeA = await world.judge(world.activityId, ['a'], [], '吴评委');
  judgeA2 = await world.judge(world.activityId, ['a'], [], '郑评委');
  judgeB = await world.judge(world.activityId, ['b'], [], '王评委');
}, 120_000);
afterAll(() => world.stop());

const entrantOf = (group: 'a' | 'b', index = 0) => world.entrants.filter((entrant) => entrant.group === group)[index]!;

describe('judge scope', () => {
  it("lists only the judge's own groups' entrants in the open round", async () => {
    const listed = await world.api.request(
      'GET',
      `/api/contest-judging/contests/${world.activityId}/entrants?roundId=theory`,
      {
        token: judgeA.token,
      },
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: { entrantId: string }) => item.entrantId).sort()).toEqual(
      world.entrants
        .filter((entrant) => entrant.group === 'a')
        .map((entrant) => entrant.id)
        .sort(),
    );
    expect(listed.body.round).toMatchObject({ id: 'theory', status: 'open', assigned: 3, submitted: 0 });
    // Group A signed up first: bibs 001–003; a judge sees names masked.
    expect(listed.body.items.map((item: { bib: string }) => item.bib).sort()).toEqual(['001', '002', '003']);
    for (const item of listed.body.items) {
      const entrant = world.entrants.find((candidate) => candidate.id === item.entrantId)!;
      const member = (await MemberModel.findById(entrant.member.memberId).lean())!;
      expect(item.name).toBe(maskName(member.name));
      expect(item.name).not.toBe(member.name);
    }
  });

  it('answers 404 to a group A judge reading or scoring a group B entrant', async () => {
    const other = entrantOf('b');
    expect((await world.readSheet(judgeA.token, world.activityId, 'theory', other.id)).status).toBe(404);
    const submitted = await world.submitSheet(judgeA.token, world.activityId, 'theory', other.id, { value: 80 });
    expect(submitted.status).toBe(404);
    expect((await world.readSheet(judgeB.token, world.activityId, 'theory', entrantOf('a').id)).status).toBe(404);
    expect((await world.readSheet(judgeB.token, world.activityId, 'theory', other.id)).status).toBe(200);
    const progress = await world.staffGet(`/api/staff/contests/${world.activityId}/progress?roundId=theory`);
    expect(progress.body.submitted).toBe(0);
  });

  it('answers 404 to a signed-in member who is no judge, and to staff of another district', async () => {
    const outsider = world.outsiders[0]!;
    const asMember = await world.api.request(
      'GET',
      `/api/contest-judging/contests/${world.activityId}/entrants?roundId=theory`,
      {
        token: outsider.token,
      },
    );
    expect(asMember.status).toBe(404);
    const listed = await world.staffGet('/api/staff/contests', world.otherDistrict);
    expect(listed.body.items).toEqual([]);
    const own = await world.staffGet('/api/staff/contests');
    expect(own.body.items).toEqual([
      expect.objectContaining({
        activityId: world.activityId,
        setUp: true,
        judges: 3,
        rounds: [expect.objectContaining({ status: 'open' }), expect.objectContaining({ status: 'pending' })],
      }),
    ]);
    for (const path of ['setup', 'judges', 'progress?roundId=theory', 'results/preview']) {
      const response = await world.staffGet(`/api/staff/contests/${world.activityId}/${path}`, world.otherDistrict);
      expect(response.status, path).toBe(404);
    }
  });

  it('cuts a removed judge off at once while keeping the sheets they submitted', async () => {
    const extra = await world.judge(world.activityId, ['b'], [], '临时评委');
    const target = entrantOf('b', 2);
    await world.score(extra.token, world.activityId, 'theory', target.id, { value: 70 });
    const removed = await world.api.request(
      'DELETE',
      `/api/staff/contests/${world.activityId}/judges/${extra.judgeId}`,
      {
        token: world.staff,
      },
    );
    expect(removed.status).toBe(200);
    expect((await world.readSheet(extra.token, world.activityId, 'theory', target.id)).status).toBe(404);
    const mine = await world.api.request('GET', '/api/contest-judging/contests', { token: extra.token });
    expect(mine.body.items).toEqual([]);
    const progress = await world.staffGet(`/api/staff/contests/${world.activityId}/progress?roundId=theory`);
    const row = progress.body.entrants.find((entrant: { entrantId: string }) => entrant.entrantId === target.id);
    expect(row).toMatchObject({ submitted: 1 });
  });

  it('moves a judge to other groups when the organiser changes their scope', async () => {
    const mover = await world.judge(world.activityId, ['a'], [], '调组评委');
    const changed = await world.api.request('PUT', `/api/staff/contests/${world.activityId}/judges/${mover.judgeId}`, {
      token: world.staff,
      body: { groupIds: ['b'] },
    });
    expect(changed.status).toBe(200);
    expect((await world.readSheet(mover.token, world.activityId, 'theory', entrantOf('a').id)).status).toBe(404);
    expect((await world.readSheet(mover.token, world.activityId, 'theory', entrantOf('b').id)).status).toBe(200);
    await world.api.request('DELETE', `/api/staff/contests/${world.activityId}/judges/${mover.judgeId}`, {
      token: world.staff,
    });
  });
});

describe('judge invitations', () => {
  it('binds no more judges than the code allows, however many try at once', async () => {
    const invitation = await world.staffPost(`/api/staff/contests/${world.activityId}/judge-invitations`, {
      groupIds: ['a'],
      maxUses: 2,
    });
    expect(invitation.status).toBe(200);
    const phones = await Promise.all(
      Array.from({ length: 8 }, (_, index) => loginWechat(world.api, `wx-bind-race-${index}-${requestId()}`)),
    );
    const before = (await world.staffGet(`/api/staff/contests/${world.activityId}/judges`)).body.items.length;
    const results = await Promise.all(
      phones.map(({ token }) =>
        world.api.request('POST', '/api/contest-judging/bind', { token, body: { code: invitation.body.code } }),
      ),
    );
    expect(results.filter((result) => result.status === 200)).toHaveLength(2);
    expect(results.filter((result) => result.status === 400)).toHaveLength(6);
    const after = (await world.staffGet(`/api/staff/contests/${world.activityId}/judges`)).body.items;
    expect(after.length - before).toBe(2);
    // Leave the world as it was for the tests below.
    const newcomers = after.slice(before);
    for (const judge of newcomers) {
      await world.api.request('DELETE', `/api/staff/contests/${world.activityId}/judges/${judge.id}`, {
        token: world.staff,
      });
    }
  });

  it('refuses an unknown code with a field message', async () => {
    const { token } = await loginWechat(world.api, `wx-bad-code-${requestId()}`);
    const bound = await world.api.request('POST', '/api/contest-judging/bind', { token, body: { code: 'ZZZZZZZZ' } });
    expect(bound.status).toBe(400);
    expect(bound.body.error.details[0].path).toBe('code');
  });
});

describe('score sheets', () => {
  it('refuses scores out of range, with too many decimals or for unknown items, naming each field', async () => {
    const target = entrantOf('a', 1);
    const tooHigh = await world.submitSheet(judgeA.token, world.activityId, 'theory', target.id, { value: 100.5 });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.error.details).toEqual([{ path: 'value', message: expect.stringContaining('满分') }]);
    const decimals = await world.saveSheet(judgeA.token, world.activityId, 'theory', target.id, { value: 88.123 });
    expect(decimals.status).toBe(400);
    expect(decimals.body.error.details[0]).toMatchObject({ path: 'value', message: '最多保留两位小数' });
    const items = await world.saveSheet(judgeA.token, world.activityId, 'theory', target.id, { items: { bogus: 3 } });
    expect(items.status).toBe(400);
    expect(items.body.error.details.map((detail: { path: string }) => detail.path)).toContain('items');
    const blank = await world.submitSheet(judgeA.token, world.activityId, 'theory', target.id, { value: null });
    expect(blank.status).toBe(400);
    expect(blank.body.error.details).toEqual([{ path: 'value', message: '请填写分数' }]);
    const sheet = await world.readSheet(judgeA.token, world.activityId, 'theory', target.id);
    expect(sheet.body).toMatchObject({ status: 'none', revision: 0 });
  });

  it('lets exactly one of two devices saving the same revision win; the other gets 409', async () => {
    const target = entrantOf('a', 0);
    const first = await world.saveSheet(judgeA.token, world.activityId, 'theory', target.id, { value: 60 });
    expect(first.status).toBe(200);
    const revision = first.body.revision;
    const [phone, tablet] = await Promise.all([
      world.saveSheet(judgeA.token, world.activityId, 'theory', target.id, { value: 81, revision }),
      world.saveSheet(judgeA.token, world.activityId, 'theory', target.id, { value: 82, revision }),
    ]);
    expect([phone.status, tablet.status].sort()).toEqual([200, 409]);
    const loser = phone.status === 409 ? phone : tablet;
    const winner = phone.status === 200 ? phone : tablet;
    expect(loser.body.error.code).toBe('sheet_changed');
    const latest = await world.readSheet(judgeA.token, world.activityId, 'theory', target.id);
    expect(latest.body.scores.value).toBe(winner.body.scores.value);
    expect(latest.body.revision).toBe(revision + 1);
  });

  it('answers a replayed submit with the same sheet and refuses a different second submit', async () => {
    const target = entrantOf('a', 0);
    const current = await world.readSheet(judgeA.token, world.activityId, 'theory', target.id);
    const body = { roundId: 'theory', value: 90, revision: current.body.revision, requestId: requestId() };
    const path = `/api/contest-judging/contests/${world.activityId}/entrants/${target.id}/sheet/submit`;
    const [one, two] = await Promise.all([
      world.api.request('POST', path, { token: judgeA.token, body }),
      world.api.request('POST', path, { token: judgeA.token, body }),
    ]);
    expect([one.status, two.status]).toEqual([200, 200]);
    expect(one.body.submittedAt).toBe(two.body.submittedAt);
    expect(one.body.total).toBe(90);
    const replay = await world.api.request('POST', path, { token: judgeA.token, body });
    expect(replay.body.revision).toBe(one.body.revision);
    const other = await world.api.request('POST', path, {
      token: judgeA.token,
      body: { ...body, value: 10, requestId: requestId() },
    });
    expect(other.status).toBe(409);
    expect((await world.readSheet(judgeA.token, world.activityId, 'theory', target.id)).body.total).toBe(90);
  });

  it("keeps other judges' scores hidden until every judge assigned to the entrant has submitted", async () => {
    const target = entrantOf('a', 0);
    const before = await world.readSheet(judgeA.token, world.activityId, 'theory', target.id);
    expect(before.body.others).toBeNull();
    const second = await world.readSheet(judgeA2.token, world.activityId, 'theory', target.id);
    expect(second.body.others).toBeNull();
    await world.score(judgeA2.token, world.activityId, 'theory', target.id, { value: 84 });
    const after = await world.readSheet(judgeA.token, world.activityId, 'theory', target.id);
    expect(after.body.others).toEqual([expect.objectContaining({ judgeName: '郑评委', total: 84 })]);
  });

  it('corrects a submitted sheet only with a reason, and records before, after, who and why', async () => {
    const target = entrantOf('a', 0);
    const current = await world.readSheet(judgeA.token, world.activityId, 'theory', target.id);
    const noReason = await world.correctSheet(judgeA.token, world.activityId, 'theory', target.id, {
      value: 92,
      revision: current.body.revision,
      reason: '错',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].path).toBe('reason');
    const corrected = await world.correctSheet(judgeA.token, world.activityId, 'theory', target.id, {
      value: 92,
      revision: current.body.revision,
      reason: '漏加附加题分数',
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.total).toBe(92);
    expect(corrected.body.corrections).toEqual([
      expect.objectContaining({
        by: '吴评委',
        reason: '漏加附加题分数',
        before: expect.objectContaining({ total: 90 }),
        after: expect.objectContaining({ total: 92 }),
      }),
    ]);
    const trail = await TrailEventModel.find({ kind: 'contest.score_corrected' }).lean();
    expect(trail).toHaveLength(1);
    expect(trail[0]!.detail).toMatchObject({
      entrantId: target.id,
      reason: '漏加附加题分数',
      before: { total: 90 },
      after: { total: 92 },
    });
    expect(trail[0]!.actorLabel).not.toContain('吴评委');
  });

  it('scores a rubric round item by item once it opens, with the weighted total', async () => {
    const { activityId } = await world.newContest('西湖区职工钳工技能竞赛', {
      rounds: [
        {
          id: 'practice',
          name: '实操',
          scoring: {
            kind: 'rubric',
            items: [
              { id: 'norm', name: '操作规范', maxPoints: 30, weight: 2 },
              { id: 'safety', name: '安全', maxPoints: 10 },
            ],
          },
          weight: 100,
        },
      ],
      ranking: { basis: 'weighted_total', tieBreak: [] },
      awards: [],
    });
    const rubricJudge = await world.judge(activityId, ['a', 'b']);
    const entrantId = (
      await world.api.request('GET', `/api/contest-judging/contests/${activityId}/entrants?roundId=practice`, {
        token: rubricJudge.token,
      })
    ).body.items[0].entrantId;
    const bad = await world.submitSheet(rubricJudge.token, activityId, 'practice', entrantId, {
      items: { norm: 31, safety: -1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual([
      'items.norm',
      'items.safety',
    ]);
    const draft = await world.saveSheet(rubricJudge.token, activityId, 'practice', entrantId, {
      items: { norm: 25.5 },
    });
    expect(draft.body).toMatchObject({ status: 'draft', total: null });
    const done = await world.submitSheet(rubricJudge.token, activityId, 'practice', entrantId, {
      items: { norm: 25.5, safety: 9 },
      revision: draft.body.revision,
    });
    expect(done.body).toMatchObject({ status: 'submitted', total: 60 });
  });
});

describe('setup once scores are in', () => {
  it('refuses edits that would change what a submitted sheet means, and allows the rest', async () => {
    const path = `/api/staff/contests/${world.activityId}/setup`;
    const setup = contestSetup();
    const rescaled = {
      ...setup,
      rounds: setup.rounds.map((round, index) =>
        index === 0 ? { ...round, scoring: { kind: 'plain', maxPoints: 50 } } : round,
      ),
    };
    const refused = await world.api.request('PUT', path, { token: world.staff, body: rescaled });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('轮次“理论”已有评委提交评分，评分方式与评分项不能再改');
    const dropped = await world.api.request('PUT', path, {
      token: world.staff,
      body: { ...setup, rounds: setup.rounds.slice(1).map((round) => ({ ...round, weight: 100 })) },
    });
    expect(dropped.status).toBe(409);
    const renamed = {
      ...setup,
      rounds: setup.rounds.map((round, index) => (index === 0 ? { ...round, name: '理论考试' } : round)),
    };
    const saved = await world.api.request('PUT', path, { token: world.staff, body: renamed });
    expect(saved.status).toBe(200);
    expect(saved.body.rounds[0]).toMatchObject({ name: '理论考试', status: 'open' });
    expect(saved.body.scoresSubmitted).toBe(true);
  });

  it('lets a judge bind before the rounds are set up, with none to score yet', async () => {
    const { activityId } = await world.newContest('西湖区职工车工技能竞赛', null);
    const early = await world.judge(activityId, ['a']);
    const mine = await world.api.request('GET', '/api/contest-judging/contests', { token: early.token });
    expect(mine.body.items).toEqual([
      expect.objectContaining({ activityId, rounds: [], groups: [{ id: 'a', name: 'A组' }] }),
    ]);
  });
});
