import { maskIdNumber, maskMobile, type JoinApplication, type MemberProfile } from '@union/shared';
import type { FieldCipher } from '../../crypto/field-encryption';
import type { JoinApplicationDoc } from './join-application.model';
import type { MemberDoc } from './member.model';

/** Personal numbers are decrypted and shown in full only when `unmasked` (the person themselves). */
function personalNumbers(
  cipher: FieldCipher,
  sealed: { idNumberSealed: string; mobileSealed: string },
  unmasked: boolean,
) {
  const idNumber = cipher.decrypt(sealed.idNumberSealed);
  const mobile = cipher.decrypt(sealed.mobileSealed);
  return unmasked ? { idNumber, mobile } : { idNumber: maskIdNumber(idNumber), mobile: maskMobile(mobile) };
}

export function presentMember(
  member: MemberDoc,
  orgName: string,
  cipher: FieldCipher,
  unmasked: boolean,
): MemberProfile {
  return {
    id: String(member._id),
    memberNo: member.memberNo,
    name: member.name,
    ...personalNumbers(cipher, member, unmasked),
    occupation: member.occupation,
    orgId: String(member.orgId),
    orgName,
    joinedAt: member.joinedAt.toISOString(),
    status: member.status,
  };
}

export function presentJoinApplication(
  application: JoinApplicationDoc,
  orgName: string,
  cipher: FieldCipher,
  unmasked: boolean,
): JoinApplication {
  return {
    id: String(application._id),
    status: application.status,
    orgId: String(application.orgId),
    orgName,
    name: application.name,
    ...personalNumbers(cipher, application, unmasked),
    occupation: application.occupation,
    employer: application.employer,
    submittedAt: application.submittedAt.toISOString(),
    decidedAt: application.decidedAt ? application.decidedAt.toISOString() : null,
    rejectReason: application.rejectReason ?? null,
    memberNo: application.memberNo ?? null,
  };
}
