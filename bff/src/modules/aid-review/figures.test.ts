/**
 * Tuition aid in the cadres' figures: submissions, decisions (raced and replayed), the end of a
 * public notice (settled by racing sweeps) and a payment run (submitted in parallel and retried)
 * reach the counters of the applicant's org, equal a brute-force count of the applications and
 * their timelines, the programme statistics, and a rebuild from the records.
 */
import { chinaDateOf, DAY_MS } from '@union/shared';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { AidApplicationModel, type AidApplicationDoc } from '../aid/aid-application.model';
import { AidProgrammeModel } from '../aid/aid-programme.model';
import { AidTimelineModel } from '../aid/aid-timeline.model';
import { AID_METRICS } from '../aid/figures';
import { timelinesOf } from '../aid/timeline';
import { rebuildFigureCounters, settleAllFigures } from '../figures/counters';
import { figureTotal } from '../figures/read';
import { expectFiguresMatch, type RawRecord } from '../figures/test-support';
import { settleElapsedNotices } from './notice.service';
import { stepDurations } from './stats.service';
import { createAidWorld, reviewApi, TIERS, type Applicant, type AidWorld } from './test-support';

let api: TestApi;
let world: AidWorld;

beforeAll(async () => {
  api = await startTestApi();
  world = await createAidWorld(api);
});
afterAll(() => api.stop());

const submit = (applicant: Applicant, id: string) =>
  api.request('POST', `/api/aid/applications/${id}/submit`, { token: applicant.token });
const versionOf = async (id: string) => (await reviewApi(api).detail(world.staff.city, id)).body.version as number;

/** One decision on the application's current version, sent `times` at once: exactly one may win. */
async function decide(token: string, id: string, action: string, times = 1) {
  const version = await versionOf(id);
  const responses = await Promise.all(
    Array.from({ length: times }, () => reviewApi(api).decide(token, id, { action, version, note: '材料不全' })),
  );
  expect(
    responses.filter((response) => response.status === 200),
    JSON.stringify(responses[0]!.body),
  ).toHaveLength(1);
}

/** Entered its current step `minutes` ago: the submission's timeline entry moved back. */
const submittedAgo = (id: string, minutes: number) =>
  AidTimelineModel.updateOne(
    { applicationId: new Types.ObjectId(id), action: 'submitted' },
    { $set: { at: new Date(Date.now() - minutes * 60_000) } },
  );

/** What each metric counts, by hand from the applications and their timelines. */
async function bruteForce(): Promise<Record<string, RawRecord[]>> {
  const applications = await AidApplicationModel.find().lean<AidApplicationDoc[]>();
  const chains = new Map(
    (await AidProgrammeModel.find().lean()).map((programme) => [String(programme._id), programme.reviewChain]),
  );
  const tier = (application: AidApplicationDoc) => application.child?.educationLevel ?? '';
  const of = (application: AidApplicationDoc, amount: number, key: string) => ({
    orgPath: application.orgPath,
    amount,
    key,
  });
  const submitted = applications.filter((application) => application.submittedAt);
  const approved = applications.filter((application) => ['approved', 'disbursed'].includes(application.status));
  const disbursed = applications.filter((application) => application.status === 'disbursed');
  const timelines = await timelinesOf(submitted.map((application) => application._id));
  const stays = submitted.flatMap((application) => {
    const chain = chains.get(String(application.programmeId))!;
    return stepDurations(timelines.get(String(application._id))!, chain.length).map((stay) => ({
      application,
      level: chain[stay.step]!,
      minutes: Math.round(stay.ms / 60_000),
    }));
  });
  return {
    [AID_METRICS.applications]: submitted.map((application) => of(application, 1, String(application.programmeId))),
    [AID_METRICS.approvals]: approved.map((application) => of(application, 1, tier(application))),
    [AID_METRICS.approvedAmount]: approved.map((application) =>
      of(application, application.amountFen!, tier(application)),
    ),
    [AID_METRICS.disbursed]: disbursed.map((application) => of(application, application.amountFen!, tier(application))),
    [AID_METRICS.disbursedStudents]: disbursed.map((application) => of(application, 1, tier(application))),
    [AID_METRICS.stepMinutes]: stays.map((stay) => of(stay.application, stay.minutes, stay.level)),
    [AID_METRICS.stepCount]: stays.map((stay) => of(stay.application, 1, stay.level)),
  };
}

