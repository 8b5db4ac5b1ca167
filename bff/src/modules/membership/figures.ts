/**
 * The membership metrics the cadres' figures count (registered in connect-modules.ts). 入会人数
 * counts members by join day and 转出 by the day they left (会员人数 = joined − left since the
 * start); the application metrics count join applications, by the org applied to.
 */
import { DAY_MS } from '@union/shared';
import type { Types } from 'mongoose';
import { markFigureChanged } from '../figures/counters';
import type { FigureMetric, FigureRecord } from '../figures/metrics';
import { JoinApplicationModel, type JoinApplicationDoc } from './join-application.model';
import { MemberModel } from './member.model';

type Range = { from: Date; to: Date; orgId?: Types.ObjectId };

// `orgPath: orgId` as well as `orgId`: the { orgPath, … } indexes answer a one-org recount.
const ofOrg = (orgId?: Types.ObjectId) => (orgId ? { orgPath: orgId, orgId } : {});

/** Members by the day of one of their dates (in `[from, to)`), one each; key = occupation. */
function membersBy(name: string, date: 'joinedAt' | 'leftAt'): FigureMetric {
  return {
    name,
    async *records({ from, to, orgId }: Range): AsyncIterable<FigureRecord> {
      const filter = { [date]: { $gte: from, $lt: to }, ...ofOrg(orgId) };
      const fields = { orgId: 1, orgPath: 1, [date]: 1, occupation: 1 };
      for await (const member of MemberModel.find(filter, fields).lean().cursor()) {
        yield { orgId: member.orgId, orgPath: member.orgPath, at: member[date]!, amount: 1, key: member.occupation };
      }
    },
  };
}

/** 入会人数: members by the day they joined (an approval's decision time, or the roster's date). */
export const membersJoined = membersBy('members.joined', 'joinedAt');

/** 转出人数: members by the day they left their org's roster. */
export const membersLeft = membersBy('members.left', 'leftAt');

/** 入会申请数: join applications by the day submitted and the org applied to, whatever became of them; key = occupation. */
export const membersApplications: FigureMetric = {
  name: 'members.applications',
  async *records({ from, to, orgId }: Range): AsyncIterable<FigureRecord> {
    const filter = { submittedAt: { $gte: from, $lt: to }, ...ofOrg(orgId) };
    const fields = { orgId: 1, orgPath: 1, submittedAt: 1, occupation: 1 };
    for await (const application of JoinApplicationModel.find(filter, fields).lean().cursor()) {
      const { orgId: org, orgPath, submittedAt, occupation } = application;
      yield { orgId: org, orgPath, at: submittedAt, amount: 1, key: occupation };
    }
  },
};

/** Whole days a histogram of approval times tells apart; longer waits share the last bucket ('60' = 60 or more). */
export const APPROVAL_DAYS_CAP = 60;

/** The bucket of `members.approvalDays` for an application decided after this wait. */
export function approvalDaysKey(submittedAt: Date, decidedAt: Date): string {
  const days = Math.floor((decidedAt.getTime() - submittedAt.getTime()) / DAY_MS);
  return String(Math.min(APPROVAL_DAYS_CAP, Math.max(0, days)));
}

const minutesBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 60_000);

/** Applications a reviewer decided (approved or rejected; a withdrawal is the applicant's), by decision time. */
async function* decidedApplications(
  { from, to, orgId }: Range,
  statuses: JoinApplicationDoc['status'][],
): AsyncIterable<Pick<JoinApplicationDoc, 'orgId' | 'orgPath' | 'submittedAt' | 'decidedAt'>> {
  const filter = { ...ofOrg(orgId), status: { $in: statuses }, decidedAt: { $gte: from, $lt: to } };
  yield* JoinApplicationModel.find(filter, { orgId: 1, orgPath: 1, submittedAt: 1, decidedAt: 1 }).lean().cursor();
}

/**
 * 审核用时分布: one per decided (approved or rejected) application, on the day decided, key =
 * whole days from submission to decision ('0' … '60', '60' meaning 60 or more), from which
 * the median approval time is read.
 */
export const membersApprovalDays: FigureMetric = {
  name: 'members.approvalDays',
  async *records(range: Range): AsyncIterable<FigureRecord> {
    for await (const { orgId, orgPath, submittedAt, decidedAt } of decidedApplications(range, [
      'approved',
      'rejected',
    ])) {
      yield { orgId, orgPath, at: decidedAt!, amount: 1, key: approvalDaysKey(submittedAt, decidedAt!) };
    }
  },
};

/** 批准入会申请数: approved applications by the day approved (with `members.approvalMinutes`, the mean wait). */
export const membersApprovals: FigureMetric = {
  name: 'members.approvals',
  async *records(range: Range): AsyncIterable<FigureRecord> {
    for await (const { orgId, orgPath, decidedAt } of decidedApplications(range, ['approved'])) {
      yield { orgId, orgPath, at: decidedAt!, amount: 1 };
    }
  },
};

/** Minutes from submission to approval, summed over approved applications by the day approved. */
export const membersApprovalMinutes: FigureMetric = {
  name: 'members.approvalMinutes',
  async *records(range: Range): AsyncIterable<FigureRecord> {
    for await (const { orgId, orgPath, submittedAt, decidedAt } of decidedApplications(range, ['approved'])) {
      yield { orgId, orgPath, at: decidedAt!, amount: minutesBetween(submittedAt, decidedAt!) };
    }
  },
};

export const membershipMetrics = [
  membersJoined,
  membersLeft,
  membersApplications,
  membersApprovalDays,
  membersApprovals,
  membersApprovalMinutes,
];

/**
 * After an application was decided, or a decision undone: the day of that decision is recounted
 * for the decision metrics. A crash before this mark is healed by the figures' reconcile job.
 */
export async function markApplicationDecided(
  application: Pick<JoinApplicationDoc, 'orgId' | 'orgPath'>,
  decidedAt: Date,
): Promise<void> {
  const bucket = { orgId: application.orgId, orgPath: application.orgPath, at: decidedAt };
  for (const metric of [membersApprovalDays, membersApprovals, membersApprovalMinutes]) {
    await markFigureChanged(metric.name, bucket);
  }
}
