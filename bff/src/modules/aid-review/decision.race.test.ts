/**
 * Reviewers deciding the same application at the same moment, over HTTP, hundreds of times:
 * whatever mix of 通过 / 退回 / 不予资助 arrives together on one version, exactly one is
 * applied, every other reviewer gets 409 with the state the winner left, and the stored
 * application, the winner's answer and the timeline all tell the same story.
 */
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, loginStaff } from '../../../test/fixtures';
import { startTestApi, type ApiResponse, type TestApi } from '../../../test/harness';
import { race, RaceError, tally, RACE_TIMEOUT_MS } from '../../../test/race';
import { AidApplicationModel, type AidApplicationDoc } from '../aid/aid-application.model';
import { AidTimelineModel } from '../aid/aid-timeline.model';
import { NotificationModel } from '../notifications/notification.model';
import { createAidWorld, reviewApi, TIERS, type AidWorld } from './test-support';

/** Hundreds of trials take tens of seconds; far more than the default allows when the machine is busy. */

/** 街道初审 → 区总复审 → 市总终审, then approved straight away (no notice). */
const CHAIN = ['street', 'district', 'city'];
const STREET = 0;
const DISTRICT = 1;
const CITY = 2;

type Action = 'approve' | 'return' | 'reject';
const DECISION_ACTIONS = ['approved_step', 'returned', 'rejected'];
const TIMELINE_ACTION: Record<Action, string> = { approve: 'approved_step', return: 'returned', reject: 'rejected' };
const NOTES: Record<Action, string | undefined> = { approve: undefined, return: '请补充低保证明', reject: '收入超标' };

let api: TestApi;
let world: AidWorld;
/** Two reviewers acting for the organisation at each step. */
let reviewers: [string, string][];
let applicationId: string;
let accountId: Types.ObjectId;
let start: AidApplicationDoc;

beforeAll(async () => {
  api = await startTestApi();
  world = await createAidWorld(api);
  await createStaff('aid_xixi2', [{ role: 'union_admin', org: world.orgs.xixi }]);
  await createStaff('aid_city2', [{ role: 'union_staff', org: world.orgs.city }]);
  reviewers = [
    [world.staff.xixi, await loginStaff(api, 'aid_xixi2')],
    [world.staff.xihu, world.staff.xihu2],
    [world.staff.city, await loginStaff(api, 'aid_city2')],
  ];
  const programmeId = await world.createProgramme({ reviewChain: CHAIN, noticeDays: 0 });
  const applicant = await world.createApplicant(world.orgs.xihuTech, '张伟');
  applicationId = await world.apply(applicant, programmeId);
  start = (await AidApplicationModel.findById(applicationId).lean<AidApplicationDoc>())!;
  accountId = start.accountId;
});
afterAll(() => api.stop());

/**
 * Puts the application back in review at `step`, at its starting version, and clears what the
 * previous trial wrote (decision entries, messages), so every trial starts from the same state
 * and the collections stay small.
 */
async function resetTo(step: number) {
  await AidApplicationModel.updateOne(
    { _id: start._id },
    {
      $set: {
        status: 'in_review',
        currentStep: step,
        version: start.version,
        childKey: start.childKey,
        amountFen: null,
        noticeEndsAt: null,
        stepStartedAt: start.stepStartedAt,
      },
    },
  );
  await AidTimelineModel.deleteMany({ applicationId: start._id, action: { $nin: ['created', 'submitted'] } });
  await NotificationModel.deleteMany({ accountId });
}

/** What an action at `step` leaves, as the shared state machine defines it for this chain. */
function expectedAfter(action: Action, step: number) {
  if (action === 'return') return { status: 'returned', currentStep: step, amountFen: null };
  if (action === 'reject') return { status: 'rejected', currentStep: null, amountFen: null };
  return step + 1 < CHAIN.length
    ? { status: 'in_review', currentStep: step + 1, amountFen: null }
    : { status: 'approved', currentStep: null, amountFen: TIERS[1].amountFen };
}

const decide = (token: string, action: Action) =>
  reviewApi(api).decide(token, applicationId, { action, note: NOTES[action], version: start.version });

/**
 * The rule every trial must keep: one 200, every other answer 409 `application_changed`
 * naming the winner's status; the stored application is the winner's result one version on;
 * the timeline holds exactly one decision for the step, the winner's; one message was sent.
 */
