/**
 * The applicant's side of one application under concurrency, over HTTP, hundreds of times:
 * a submission tapped on several devices at once counts once, a withdrawal and a reviewer's
 * rejection arriving together never both apply, and documents uploaded in parallel are all kept.
 */
import type { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type ApiResponse, type TestApi } from '../../../test/harness';
import { race, RaceError, tally, RACE_TIMEOUT_MS } from '../../../test/race';
import { NotificationModel } from '../notifications/notification.model';
import { AidApplicationModel, type AidApplicationDoc } from '../aid/aid-application.model';
import { AidTimelineModel } from '../aid/aid-timeline.model';
import { PNG, uploadDocument } from '../aid/test-support';
import { createAidWorld, reviewApi, type Applicant, type AidWorld } from './test-support';

/** Hundreds of trials take tens of seconds; far more than the default allows when the machine is busy. */

const DISTRICT = 1;

let api: TestApi;
let world: AidWorld;
let applicant: Applicant;
let applicationId: string;
let accountId: Types.ObjectId;
/** The application just after its first submission: in review at the first step. */
let submitted: AidApplicationDoc;
/** Its version while it was still a draft. */
let draftVersion: number;

beforeAll(async () => {
  api = await startTestApi();
  world = await createAidWorld(api);
  const programmeId = await world.createProgramme({ noticeDays: 0 });
  applicant = await world.createApplicant(world.orgs.xihuTech, '张伟');
  applicationId = await world.apply(applicant, programmeId);
  submitted = (await AidApplicationModel.findById(applicationId).lean<AidApplicationDoc>())!;
  draftVersion = submitted.version - 1;
  accountId = submitted.accountId;
});
afterAll(() => api.stop());

const DRAFT_STATE = { status: 'draft', currentStep: null, submittedAt: null, stepStartedAt: null };

/** Back to `state` at `version`; the timeline keeps only `created`, and the applicant's messages go. */
async function resetApplication(state: Record<string, unknown>, version: number, unset: Record<string, 1> = {}) {
  await AidApplicationModel.updateOne(
    { _id: submitted._id },
    { $set: { ...state, version }, ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}) },
  );
  await AidTimelineModel.deleteMany({ applicationId: submitted._id, action: { $ne: 'created' } });
  await NotificationModel.deleteMany({ accountId });
}

const stored = async () => (await AidApplicationModel.findById(submitted._id).lean<AidApplicationDoc>())!;
const timelineActions = async () =>
  (await AidTimelineModel.find({ applicationId: submitted._id, action: { $ne: 'created' } }).lean()).map(
    (entry) => entry.action,
  );

/** The answers when none failed outright, else a description of the failure. */
function answersOf<R extends Pick<ApiResponse, 'status' | 'body'>>(results: (R | RaceError)[]): R[] | string {
  const failed = results.find((result) => result instanceof RaceError) as RaceError | undefined;
  return failed ? `request failed: ${String(failed.error)}` : (results as R[]);
}

describe('submitting the same draft from several devices at once', () => {
  const DEVICES = 6;

  it(
    'submits exactly once: one 200, five 409 already_submitted, one timeline entry and one message (200 trials)',
    { timeout: RACE_TIMEOUT_MS },
    async () => {
      const report = await race({
        trials: 200,
        parallel: DEVICES,
        reset: () => resetApplication(DRAFT_STATE, draftVersion, { childKey: 1 }),
        attempt: () => api.request('POST', `/api/aid/applications/${applicationId}/submit`, { token: applicant.token }),
        check: async (results) => {
          const answers = answersOf(results);
          if (typeof answers === 'string') return answers;
          const statuses = tally(answers, (answer) => answer.status);
          if (statuses['200'] !== 1 || statuses['409'] !== DEVICES - 1) return `statuses ${JSON.stringify(statuses)}`;
          const refusals = answers.filter((answer) => answer.status === 409).map((answer) => answer.body.error.code);
          if (refusals.some((code) => code !== 'already_submitted')) return `refused with ${refusals.join(',')}`;
          const now = await stored();
          if (now.status !== 'in_review' || now.currentStep !== 0 || now.childKey !== submitted.childKey) {
            return `stored ${now.status} at step ${now.currentStep}`;
          }
          if (now.version !== draftVersion + 1) return `version ${now.version}, expected ${draftVersion + 1}`;
          const actions = await timelineActions();
          const messages = await NotificationModel.countDocuments({ accountId });
          return JSON.stringify(actions) === '["submitted"]' && messages === 1
            ? null
            : `timeline ${JSON.stringify(actions)}, ${messages} messages`;
        },
      });
      expect(report.violations).toEqual([]);
    },
  );
});

