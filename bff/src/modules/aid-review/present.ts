/** Applications as staff see them: masked personal numbers, with the timeline and payment batch. */
import type { AidApplication } from '@union/shared';
import { Types } from 'mongoose';
import type { FieldCipher } from '../../crypto/field-encryption';
import type { AidApplicationDoc } from '../aid/aid-application.model';
import { AidProgrammeModel, type AidProgrammeDoc } from '../aid/aid-programme.model';
import { presentAidApplication } from '../aid/presenter';
import { timelinesOf } from '../aid/timeline';
import { organizationNames } from '../organizations/service';
import { AidDisbursementBatchModel } from './disbursement-batch.model';

export async function presentForStaff(
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
  return applications.map((application) =>
    presentAidApplication(application, {
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
  );
}