async function checkOneWinner(results: (ApiResponse | RaceError)[], actions: Action[], step: number) {
  const failed = results.filter((result) => result instanceof RaceError);
  if (failed.length > 0) return `request failed: ${String((failed[0] as RaceError).error)}`;
  const answers = results as ApiResponse[];
  const statuses = tally(answers, (answer) => answer.status);
  const winners = answers.flatMap((answer, contender) => (answer.status === 200 ? [contender] : []));
  if (winners.length !== 1 || statuses['409'] !== answers.length - 1) return `statuses ${JSON.stringify(statuses)}`;
  const winner = answers[winners[0]!]!;
  const expected = expectedAfter(actions[winners[0]!]!, step);

  const stored = (await AidApplicationModel.findById(start._id).lean<AidApplicationDoc>())!;
  const storedState = { status: stored.status, currentStep: stored.currentStep, amountFen: stored.amountFen };
  if (JSON.stringify(storedState) !== JSON.stringify(expected)) {
    return `stored ${JSON.stringify(storedState)}, winner ${actions[winners[0]!]} expects ${JSON.stringify(expected)}`;
  }
  if (stored.version !== start.version + 1) return `stored version ${stored.version}, expected ${start.version + 1}`;
  const answered = {
    status: winner.body.status,
    currentStep: winner.body.currentStep,
    amountFen: winner.body.amountFen ?? null,
  };
  if (JSON.stringify(answered) !== JSON.stringify(expected) || winner.body.version !== stored.version) {
    return `winner answered ${JSON.stringify({ ...answered, version: winner.body.version })}, stored ${JSON.stringify(storedState)}`;
  }
  for (const loser of answers.filter((answer) => answer.status === 409)) {
    const error = loser.body?.error;
    const toldStatus = error?.details?.find((detail: { path: string }) => detail.path === 'status')?.message;
    if (error?.code !== 'application_changed' || toldStatus !== stored.status) {
      return `a loser was told ${JSON.stringify(error)} while ${stored.status} is stored`;
    }
  }

  const decisions = await AidTimelineModel.find({
    applicationId: start._id,
    step,
    action: { $in: DECISION_ACTIONS },
  }).lean();
  if (decisions.length !== 1) return `${decisions.length} decision entries for step ${step}`;
  if (decisions[0]!.action !== TIMELINE_ACTION[actions[winners[0]!]!]) {
    return `timeline says ${decisions[0]!.action}, the winner sent ${actions[winners[0]!]}`;
  }
  const messages = await NotificationModel.countDocuments({ accountId });
  return messages === 1 ? null : `${messages} messages to the applicant`;
}

/** `parallel` reviewers at `step` send `actions` (cycled) on the same version at once, `trials` times. */
function raceAt(step: number, pattern: Action[], trials: number, parallel: number) {
  const actions = Array.from({ length: parallel }, (_, contender) => pattern[contender % pattern.length]!);
  return race({
    trials,
    parallel,
    reset: () => resetTo(step),
    attempt: (contender) => decide(reviewers[step]![contender % 2]!, actions[contender]!),
    check: (results) => checkOneWinner(results, actions, step),
  });
}

describe('two reviewers deciding the same application at the same moment', () => {
  it(
    'answers exactly one 200 and one 409 when 通过 and 退回 race at the district step (500 trials)',
    { timeout: RACE_TIMEOUT_MS },
    async () => {
      const report = await raceAt(DISTRICT, ['approve', 'return'], 500, 2);
      expect(report.violations).toEqual([]);
    },
  );

  it(
    'answers exactly one 200 and one 409 when 通过 and 退回 race at the street step (500 trials)',
    { timeout: RACE_TIMEOUT_MS },
    async () => {
      const report = await raceAt(STREET, ['approve', 'return'], 500, 2);
      expect(report.violations).toEqual([]);
    },
  );
});

describe('twelve reviewers mixing 通过, 退回 and 不予资助 on one version', () => {
  const MIXED: Action[] = ['approve', 'return', 'reject'];

  it(
    'applies exactly one decision at the street step, answering the other eleven 409 (150 trials)',
    { timeout: RACE_TIMEOUT_MS },
    async () => {
      const report = await raceAt(STREET, MIXED, 150, 12);
      expect(report.violations).toEqual([]);
    },
  );

  it(
    'applies exactly one decision at the district step, answering the other eleven 409 (150 trials)',
    { timeout: RACE_TIMEOUT_MS },
    async () => {
      const report = await raceAt(DISTRICT, MIXED, 150, 12);
      expect(report.violations).toEqual([]);
    },
  );

  it(
    'applies exactly one decision at the last (city) step, where 通过 approves the grant (150 trials)',
    { timeout: RACE_TIMEOUT_MS },
    async () => {
      const report = await raceAt(CITY, MIXED, 150, 12);
      expect(report.violations).toEqual([]);
    },
  );
});
