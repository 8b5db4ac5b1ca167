/**
 * The names of the tuition-aid metrics the cadres' figures count, and aid.applications; the
 * review and payment metrics are in aid-review/figures.ts (which reads their stats' rules). All
 * are by the applicant's org: the member's union recorded on the application.
 */
import type { Types } from 'mongoose';
import { markFigureChanged } from '../figures/counters';
import type { FigureMetric } from '../figures/metrics';
import { AidApplicationModel, type AidApplicationDoc } from './aid-application.model';

export const AID_METRICS = {
  applications: 'aid.applications',
  approvals: 'aid.approvals',
  approvedAmount: 'aid.approvedAmount',
  disbursed: 'aid.disbursed',
  disbursedStudents: 'aid.disbursedStudents',
  stepMinutes: 'aid.stepMinutes',
  stepCount: 'aid.stepCount',
} as const;

export type AidMetric = (typeof AID_METRICS)[keyof typeof AID_METRICS];

/** Only the org's own applications; `orgPath` too, so the { orgPath, programmeId } index answers it. */
export const ofOrg = (orgId?: Types.ObjectId) => (orgId ? { orgPath: orgId, orgId } : {});

/**
 * 申请数: applications submitted, whatever became of them since (the statistics' `submitted`), by
 * the first submission's time (a resubmission keeps it), keyed by programme id.
 */
export const aidApplications: FigureMetric = {
  name: AID_METRICS.applications,
  async *records({ from, to, orgId }) {
    const applications = AidApplicationModel.find(
      { submittedAt: { $gte: from, $lt: to }, ...ofOrg(orgId) },
      { orgId: 1, orgPath: 1, submittedAt: 1, programmeId: 1 },
    )
      .lean<AidApplicationDoc[]>()
      .cursor();
    for await (const application of applications) {
      yield {
        orgId: application.orgId,
        orgPath: application.orgPath,
        at: application.submittedAt!,
        amount: 1,
        key: String(application.programmeId),
      };
    }
  },
};

/** Marks each metric for the application's org at `at`. */
export async function markAidFigures(
  metrics: AidMetric[],
  application: Pick<AidApplicationDoc, 'orgId' | 'orgPath'>,
  at: Date,
): Promise<void> {
  for (const metric of metrics) {
    await markFigureChanged(metric, { orgId: application.orgId, orgPath: application.orgPath, at });
  }
}
