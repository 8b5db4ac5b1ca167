/**
 * A contest from first round to certificates: closing refuses while sheets are missing, top-K
 * advancement keeps ties at the cut, the ranking follows the declared tie-break, publish happens
 * once (in parallel too) and tells each entrant once, corrections race publish with one outcome,
 * names are masked unless allowed, and certificates verify only for the published result.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { maskName } from '@union/shared';
import { MemberModel } from '../membership/member.model';
import { NotificationModel } from '../notifications/notification.model';
import { signCertificateCode } from './certificate-code';
import { certificateFontFiles } from './certificate-fonts';
import { ContestModel } from './contest.model';
import { rubric, startContestWorld, type ContestWorld, type Entrant, type JudgeSession } from './test-support';

let world: ContestWorld;
let judges: Record<'a1' | 'a2' | 'a3' | 'b1', JudgeSession>;
let a: Entrant[];
let b: Entrant[];
const nameOf = async (entrant: Entrant) => (await MemberModel.findById(entrant.member.memberId).lean())!.name;

beforeAll(async () => {
  world = await startContestWorld();
  a = world.entrants.filter((entrant) => entrant.group === 'a');
  b = world.entrants.filter((entrant) => entrant.group === 'b');
  judges = {
    a1: await world.judge(world.activityId, ['a'], [], '吴评委'),
    a2: await world.judge(world.activityId, ['a'], [], '郑评委'),
    a3: await world.judge(world.activityId, ['a'], ['practice'], '孙评委'),
    b1: await world.judge(world.activityId, ['b'], [], '王评委'),
  };
}, 120_000);
afterAll(() => world.stop());

const id = () => world.activityId;
const preview = async () => (await world.staffGet(`/api/staff/contests/${id()}/results/preview`)).body;
const rowsOf = (body: { groups: { groupId: string; rows: { entrantId: string }[] }[] }, group: string) =>
  body.groups.find((candidate) => candidate.groupId === group)!.rows;

describe('the first round', () => {
  it('refuses to close while sheets are missing, naming who has not submitted', async () => {
    await world.score(judges.a1.token, id(), 'theory', a[0]!.id, { value: 90 });
    const refused = await world.closeRound(id(), 'theory');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('sheets_missing');
    expect(refused.body.error.message).toContain('郑评委');
    expect(refused.body.error.details.map((detail: { path: string }) => detail.path)).toContain(`entrants.${a[1]!.id}`);
    const setup = await world.staffGet(`/api/staff/contests/${id()}/setup`);
    expect(setup.body.rounds[0].status).toBe('open');
  });

  it('closes once everyone submitted or is absent, advancing the top 2 per group and everyone tied at the cut', async () => {
    await world.score(judges.a2.token, id(), 'theory', a[0]!.id, { value: 88 });
    for (const entrant of [a[1]!, a[2]!]) {
      await world.score(judges.a1.token, id(), 'theory', entrant.id, { value: 80 });
      await world.score(judges.a2.token, id(), 'theory', entrant.id, { value: 80 });
    }
    await world.score(judges.b1.token, id(), 'theory', b[0]!.id, { value: 70 });
    await world.score(judges.b1.token, id(), 'theory', b[1]!.id, { value: 60 });
    const absent = await world.api.request('PUT', `/api/staff/contests/${id()}/absences/${b[2]!.id}`, {
      token: world.staff,
      body: { roundId: 'theory', absent: true },
    });
    expect(absent.status).toBe(200);
    expect(absent.body.entrants.find((entrant: { entrantId: string }) => entrant.entrantId === b[2]!.id)).toMatchObject(
      { absent: true, expected: 0 },
    );

    const closed = await world.closeRound(id(), 'theory');
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    const practice = await world.api.request('GET', `/api/contest-judging/contests/${id()}/entrants?roundId=practice`, {
      token: judges.a3.token,
    });
    expect(practice.body.round.status).toBe('open');
    // 89, 80, 80 with k = 2: the tie at the cut takes both.
    expect(practice.body.items.map((item: { entrantId: string }) => item.entrantId).sort()).toEqual(
      a.map((entrant) => entrant.id).sort(),
    );
    const practiceB = await world.api.request(
      'GET',
      `/api/contest-judging/contests/${id()}/entrants?roundId=practice`,
      { token: judges.b1.token },
    );
    expect(practiceB.body.items.map((item: { entrantId: string }) => item.entrantId).sort()).toEqual(
      [b[0]!.id, b[1]!.id].sort(),
    );
    // A judge kept to 实操 has no say in 理论.
    expect((await world.readSheet(judges.a3.token, id(), 'theory', a[0]!.id)).status).toBe(404);
  });

  it('refuses scoring in a closed round', async () => {
    const late = await world.submitSheet(judges.b1.token, id(), 'theory', b[2]!.id, { value: 50 });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'round_not_open', message: '本轮已结束，不能再评分' });
    const again = await world.saveSheet(judges.a1.token, id(), 'practice', a[0]!.id, { items: { bogus: 1 } });
    expect(again.status).toBe(400);
  });
});

describe('ranking and publishing', () => {
  beforeAll(async () => {
    const sheets: [JudgeSession, Entrant, ReturnType<typeof rubric>][] = [
      [judges.a1, a[0]!, rubric(25, 35, 18, 9)],
      [judges.a2, a[0]!, rubric(20, 30, 15, 8)],
      [judges.a3, a[0]!, rubric(28, 38, 19, 10)],
      [judges.a1, a[1]!, rubric(25, 35, 20, 10)],
      [judges.a2, a[1]!, rubric(20, 35, 20, 10)],
      [judges.a3, a[1]!, rubric(20, 30, 20, 10)],
      [judges.a1, a[2]!, rubric(25, 30, 20, 10)],
      [judges.a2, a[2]!, rubric(25, 30, 20, 10)],
      [judges.a3, a[2]!, rubric(25, 30, 20, 10)],
      [judges.b1, b[0]!, rubric(20, 30, 15, 5)],
      [judges.b1, b[1]!, rubric(25, 35, 18, 9)],
    ];
    for (const [judge, entrant, scores] of sheets) await world.score(judge.token, id(), 'practice', entrant.id, scores);
  });

  it('refuses to publish before the last round is closed', async () => {
    const refused = await world.publish(id());
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('实操 尚未结束');
  });

  it('ranks by weighted total with trimmed means, breaks the tie by 完成质量, and gives awards by count', async () => {
    expect((await world.closeRound(id(), 'practice')).status).toBe(200);
    const body = await preview();
    expect(body.publishable).toBe(true);
    const groupA = rowsOf(body, 'a');
    // a0: 89×40% + 87 (trimmed: 73 and 95 dropped)×60% = 87.8; a1 and a2 both 83, a1 has more 完成质量.
    expect(groupA.map((row: any) => [row.entrantId, row.rank, row.award, row.total])).toEqual([
      [a[0]!.id, 1, '一等奖', 87.8],
      [a[1]!.id, 2, '二等奖', 83],
      [a[2]!.id, 3, null, 83],
    ]);
    expect((groupA[0] as any).rounds[1]).toMatchObject({ roundId: 'practice', score: 87, trimmed: true });
    expect((groupA[0] as any).judges[1].scores.map((score: any) => score.total).sort()).toEqual([73, 87, 95]);
    expect((groupA[0] as any).name).toBe(await nameOf(a[0]!));
    const groupB = rowsOf(body, 'b');
    expect(groupB.map((row: any) => [row.entrantId, row.rank, row.award])).toEqual([
      [b[1]!.id, 1, '一等奖'],
      [b[0]!.id, 2, null],
      [b[2]!.id, null, null],
    ]);
  });

  it('hides results from members before publishing', async () => {
    const early = await world.api.request('GET', `/api/contests/${id()}/results`, { token: a[0]!.member.token });
    expect(early.body).toMatchObject({ published: false, groups: [] });
    expect(
      (await world.api.request('GET', `/api/contests/${id()}/certificate`, { token: a[0]!.member.token })).status,
    ).toBe(404);
    const code = signCertificateCode(world.api.running.runtime.cipher, {
      activityId: id(),
      entryId: a[0]!.id,
      publication: 1,
    });
    expect((await world.api.request('GET', `/api/certificates/verify?code=${code}`)).status).toBe(404);
  });

  it('publishes once when published three times at once, and tells each entrant once', async () => {
    const consent = await world.api.request('PUT', `/api/contests/${id()}/consent`, {
      token: a[0]!.member.token,
      body: { showFullName: true },
    });
    expect(consent.status).toBe(200);
    const revision = (await preview()).scoresRevision;
    const results = await Promise.all(
      [0, 1, 2].map(() => world.staffPost(`/api/staff/contests/${id()}/results/publish`, { scoresRevision: revision })),
    );
    expect(results.map((result) => result.status)).toEqual([200, 200, 200]);
    expect(new Set(results.map((result) => `${result.body.number}@${result.body.publishedAt}`)).size).toBe(1);
    const told = await NotificationModel.find({ body: /成绩已公布/ }).lean();
    expect(told).toHaveLength(6);
    expect(new Set(told.map((message) => String(message.accountId))).size).toBe(6);
    const winnerMessage = told.find((message) => String(message.accountId) === a[0]!.member.accountId);
    expect(winnerMessage?.body).toContain('第1名，一等奖');
  });

  it('refuses corrections after publishing', async () => {
    const sheet = await world.readSheet(judges.a1.token, id(), 'practice', a[2]!.id);
    const refused = await world.correctSheet(judges.a1.token, id(), 'practice', a[2]!.id, {
      ...rubric(30, 40, 20, 10),
      revision: sheet.body.revision,
      reason: '复核后调整分数',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('成绩已公布，不能更正');
  });

  it('shows the published ranking with masked names, the consenting entrant in full, team-less rows marked as mine', async () => {
    const seen = await world.api.request('GET', `/api/contests/${id()}/results`, { token: a[1]!.member.token });
    expect(seen.status).toBe(200);
    const rows = seen.body.groups.find((group: any) => group.groupId === 'a').rows;
    expect(rows.map((row: any) => row.displayName)).toEqual([
      await nameOf(a[0]!),
      maskName(await nameOf(a[1]!)),
      maskName(await nameOf(a[2]!)),
    ]);
    expect(rows.map((row: any) => row.isMine)).toEqual([false, true, false]);
    expect(seen.body.myConsent).toEqual({ showFullName: false });
    const outsider = await world.api.request('GET', `/api/contests/${id()}/results`, {
      token: world.outsiders[0]!.token,
    });
    expect(outsider.body.myConsent).toBeNull();
    expect(JSON.stringify(outsider.body)).not.toContain(await nameOf(a[1]!));
  });

  it("lists the member's result in 我的活动 with the certificate available to awardees only", async () => {
    const mine = await world.api.request('GET', '/api/contests/results/mine', { token: a[0]!.member.token });
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        activityId: id(),
        groupName: 'A组',
        rank: 1,
        award: '一等奖',
        certificateAvailable: true,
      }),
    ]);
    const other = await world.api.request('GET', '/api/contests/results/mine', { token: a[2]!.member.token });
    expect(other.body.items).toEqual([expect.objectContaining({ rank: 3, award: null, certificateAvailable: false })]);
    expect(
      (await world.api.request('GET', `/api/contests/${id()}/certificate`, { token: a[2]!.member.token })).status,
    ).toBe(404);
  });

  it.skipIf(!hasCjkFont())("renders the awardee's certificate as a PNG", async () => {
    const response = await fetch(`${world.api.url}/api/contests/${id()}/certificate`, {
      headers: { Authorization: `Bearer ${a[0]!.member.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  });

  it('verifies a genuine code of the published award, and nothing forged, unawarded or from another contest', async () => {
    const { cipher } = world.api.running.runtime;
    const verify = (code: string) =>
      world.api.request('GET', `/api/certificates/verify?code=${encodeURIComponent(code)}`);
    const genuine = signCertificateCode(cipher, { activityId: id(), entryId: a[0]!.id, publication: 1 });
    const valid = await verify(genuine);
    expect(valid.status).toBe(200);
    expect(valid.body).toMatchObject({
      valid: true,
      award: '一等奖',
      groupName: 'A组',
      contestTitle: '西湖区职工焊工技能竞赛',
      unionName: '西湖区总工会',
    });
    expect(valid.body.holderName).toBe(maskName(await nameOf(a[0]!)));

    const flipped = `${genuine.slice(0, -2)}${genuine.at(-2) === 'A' ? 'B' : 'A'}${genuine.at(-1)}`;
    const other = await world.newContest('西湖区职工电工技能竞赛', null);
    const cases = {
      forged: flipped,
      unawarded: signCertificateCode(cipher, { activityId: id(), entryId: a[2]!.id, publication: 1 }),
      'other publication': signCertificateCode(cipher, { activityId: id(), entryId: a[0]!.id, publication: 2 }),
      'other contest': signCertificateCode(cipher, { activityId: other.activityId, entryId: a[0]!.id, publication: 1 }),
      garbage: 'not-a-code',
    };
    for (const [kind, code] of Object.entries(cases)) {
      const answer = await verify(code);
      expect(answer.status, kind).toBe(404);
      expect(answer.body.error.message, kind).toBe('证书无效或成绩未公布');
    }
  });

  it('sends a followed certificate link to the H5 verification page', async () => {
    const code = signCertificateCode(world.api.running.runtime.cipher, {
      activityId: id(),
      entryId: a[0]!.id,
      publication: 1,
    });
    const response = await fetch(`${world.api.url}/c/${code}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`/#/pages-contests/verify/index?code=${code}`);
  });
});

describe('a correction racing a publish', () => {
  it('has exactly one winner, and the published ranking equals the scores at publish', async () => {
    for (let trial = 0; trial < 3; trial += 1) {
      const { activityId, entrants } = await world.newContest(`西湖区职工技能竞赛第${trial + 1}场`, {
        rounds: [{ id: 'final', name: '决赛', scoring: { kind: 'plain', maxPoints: 100 }, weight: 100 }],
        ranking: { basis: 'weighted_total', tieBreak: [] },
        awards: [{ groupId: 'a', tiers: [{ name: '一等奖', count: 1 }] }],
      });
      const judge = await world.judge(activityId, ['a', 'b']);
      for (const [index, entrant] of entrants.entries())
        await world.score(judge.token, activityId, 'final', entrant.id, { value: 50 + index });
      expect((await world.closeRound(activityId, 'final')).status).toBe(200);
      const low = entrants[0]!;
      const sheet = await world.readSheet(judge.token, activityId, 'final', low.id);
      const revision = (await world.staffGet(`/api/staff/contests/${activityId}/results/preview`)).body.scoresRevision;
      const [corrected, published] = await Promise.all([
        world.correctSheet(judge.token, activityId, 'final', low.id, {
          value: 99,
          revision: sheet.body.revision,
          reason: '录入时看错一位',
        }),
        world.staffPost(`/api/staff/contests/${activityId}/results/publish`, { scoresRevision: revision }),
      ]);
      expect([corrected.status, published.status].sort(), `trial ${trial}`).toEqual([200, 409]);
      if (published.status === 409) {
        expect(published.body.error.code).toBe('scores_changed');
        expect((await world.publish(activityId)).status).toBe(200);
      } else {
        expect(corrected.body.error.message).toBe('成绩已公布，不能更正');
      }
      const shown = await world.api.request('GET', `/api/contests/${activityId}/results`, { token: low.member.token });
      const lowRow = shown.body.groups.find((group: any) => group.groupId === 'a').rows.find((row: any) => row.isMine);
      const finalSheet = await world.readSheet(judge.token, activityId, 'final', low.id);
      expect(lowRow.total, `trial ${trial}`).toBe(finalSheet.body.total);
      expect(lowRow.award).toBe(corrected.status === 200 ? '一等奖' : null);
    }
  }, 120_000);
});

describe('a correction cut short by a crash', () => {
  it('blocks publishing while its lease runs, and not after', async () => {
    const { activityId, entrants } = await world.newContest('西湖区职工技能竞赛（更正中断）', {
      rounds: [{ id: 'final', name: '决赛', scoring: { kind: 'plain', maxPoints: 100 }, weight: 100 }],
      ranking: { basis: 'weighted_total', tieBreak: [] },
      awards: [{ groupId: 'a', tiers: [{ name: '一等奖', count: 1 }] }],
    });
    const judge = await world.judge(activityId, ['a', 'b']);
    for (const [index, entrant] of entrants.entries())
      await world.score(judge.token, activityId, 'final', entrant.id, { value: 60 + index });
    expect((await world.closeRound(activityId, 'final')).status).toBe(200);
    // What a process killed between a correction's first and last write leaves behind.
    const crashed = (busyUntil: Date) =>
      ContestModel.updateOne(
        { activityId },
        { $inc: { correctionsOpen: 1 }, $set: { correctionsBusyUntil: busyUntil } },
      );
    const previewed = async () =>
      (await world.staffGet(`/api/staff/contests/${activityId}/results/preview`)).body as {
        scoresRevision: number;
        blockers: string[];
      };

    await crashed(new Date(Date.now() + 60_000));
    const busy = await previewed();
    expect(busy.blockers).toContain('有评分正在更正，请稍后重新预览');
    const refused = await world.staffPost(`/api/staff/contests/${activityId}/results/publish`, {
      scoresRevision: busy.scoresRevision,
    });
    expect(refused.status).toBe(409);

    await ContestModel.updateOne({ activityId }, { $set: { correctionsBusyUntil: new Date(Date.now() - 1000) } });
    const stale = await previewed();
    expect(stale.blockers).toEqual([]);
    const published = await world.staffPost(`/api/staff/contests/${activityId}/results/publish`, {
      scoresRevision: stale.scoresRevision,
    });
    expect(published.status).toBe(200);
  }, 60_000);
});

describe('a team contest', () => {
  it('ranks teams by name, marks the row for every member, and gives each member the team certificate', async () => {
    const { activityId } = await world.newTeamContest('西湖区职工焊接团体赛', {
      rounds: [{ id: 'final', name: '决赛', scoring: { kind: 'plain', maxPoints: 100 }, weight: 100 }],
      ranking: { basis: 'weighted_total', tieBreak: [] },
      awards: [{ groupId: 'teams', tiers: [{ name: '一等奖', count: 1 }] }],
    });
    const judge = await world.judge(activityId, ['teams']);
    const listed = await world.api.request(
      'GET',
      `/api/contest-judging/contests/${activityId}/entrants?roundId=final`,
      {
        token: judge.token,
      },
    );
    expect(listed.body.items.map((item: { name: string }) => item.name).sort()).toEqual(['焊花一队', '焊花二队']);
    for (const item of listed.body.items) {
      await world.score(judge.token, activityId, 'final', item.entrantId, {
        value: item.name === '焊花一队' ? 95 : 80,
      });
    }
    expect((await world.closeRound(activityId, 'final')).status).toBe(200);
    expect((await world.publish(activityId)).status).toBe(200);

    const teammate = world.members[1]!;
    const seen = await world.api.request('GET', `/api/contests/${activityId}/results`, { token: teammate.token });
    expect(seen.body.groups[0].rows.map((row: any) => [row.displayName, row.rank, row.award, row.isMine])).toEqual([
      ['焊花一队', 1, '一等奖', true],
      ['焊花二队', 2, null, false],
    ]);
    const mine = await world.api.request('GET', '/api/contests/results/mine', { token: teammate.token });
    expect(mine.body.items).toContainEqual(
      expect.objectContaining({ activityId, displayName: '焊花一队', award: '一等奖', certificateAvailable: true }),
    );
    const winner = listed.body.items.find((item: { name: string }) => item.name === '焊花一队');
    const code = signCertificateCode(world.api.running.runtime.cipher, {
      activityId,
      entryId: winner.entrantId,
      publication: 1,
    });
    const verified = await world.api.request('GET', `/api/certificates/verify?code=${code}`);
    expect(verified.body).toMatchObject({ valid: true, holderName: '焊花一队', award: '一等奖' });
  });
});

describe('telling entrants', () => {
  it('publishes even when a message cannot be recorded, telling everyone else', async () => {
    const { activityId, entrants } = await world.newContest('西湖区职工管道工技能竞赛', {
      rounds: [{ id: 'final', name: '决赛', scoring: { kind: 'plain', maxPoints: 100 }, weight: 100 }],
      ranking: { basis: 'weighted_total', tieBreak: [] },
      awards: [],
    });
    const judge = await world.judge(activityId, ['a', 'b']);
    for (const entrant of entrants) await world.score(judge.token, activityId, 'final', entrant.id, { value: 70 });
    expect((await world.closeRound(activityId, 'final')).status).toBe(200);
    const failing = vi.spyOn(NotificationModel, 'create').mockRejectedValueOnce(new Error('inbox down'));
    try {
      const published = await world.publish(activityId);
      expect(published.status).toBe(200);
      expect(published.body.notified).toBe(5);
    } finally {
      failing.mockRestore();
    }
  });
});

function hasCjkFont(): boolean {
  try {
    return certificateFontFiles(process.env.CERTIFICATE_FONT_FILE).length > 0;
  } catch {
    return false;
  }
}
