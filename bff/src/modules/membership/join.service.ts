/** Joining the union: applying, following one's applications, withdrawing one still pending. */
import type { CreateJoinApplicationRequestSchema } from '@union/shared';
import type { z } from 'zod';
import type { FieldCipher } from '../../crypto/field-encryption';
import { updateIfAndRead } from '../../db/conditional-update';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { ConflictError, ValidationError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { markFigureChanged } from '../figures/counters';
import { findOrganization } from '../organizations/service';
import { membersApplications } from './figures';
import { JoinApplicationModel, type JoinApplicationDoc } from './join-application.model';
import { MemberModel } from './member.model';
import { applicationNotFound, membershipPolicy } from './policy';

type ApplyInput = z.output<typeof CreateJoinApplicationRequestSchema>;

export const alreadyMember = () =>
  ConflictError('该身份证号已是工会会员，请使用“实名绑定”关联您的会员身份', 'already_member');

export async function applyToJoin(actor: Actor, input: ApplyInput, cipher: FieldCipher): Promise<JoinApplicationDoc> {
  if (actor.memberId) throw ConflictError('您已是工会会员，无需重复申请', 'already_member');
  const org = await findOrganization(input.orgId);
  if (!org) throw ValidationError([{ path: 'orgId', message: '所选组织不存在，请重新选择' }]);
  if (!org.acceptsMembers) {
    throw ValidationError([{ path: 'orgId', message: '请选择可受理入会的基层工会或行业工会联合会' }]);
  }
  const idNumberIndex = cipher.blindIndex('idNumber', input.idNumber);
  if (await MemberModel.exists({ idNumberIndex })) throw alreadyMember();
  try {
    const [created] = await JoinApplicationModel.create([
      {
        accountId: actor.accountId,
        orgId: org._id,
        orgPath: org.path,
        name: input.name,
        idNumberSealed: cipher.encrypt(input.idNumber),
        idNumberIndex,
        mobileSealed: cipher.encrypt(input.mobile),
        mobileIndex: cipher.blindIndex('mobile', input.mobile),
        occupation: input.occupation,
        employer: input.employer,
        submittedAt: new Date(),
        openIdNumberIndex: idNumberIndex,
        openAccountId: actor.accountId,
      },
    ]);
    const application = created!.toObject() as JoinApplicationDoc;
    await markFigureChanged(membersApplications.name, {
      orgId: application.orgId,
      orgPath: application.orgPath,
      at: application.submittedAt,
    });
    return application;
  } catch (caught) {
    if (!isDuplicateKeyError(caught)) throw caught;
    // Either this account or this person already has an application waiting for review.
    if (await JoinApplicationModel.exists({ openAccountId: actor.accountId })) {
      throw ConflictError('您已有一份待审核的入会申请，请耐心等待审核结果', 'application_pending');
    }
    throw ConflictError('该身份证号已有一份待审核的入会申请', 'application_pending');
  }
}

export async function myApplications(actor: Actor): Promise<JoinApplicationDoc[]> {
  return JoinApplicationModel.find({ accountId: actor.accountId })
    .sort({ submittedAt: -1 })
    .limit(20)
    .lean<JoinApplicationDoc[]>();
}

export async function withdrawApplication(actor: Actor, id: string): Promise<JoinApplicationDoc> {
  const application = await JoinApplicationModel.findById(id).lean<JoinApplicationDoc>();
  if (!application) throw applicationNotFound();
  membershipPolicy.authorize(actor, 'actAsApplicant', application);
  // Only a still-pending application can be withdrawn; a reviewer deciding meanwhile wins.
  const withdrawn = await updateIfAndRead(
    JoinApplicationModel,
    { key: { _id: application._id }, when: { status: 'pending' } },
    { $set: { status: 'withdrawn', decidedAt: new Date() }, $unset: { openIdNumberIndex: 1, openAccountId: 1 } },
  );
  if (!withdrawn) throw ConflictError('该申请已审核完毕，不能撤回', 'application_already_decided');
  return withdrawn;
}