describe('tuition aid in the figures', () => {
  it('counts submissions, approvals by tier, payments and time per step once each, by the applicant’s org', async () => {
    const { orgs, staff } = world;
    const plain = await world.createProgramme({ noticeDays: 0 });
    const withNotice = await world.createProgramme({ noticeDays: 3 });
    const tech = await world.createApplicant(orgs.xihuTech, '张伟');
    const community = await world.createApplicant(orgs.xihuCommunity, '李娜');

    // a1: submitted five times at once (one wins), waited 90 minutes at the first step, decided
    // by five identical clicks at once, then approved and paid.
    const a1 = await world.draft(tech, plain, { educationLevel: 'undergraduate' });
    const submits = await Promise.all(Array.from({ length: 5 }, () => submit(tech, a1)));
    expect(submits.filter((response) => response.status === 200)).toHaveLength(1);
    // Settled after each step, so a write that forgot to mark leaves its counter behind.
    await settleAllFigures();
    await submittedAgo(a1, 90);
    await decide(staff.tech, a1, 'approve', 5);
    await decide(staff.xihu, a1, 'approve', 3);
    // a2: returned after 30 minutes, resubmitted, approved at the first step, rejected at the district.
    const a2 = await world.apply(community, plain, { educationLevel: 'postgraduate' });
    await submittedAgo(a2, 30);
    await decide(staff.community, a2, 'return');
    await world.resubmit(community, a2);
    await settleAllFigures();
    await decide(staff.community, a2, 'approve');
    await decide(staff.xihu, a2, 'reject');
    // a3: withdrawn at the district step.
    const a3 = await world.apply(tech, plain, { educationLevel: 'junior_college' });
    await decide(staff.tech, a3, 'approve');
    const withdrawn = await api.request('POST', `/api/aid/applications/${a3}/withdraw`, { token: tech.token });
    expect(withdrawn.status).toBe(200);
    await settleAllFigures();
    // a4: through both steps into a public notice, approved when it ends (four sweeps at once, four days on).
    const a4 = await world.apply(community, withNotice, { educationLevel: 'undergraduate' });
    await decide(staff.community, a4, 'approve');
    await decide(staff.xihu, a4, 'approve');
    const later = new Date(Date.now() + 4 * DAY_MS);
    const sweeps = await Promise.all(Array.from({ length: 4 }, () => settleElapsedNotices(api.running.runtime, later)));
    expect(sweeps.reduce((sum, settled) => sum + settled, 0)).toBe(1);
    await settleAllFigures();
    // a5: approved and paid with a1; a6: a draft never submitted.
    const a5 = await world.apply(tech, plain, { educationLevel: 'postgraduate' });
    await decide(staff.tech, a5, 'approve');
    await decide(staff.xihu, a5, 'approve');
    await world.draft(tech, plain);

    // The payment run, submitted five times at once and retried afterwards: one batch.
    const run = {
      programmeId: plain,
      applicationIds: [a1, a5],
      paidOn: '2026-09-01',
      reference: 'GH-0901',
      requestId: 'figures-run-0001',
    };
    const pay = () => api.request('POST', '/api/staff/aid/disbursements', { token: staff.city, body: run });
    const paid = await Promise.all(Array.from({ length: 5 }, pay));
    expect(paid.some((response) => response.status === 200)).toBe(true);
    await settleAllFigures();
    expect((await pay()).status).toBe(200);
    await settleAllFigures();

    const today = chinaDateOf(new Date());
    const range = { from: chinaDateOf(Date.now() - DAY_MS), to: chinaDateOf(Date.now() + 5 * DAY_MS) };
    const city = orgs.city._id;
    expect(await figureTotal(AID_METRICS.applications, city, range)).toBe(5);
    expect(await figureTotal(AID_METRICS.applications, city, range, { key: withNotice })).toBe(1);
    expect(await figureTotal(AID_METRICS.approvals, city, range)).toBe(3);
    // a4 became approved when its notice ended, four days on.
    expect(await figureTotal(AID_METRICS.approvals, city, { from: today, to: today })).toBe(2);
    const fen = (level: string) => TIERS.find((tier) => tier.educationLevel === level)!.amountFen;
    expect(await figureTotal(AID_METRICS.approvedAmount, city, range)).toBe(
      2 * fen('undergraduate') + fen('postgraduate'),
    );
    expect(await figureTotal(AID_METRICS.disbursed, city, range)).toBe(fen('undergraduate') + fen('postgraduate'));
    expect(await figureTotal(AID_METRICS.disbursedStudents, city, range, { key: 'postgraduate' })).toBe(1);
    // Steps left: a1 2, a2 3 (return, approval, rejection), a3 2 (approval, withdrawal), a4 2, a5 2.
    expect(await figureTotal(AID_METRICS.stepCount, city, range)).toBe(11);
    expect(await figureTotal(AID_METRICS.stepCount, city, range, { key: 'grassroots' })).toBe(6);
    expect(await figureTotal(AID_METRICS.stepMinutes, city, range, { key: 'grassroots' })).toBe(90 + 30);
    expect(await figureTotal(AID_METRICS.stepMinutes, city, range, { key: 'district' })).toBe(0);

    // The programme statistics say the same money.
    let approvedFen = 0;
    let disbursedFen = 0;
    for (const programme of [plain, withNotice]) {
      const stats = await api.request('GET', `/api/staff/aid/programmes/${programme}/stats`, { token: staff.city });
      expect(stats.status, JSON.stringify(stats.body)).toBe(200);
      approvedFen += stats.body.approvedFen;
      disbursedFen += stats.body.disbursedFen;
    }
    expect(await figureTotal(AID_METRICS.approvedAmount, city, range)).toBe(approvedFen);
    expect(await figureTotal(AID_METRICS.disbursed, city, range)).toBe(disbursedFen);

    // Every metric equals the brute-force count, settled and rebuilt alike; 滨江 (a sibling district) sees 0.
    const raw = await bruteForce();
    const scopes = [orgs.city, orgs.xihu, orgs.xixi, orgs.xihuTech, orgs.binjiang];
    const settled: Record<string, unknown> = {};
    for (const metric of Object.values(AID_METRICS)) {
      settled[metric] = await expectFiguresMatch(metric, raw[metric]!, scopes, range);
      expect(await figureTotal(metric, orgs.binjiang._id, range)).toBe(0);
    }
    await rebuildFigureCounters({ from: new Date(Date.now() - 2 * DAY_MS), to: new Date(Date.now() + 6 * DAY_MS) });
    for (const metric of Object.values(AID_METRICS)) {
      expect(await expectFiguresMatch(metric, raw[metric]!, scopes, range)).toEqual(settled[metric]);
    }
  });
});
