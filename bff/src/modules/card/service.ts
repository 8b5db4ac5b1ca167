import { maskIdNumber, maskName, type CardQrBatch, type MemberCard, type VerifyCardResponse } from '@union/shared';
import type { CardSigner, IssuedCardToken } from '../../crypto/card-signer';
import type { FieldCipher } from '../../crypto/field-encryption';
import { ConflictError, NotFoundError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { boundMember } from '../membership/member.service';
import { MemberModel, type MemberDoc } from '../membership/member.model';
import { organizationNames } from '../organizations/service';
import { findLiveShortCode, issueShortCodes } from './short-codes';

const notAMember = () => NotFoundError('您还没有绑定会员身份，请先实名绑定或申请入会');

async function orgNameOf(member: MemberDoc): Promise<string> {
  return (await organizationNames([member.orgId])).get(String(member.orgId)) ?? '';
}

export async function myCard(actor: Actor, signer: CardSigner, cipher: FieldCipher): Promise<MemberCard> {
  const member = await boundMember(actor);
  if (!member) throw notAMember();
  // Only an active membership gets a QR code: a suspended card must not open any door.
  // The batch starts at the server time the phone corrects its clock by, however long the writes take.
  const now = new Date();
  const qr = member.status === 'active' ? await issueBatch(String(member._id), signer, now) : null;
  return {
    name: member.name,
    maskedIdNumber: maskIdNumber(cipher.decrypt(member.idNumberSealed)),
    memberNo: member.memberNo,
    orgName: await orgNameOf(member),
    joinedAt: member.joinedAt.toISOString(),
    status: member.status,
    qr,
    serverTime: now.toISOString(),
  };
}

export async function freshCardQr(actor: Actor, signer: CardSigner) {
  const member = await boundMember(actor);
  if (!member) throw notAMember();
  if (member.status !== 'active') throw NotFoundError('会籍状态异常，暂不能出示会员卡，请联系所在工会');
  return issueBatch(String(member._id), signer, new Date());
}

/** A batch of QR windows, each with the 8-digit 核验码 staff can type instead of scanning. */
async function issueBatch(memberId: string, signer: CardSigner, now: Date): Promise<CardQrBatch> {
  const tokens = signer.issueBatch(memberId, now.getTime());
  const shortCodes = await issueShortCodes(memberId, tokens, now);
  return { tokens: tokens.map((issued, index) => presentWindow(issued, shortCodes[index]!)) };
}

function presentWindow(issued: IssuedCardToken, shortCode: string) {
  return {
    token: issued.token,
    validFrom: issued.validFrom.toISOString(),
    expiresAt: issued.expiresAt.toISOString(),
    shortCode,
  };
}

async function presentMember(member: MemberDoc) {
  return {
    maskedName: maskName(member.name),
    memberNo: member.memberNo,
    orgName: await orgNameOf(member),
    status: member.status,
  };
}

/** The online check: the signature and expiry as offline, plus the member's current status. */
export async function verifyCard(token: string, signer: CardSigner): Promise<VerifyCardResponse> {
  const checkedAt = new Date().toISOString();
  const check = signer.check(token);
  if (check.result === 'forged') return { result: 'forged', member: null, checkedAt };
  const member = await MemberModel.findById(check.claims.memberId).lean<MemberDoc>();
  if (!member) return { result: 'not_found', member: null, checkedAt };
  const summary = await presentMember(member);
  if (check.result !== 'valid') return { result: check.result, member: summary, checkedAt };
  return { result: member.status === 'active' ? 'valid' : 'suspended', member: summary, checkedAt };
}

/**
 * The online check of a typed 核验码. Unlike a QR, a code proves nothing offline: an unknown,
 * garbled or past code is refused outright (404), so a wrong guess learns nothing.
 */
export async function verifyCardShortCode(code: string, now: Date): Promise<VerifyCardResponse> {
  const found = await findLiveShortCode(code, now);
  if (!found) throw NotFoundError('核验码无效或已过期，请核对后重新输入，或请会员刷新会员卡后再出示');
  // Two members holding the same code in the same minute: rare, and never guessed between.
  if ('ambiguous' in found)
    throw ConflictError('无法确认此核验码，请扫描会员卡二维码，或请会员刷新后再试', 'ambiguous_code');
  const checkedAt = now.toISOString();
  const member = await MemberModel.findById(found.memberId).lean<MemberDoc>();
  if (!member) return { result: 'not_found', member: null, checkedAt };
  return { result: member.status === 'active' ? 'valid' : 'suspended', member: await presentMember(member), checkedAt };
}
