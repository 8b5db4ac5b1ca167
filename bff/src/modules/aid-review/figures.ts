/**
 * The tuition-aid metrics of review and payment the cadres' figures count (registered in
 * connect-modules.ts; names and aid.applications in aid/figures.ts), each by the applicant's org
 * (the member's union recorded on the application), as the programme statistics scope them
 * (stats.service.ts). Marked by decisions, the end of a public notice and payment runs (this
 * module), and by withdrawal (aid/applications.service.ts, a step left).
 */
import type { Types } from 'mongoose';
import { AidApplicationModel, type AidApplicationDoc } from '../aid/aid-application.model';
import { AidProgrammeModel, type AidProgrammeDoc } from '../aid/aid-programme.model';
import { AidTimelineModel } from '../aid/aid-timeline.model';
import { timelinesOf } from '../aid/timeline';
import { AID_METRICS, ofOrg } from '../aid/figures';
import type { FigureMetric, FigureRecord } from '../figures/metrics';
import { AidDisbursementBatchModel } from './disbursement-batch.model';
import { STEP_CLOSING_ACTIONS, stepDurations } from './stats.service';

type Range = { from: Date; to: Date; orgId?: Types.ObjectId };

const MINUTE_MS = 60_000;
/** The tier (档次) a grant is made at: the programme's tiers are by the child's education level. */
const tierOf = (application: Pick<AidApplicationDoc, 'child'>) => application.child?.educationLevel ?? '';

const recordOf = (application: AidApplicationDoc, at: Date, amount: number, key: string): FigureRecord => ({
  orgId: application.orgId,
  orgPath: application.orgPath,
  at,
  amount,
  key,
});

/** Applications approved (approved or since paid, as the statistics' approvedFen), by the time they became approved. */
async function* approvedApplications({ from, to, orgId }: Range): AsyncIterable<AidApplicationDoc> {
  yield* AidApplicationModel.find(
    { approvedAt: { $gte: from, $lt: to }, status: { $in: ['approved', 'disbursed'] }, ...ofOrg(orgId) },
    { orgId: 1, orgPath: 1, approvedAt: 1, amountFen: 1, 'child.educationLevel': 1 },
  )
    .lean<AidApplicationDoc[]>()
    .cursor();
}

/** 批准人数: applications approved, by tier. */
export const aidApprovals: FigureMetric = {
  name: AID_METRICS.approvals,
  async *records(range: Range) {
    for await (const application of approvedApplications(range)) {
      yield recordOf(application, application.approvedAt!, 1, tierOf(application));
    }
  },
};

/** 批准金额 (fen): the amount granted (the tier's), same day, org and tier as aid.approvals. */
export const aidApprovedAmount: FigureMetric = {
  name: AID_METRICS.approvedAmount,
  async *records(range: Range) {
    for await (const application of approvedApplications(range)) {
      yield recordOf(application, application.approvedAt!, application.amountFen ?? 0, tierOf(application));
    }
  },
};

/**
 * The applications paid by completed payment runs recorded in the range, each with its run's
 * record time (a run is recorded whole or not at all; an unfinished or undone one paid nothing).
 */
async function* disbursedApplications({ from, to, orgId }: Range): AsyncIterable<[AidApplicationDoc, Date]> {
  const batches = await AidDisbursementBatchModel.find(
    { state: 'done', createdAt: { $gte: from, $lt: to } },
    { createdAt: 1, applicationIds: 1 },
  ).lean();
  if (batches.length === 0) return;
  const recordedAt = new Map(batches.map((batch) => [String(batch._id), batch.createdAt]));
  const applications = AidApplicationModel.find(
    {
      _id: { $in: batches.flatMap((batch) => batch.applicationIds) },
      status: 'disbursed',
      disbursementBatchId: { $in: batches.map((batch) => batch._id) },
      ...ofOrg(orgId),
    },
    { orgId: 1, orgPath: 1, amountFen: 1, disbursementBatchId: 1, 'child.educationLevel': 1 },
  )
    .lean<AidApplicationDoc[]>()
    .cursor();
  for await (const application of applications) {
    yield [application, recordedAt.get(String(application.disbursementBatchId))!];
  }
}

