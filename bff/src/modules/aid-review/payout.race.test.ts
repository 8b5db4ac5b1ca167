/**
 * The money end of tuition aid under concurrency, hundreds of times: a public notice that has
 * run out is approved exactly once however many settlements run together, and an approved
 * application is paid by exactly one of several payment runs submitted at the same moment.
 */
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, loginStaff } from '../../../test/fixtures';
import { startTestApi, type ApiResponse, type TestApi } from '../../../test/harness';
import { race, RaceError, tally, RACE_TIMEOUT_MS } from '../../../test/race';
import { AidApplicationModel, type AidApplicationDoc } from '../aid/aid-application.model';
import { AidTimelineModel } from '../aid/aid-timeline.model';
import { NotificationModel } from '../notifications/notification.model';
import { AidDisbursementBatchModel } from './disbursement-batch.model';
import { settleElapsedNotices } from './notice.service';
import { createAidWorld, DAY_MS, reviewApi, TIERS, type AidWorld } from './test-support';

/** Hundreds of trials take tens of seconds; far more than the default allows when the machine is busy. */

let api: TestApi;
let world: AidWorld;
let programmeId: string;
let applicationId: string;
let accountId: Types.ObjectId;
/** The application as it stood once approved: the state payments start from. */
let approved: AidApplicationDoc;
let officeTokens: string[];

beforeAll(async () => {
  api = await startTestApi();
  world = await createAidWorld(api);
  await createStaff('aid_city_office2', [{ role: 'union_staff', org: world.orgs.city }]);
  officeTokens = [world.staff.city, await loginStaff(api, 'aid_city_office2')];
  programmeId = await world.createProgramme({ noticeDays: 3 });
  const applicant = await world.createApplicant(world.orgs.xihuTech, '张伟');
  applicationId = await world.apply(applicant, programmeId);
  const { detail, decide } = reviewApi(api);
  const first = await decide(world.staff.tech, applicationId, {
    action: 'approve',
    version: (await detail(world.staff.tech, applicationId)).body.version,
  });
  const notice = await decide(world.staff.xihu, applicationId, { action: 'approve', version: first.body.version });
  expect(notice.body.status).toBe('in_notice');
  expect(await settleElapsedNotices(api.running.runtime, new Date(Date.now() + 4 * DAY_MS))).toBe(1);
  approved = (await AidApplicationModel.findById(applicationId).lean<AidApplicationDoc>())!;
  expect(approved.status).toBe('approved');
  accountId = approved.accountId;
});
afterAll(() => api.stop());

/** Back to `state` at the given version, with what the previous trial wrote cleared away. */
async function resetApplication(state: Record<string, unknown>, version: number) {
  await AidApplicationModel.updateOne({ _id: approved._id }, { $set: { ...state, version } });
  await AidTimelineModel.deleteMany({ applicationId: approved._id, action: { $in: ['approved', 'disbursed'] } });
  await NotificationModel.deleteMany({ accountId });
  await AidDisbursementBatchModel.deleteMany({ programmeId: new Types.ObjectId(programmeId) });
}

const stored = async () => (await AidApplicationModel.findById(approved._id).lean<AidApplicationDoc>())!;
const timelineCount = (action: string) => AidTimelineModel.countDocuments({ applicationId: approved._id, action });
const failure = (results: unknown[]) => results.find((result) => result instanceof RaceError) as RaceError | undefined;

describe('settling an elapsed public notice', () => {
  const SETTLERS = 16;

  it(
    'approves exactly once when 16 settlements (sweeps and staff reads) run at the same moment (200 trials)',
    { timeout: RACE_TIMEOUT_MS },
    async () => {
      const inNoticeVersion = approved.version - 1;
      const report = await race({
        trials: 200,
        parallel: SETTLERS,
        reset: () =>
          resetApplication(
            { status: 'in_notice', currentStep: null, amountFen: null, noticeEndsAt: new Date(Date.now() - 1000) },
            inNoticeVersion,
          ),
        // Even contenders are the periodic sweep (everything due), odd ones a staff read of this application.
        attempt: (contender) =>
          settleElapsedNotices(
            api.running.runtime,
            new Date(),
            contender % 2 ? { applicationId: approved._id } : { programmeId: approved.programmeId },
          ),
        check: async (results) => {
          const failed = failure(results);
          if (failed) return `settlement failed: ${String(failed.error)}`;
          const approvals = (results as number[]).reduce((sum, count) => sum + count, 0);
          const now = await stored();
          if (approvals !== 1) return `${approvals} settlements approved it`;
          if (now.status !== 'approved' || now.amountFen !== TIERS[1].amountFen) {
            return `stored ${now.status} with ${now.amountFen}`;
          }
          if (now.version !== inNoticeVersion + 1) return `version ${now.version}, expected ${inNoticeVersion + 1}`;
          const entries = await timelineCount('approved');
          const messages = await NotificationModel.countDocuments({ accountId });
          return entries === 1 && messages === 1 ? null : `${entries} approved entries, ${messages} messages`;
        },
      });
      expect(report.violations).toEqual([]);
    },
  );
});

describe('paying one application from several payment runs at once', () => {
  const RUNS = 4;
  const disburse = (token: string, requestId: string) =>
    api.request('POST', '/api/staff/aid/disbursements', {
      token,
      body: {
        programmeId,
        applicationIds: [applicationId],
        paidOn: '2026-09-01',
        reference: 'GH-2026-0901',
        requestId,
      },
    });

  it(
    'records exactly one of 4 parallel batches, pays once, and leaves no trace of the others (200 trials)',
    { timeout: RACE_TIMEOUT_MS },
    async () => {
      const report = await race({
        trials: 200,
        parallel: RUNS,
        reset: () => resetApplication({ status: 'approved', disbursementBatchId: null }, approved.version),
        attempt: (contender, trial) => disburse(officeTokens[contender % 2]!, `race-${trial}-${contender}`),
        check: async (results) => {
          const failed = failure(results);
          if (failed) return `request failed: ${String(failed.error)}`;
          const answers = results as ApiResponse[];
          const statuses = tally(answers, (answer) => answer.status);
          const winners = answers.filter((answer) => answer.status === 200);
          if (winners.length !== 1 || statuses['409'] !== RUNS - 1) return `statuses ${JSON.stringify(statuses)}`;
          const winner = winners[0]!;
          const now = await stored();
          if (now.status !== 'disbursed' || String(now.disbursementBatchId) !== winner.body.id) {
            return `stored ${now.status} in batch ${String(now.disbursementBatchId)}, winner recorded ${winner.body.id}`;
          }
          if (now.version !== approved.version + 1) return `version ${now.version}, expected ${approved.version + 1}`;
          const batches = await AidDisbursementBatchModel.find({ programmeId: new Types.ObjectId(programmeId) }).lean();
          if (batches.length !== 1 || batches[0]!.state !== 'done' || String(batches[0]!._id) !== winner.body.id) {
            return `batches left: ${JSON.stringify(batches.map((batch) => batch.state))}`;
          }
          const entries = await timelineCount('disbursed');
          const messages = await NotificationModel.countDocuments({ accountId });
          return entries === 1 && messages === 1 ? null : `${entries} disbursed entries, ${messages} messages`;
        },
      });
      expect(report.violations).toEqual([]);
    },
  );
});
