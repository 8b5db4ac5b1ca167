/** Applications as staff see them: masked personal numbers, with the timeline and payment batch. */
import { nextAidState, type AidApplication } from '@union/shared';
import { Types } from 'mongoose';
import type { FieldCipher } from '../../crypto/field-encryption';
import type { AidApplicationDoc } from '../aid/aid-application.model';
import { AidProgrammeModel, type AidProgrammeDoc } from '../aid/aid-programme.model';
import { presentAidApplication } from '../aid/presenter';
import { timelinesOf } from '../aid/timeline';
import { organizationNames } from '../organizations/service';
import type { Actor } from '../auth/actor';
import { AidDisbursementBatchModel } from './disbursement-batch.model';
import { aidReviewPolicy, loadOrgs, stepOrg, type OrgLookup } from './policy';

type ReviewerAction = NonNullable<AidApplication['reviewerActions']>[number];
const DECISIONS: readonly ReviewerAction[] = ['approve', 'return', 'reject'];

/**
 * The decisions this reviewer may take now, as decision.service would accept them: the
 * current step's own office while in review; the programme's office (or above) during the notice.
 */
function reviewerActions(
  actor: Actor,
  application: AidApplicationDoc,
  programme: AidProgrammeDoc,
  orgs: OrgLookup,
): ReviewerAction[] {
  const stepOffice = application.status === 'in_review' ? stepOrg(application, programme, orgs) : null;
  const turn = stepOffice
    ? aidReviewPolicy.can(actor, 'decideFor', stepOffice)
    : application.status === 'in_notice' && aidReviewPolicy.can(actor, 'runProgramme', programme);
  if (!turn) return [];
  const state = { status: application.status, currentStep: application.currentStep ?? null };
  const rules = { chainLength: programme.reviewChain.length, noticeDays: programme.noticeDays };
  return DECISIONS.filter((action) => nextAidState(state, action, rules).ok);
}

export async function presentForStaff(
  actor: Actor,
  applications: AidApplicationDoc[],
  cipher: FieldCipher,
  now: Date,
): Promise<AidApplication[]> {
  const programmeIds = [...new Set(applications.map((a) => String(a.programmeId)))];
  const programmes = new Map(
    (
      await AidProgrammeModel.find({ _id: { $in: programmeIds.map((id) => new Types.ObjectId(id)) } }).lean<
        AidProgrammeDoc[]
      >()
    ).map((programme) => [String(programme._id), programme]),
  );
  const names = await organizationNames(applications.map((a) => a.orgId));
  const timelines = await timelinesOf(applications.map((a) => a._id));
  const batchIds = applications.flatMap((a) => (a.disbursementBatchId ? [a.disbursementBatchId] : []));
  const batches = new Map(
    (await AidDisbursementBatchModel.find({ _id: { $in: batchIds } }, { paidOn: 1, reference: 1 }).lean()).map(
      (batch) => [String(batch._id), { paidOn: batch.paidOn, reference: batch.reference }],
    ),
  );
  const orgs = await loadOrgs(applications.map((a) => a.orgPath));
  return applications.map((application) => ({
    ...presentAidApplication(application, {
      programme: programmes.get(String(application.programmeId))!,
      orgName: names.get(String(application.orgId)) ?? '',
      timeline: timelines.get(String(application._id)) ?? [],
      cipher,
      forApplicant: false,
      now,
      disbursement: application.disbursementBatchId
        ? (batches.get(String(application.disbursementBatchId)) ?? null)
        : null,
    }),
    reviewerActions: reviewerActions(actor, application, programmes.get(String(application.programmeId))!, orgs),
  }));
}