/** 发放金额 (fen): what payment runs paid (the statistics' disbursedFen), by tier. */
export const aidDisbursed: FigureMetric = {
  name: AID_METRICS.disbursed,
  async *records(range: Range) {
    for await (const [application, at] of disbursedApplications(range)) {
      yield recordOf(application, at, application.amountFen ?? 0, tierOf(application));
    }
  },
};

/** 发放人数: the students paid, one per application, same day, org and tier as aid.disbursed. */
export const aidDisbursedStudents: FigureMetric = {
  name: AID_METRICS.disbursedStudents,
  async *records(range: Range) {
    for await (const [application, at] of disbursedApplications(range)) {
      yield recordOf(application, at, 1, tierOf(application));
    }
  },
};

/**
 * Each stay at a review step left in the range, as the statistics' averageDaysPerStep measures
 * it (stepDurations: entering by submission, resubmission or the previous step's approval;
 * leaving by approval, return, rejection or withdrawal), with its whole minutes and its step's
 * level ('grassroots', 'street', 'district', 'city').
 */
async function* stepStays({ from, to, orgId }: Range): AsyncIterable<{ record: FigureRecord; minutes: number }> {
  // The org's submitted applications, or (a rebuild) those with a step left in the range.
  const ids = orgId
    ? (await AidApplicationModel.find({ submittedAt: { $ne: null, $lt: to }, ...ofOrg(orgId) }, { _id: 1 }).lean()).map(
        (application) => application._id,
      )
    : await AidTimelineModel.distinct('applicationId', {
        action: { $in: STEP_CLOSING_ACTIONS },
        at: { $gte: from, $lt: to },
      });
  if (ids.length === 0) return;
  const applications = await AidApplicationModel.find(
    { _id: { $in: ids } },
    { orgId: 1, orgPath: 1, programmeId: 1 },
  ).lean<AidApplicationDoc[]>();
  const programmes = new Map(
    (
      await AidProgrammeModel.find(
        { _id: { $in: [...new Set(applications.map((application) => String(application.programmeId)))] } },
        { reviewChain: 1 },
      ).lean<AidProgrammeDoc[]>()
    ).map((programme) => [String(programme._id), programme]),
  );
  const timelines = await timelinesOf(applications.map((application) => application._id));
  for (const application of applications) {
    const chain = programmes.get(String(application.programmeId))?.reviewChain ?? [];
    for (const stay of stepDurations(timelines.get(String(application._id)) ?? [], chain.length)) {
      if (stay.closedAt < from || stay.closedAt >= to) continue;
      yield {
        record: recordOf(application, stay.closedAt, 1, chain[stay.step] ?? String(stay.step)),
        minutes: Math.round(stay.ms / MINUTE_MS),
      };
    }
  }
}

/** 审核用时 (whole minutes) spent at each step, by the day it was left and the step's level. */
export const aidStepMinutes: FigureMetric = {
  name: AID_METRICS.stepMinutes,
  async *records(range: Range) {
    for await (const { record, minutes } of stepStays(range)) yield { ...record, amount: minutes };
  },
};

/** Stays at a step left, same day and key as aid.stepMinutes: mean minutes = stepMinutes / stepCount. */
export const aidStepCount: FigureMetric = {
  name: AID_METRICS.stepCount,
  async *records(range: Range) {
    for await (const { record } of stepStays(range)) yield record;
  },
};

export const aidReviewFigureMetrics: FigureMetric[] = [
  aidApprovals,
  aidApprovedAmount,
  aidDisbursed,
  aidDisbursedStudents,
  aidStepMinutes,
  aidStepCount,
];
