/**
 * Revealing a full personal number is its own action, for staff who may see the
 * application, and always written to the audit log before the number is returned.
 */
import type { RevealRequestSchema } from '@union/shared';
import type { z } from 'zod';
import type { FieldCipher } from '../../crypto/field-encryption';
import { NotFoundError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import type { AidApplicationDoc } from '../aid/aid-application.model';
import { MemberModel } from '../membership/member.model';
import { AidRevealAuditModel } from './reveal-audit.model';
import { applicationForStaff } from './policy';

type RevealRequest = z.output<typeof RevealRequestSchema>;

async function sealedValue(application: AidApplicationDoc, field: RevealRequest['field']) {
  if (field === 'childIdNumber') return application.child?.idNumberSealed;
  if (field === 'accountNumber') return application.payment?.accountNumberSealed;
  const member = await MemberModel.findById(application.memberId, { idNumberSealed: 1 }).lean();
  return member?.idNumberSealed;
}

export async function revealField(
  cipher: FieldCipher,
  actor: Actor,
  id: string,
  request: RevealRequest,
  now: Date,
): Promise<{ value: string }> {
  const application = await applicationForStaff(actor, id);
  const sealed = await sealedValue(application, request.field);
  if (!sealed) throw NotFoundError('申请中没有这项信息');
  const value = cipher.decrypt(sealed);
  await AidRevealAuditModel.create({
    accountId: actor.accountId,
    at: now,
    programmeId: application.programmeId,
    applicationIds: [application._id],
    field: request.field,
    reason: request.reason,
  });
  return { value };
}
