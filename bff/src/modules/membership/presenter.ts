import { maskIdNumber, maskMobile, type JoinApplication, type MemberProfile } from '@union/shared';
import type { FieldCipher } from '../../crypto/field-encryption';
import type { IdPage } from '../../db/id-pages';
import type { Actor } from '../auth/actor';
import { organizationNames } from '../organizations/service';
import type { JoinApplicationDoc } from './join-application.model';
import type { MemberDoc } from './member.model';
import { membershipPolicy } from './policy';

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

/** A member with their organisation's name; personal numbers in full only when `unmasked`. */
export async function presentMember(member: MemberDoc, cipher: FieldCipher, unmasked: boolean): Promise<MemberProfile> {
  const orgName = (await organizationNames([member.orgId])).get(String(member.orgId)) ?? '';
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

function presentJoinApplication(
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

/** Applications as `actor` sees them: in full to the applicant, masked to reviewers. */
export async function presentJoinApplications(
  actor: Actor,
  applications: JoinApplicationDoc[],
  cipher: FieldCipher,
): Promise<JoinApplication[]> {
  const names = await organizationNames(applications.map((application) => application.orgId));
  return applications.map((application) =>
    presentJoinApplication(
      application,
      names.get(String(application.orgId)) ?? '',
      cipher,
      membershipPolicy.can(actor, 'seeApplicationUnmasked', application),
    ),
  );
}

export const presentJoinApplicationTo = async (actor: Actor, application: JoinApplicationDoc, cipher: FieldCipher) =>
  (await presentJoinApplications(actor, [application], cipher))[0]!;

export const presentJoinApplicationPage = async (
  actor: Actor,
  page: IdPage<JoinApplicationDoc>,
  cipher: FieldCipher,
) => ({
  items: await presentJoinApplications(actor, page.items, cipher),
  nextCursor: page.nextCursor,
});