describe('the applicant withdrawing while reviewers reject, at the same moment', () => {
  // Even contenders are the applicant (two devices), odd ones the two district reviewers.
  const CONTENDERS = 4;

  it(
    'applies exactly one of them: one 200, three 409, the stored status is the winner’s (200 trials)',
    { timeout: RACE_TIMEOUT_MS },
    async () => {
      const report = await race({
        trials: 200,
        parallel: CONTENDERS,
        reset: () =>
          resetApplication(
            { status: 'in_review', currentStep: DISTRICT, childKey: submitted.childKey, amountFen: null },
            submitted.version,
          ),
        attempt: (contender) =>
          contender % 2 === 0
            ? api.request('POST', `/api/aid/applications/${applicationId}/withdraw`, { token: applicant.token })
            : reviewApi(api).decide(contender === 1 ? world.staff.xihu : world.staff.xihu2, applicationId, {
                action: 'reject',
                note: '收入超标',
                version: submitted.version,
              }),
        check: async (results) => {
          const answers = answersOf(results);
          if (typeof answers === 'string') return answers;
          const statuses = tally(answers, (answer) => answer.status);
          const winner = answers.findIndex((answer) => answer.status === 200);
          if (statuses['200'] !== 1 || statuses['409'] !== CONTENDERS - 1)
            return `statuses ${JSON.stringify(statuses)}`;
          const expected = winner % 2 === 0 ? 'withdrawn' : 'rejected';
          const now = await stored();
          if (now.status !== expected || answers[winner]!.body.status !== expected) {
            return `winner ${winner} answered ${answers[winner]!.body.status}, stored ${now.status}, expected ${expected}`;
          }
          if (now.version !== submitted.version + 1) return `version ${now.version}, expected ${submitted.version + 1}`;
          // Either way the child may be put forward again.
          if (now.childKey !== undefined) return `childKey still ${now.childKey}`;
          const actions = await timelineActions();
          const messages = await NotificationModel.countDocuments({ accountId });
          return JSON.stringify(actions) === JSON.stringify([expected]) && messages === 1
            ? null
            : `timeline ${JSON.stringify(actions)}, ${messages} messages`;
        },
      });
      expect(report.violations).toEqual([]);
    },
  );
});

describe('uploading documents in parallel', () => {
  const UPLOADS = 4;

  it(
    'keeps every one of 4 documents uploaded at the same moment, none lost to another (100 trials)',
    { timeout: RACE_TIMEOUT_MS },
    async () => {
      const report = await race({
        trials: 100,
        parallel: UPLOADS,
        reset: () => resetApplication({ ...DRAFT_STATE, documents: [] }, draftVersion, { childKey: 1 }),
        attempt: () => uploadDocument(api, applicant.token, applicationId, 'admission_letter', PNG),
        check: async (results) => {
          const answers = answersOf(results);
          if (typeof answers === 'string') return answers;
          const statuses = tally(answers, (answer) => answer.status);
          if (statuses['200'] !== UPLOADS) return `statuses ${JSON.stringify(statuses)}`;
          const now = await stored();
          const keys = new Set(now.documents.map((document) => document.fileKey));
          if (now.documents.length !== UPLOADS || keys.size !== UPLOADS) {
            return `${now.documents.length} documents stored (${keys.size} distinct files)`;
          }
          return now.version === draftVersion + UPLOADS ? null : `version ${now.version}`;
        },
      });
      expect(report.violations).toEqual([]);
    },
  );
});
