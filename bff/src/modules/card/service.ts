import { maskIdNumber, maskName, type CardQrBatch, type MemberCard, type VerifyCardResponse } from '@union/shared';
import type { CardSigner, IssuedCardToken } from '../../crypto/card-signer';
import type { FieldCipher } from '../../crypto/field-encryption';
import { NotFoundError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { boundMember } from '../membership/member.service';
import { MemberModel, type MemberDoc } from '../membership/member.model';
import { organizationNames } from '../organizations/service';

const notAMember = () => NotFoundError('您还没有绑定会员身份，请先实名绑定或申请入会');

async function orgNameOf(member: MemberDoc): Promise<string> {
  return (await organizationNames([member.orgId])).get(String(member.orgId)) ?? '';
}

export async function myCard(actor: Actor, signer: CardSigner, cipher: FieldCipher): Promise<MemberCard> {
  const member = await boundMember(actor);
  if (!member) throw notAMember();
  // Only an active membership gets a QR code: a suspended card must not open any door.
  const qr = member.status === 'active' ? presentBatch(signer.issueBatch(String(member._id))) : null;
  return {
    name: member.name,
    maskedIdNumber: maskIdNumber(cipher.decrypt(member.idNumberSealed)),
    memberNo: member.memberNo,
    orgName: await orgNameOf(member),
    joinedAt: member.joinedAt.toISOString(),
    status: member.status,
    qr,
    serverTime: new Date().toISOString(),
  };
}

export async function freshCardQr(actor: Actor, signer: CardSigner) {
  const member = await boundMember(actor);
  if (!member) throw notAMember();
  if (member.status !== 'active') throw NotFoundError('会籍状态异常，暂不能出示会员卡，请联系所在工会');
  return presentBatch(signer.issueBatch(String(member._id)));
}

function presentBatch(tokens: IssuedCardToken[]): CardQrBatch {
  return {
    tokens: tokens.map((issued) => ({
      token: issued.token,
      validFrom: issued.validFrom.toISOString(),
      expiresAt: issued.expiresAt.toISOString(),
    })),
  };
}

/** The online check: the signature and expiry as offline, plus the member's current status. */
export async function verifyCard(token: string, signer: CardSigner): Promise<VerifyCardResponse> {
  const checkedAt = new Date().toISOString();
  const check = signer.check(token);
  if (check.result === 'forged') return { result: 'forged', member: null, checkedAt };
  const member = await MemberModel.findById(check.claims.memberId).lean<MemberDoc>();
  if (!member) return { result: 'not_found', member: null, checkedAt };
  const summary = {
    maskedName: maskName(member.name),
    memberNo: member.memberNo,
    orgName: await orgNameOf(member),
    status: member.status,
  };
  if (check.result !== 'valid') return { result: check.result, member: summary, checkedAt };
  return { result: member.status === 'active' ? 'valid' : 'suspended', member: summary, checkedAt };
}
