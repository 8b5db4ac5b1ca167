/**
 * Test world for vouchers: merchants and offers written straight to the models (their
 * management endpoints belong to another module), bound members and clerks signed in
 * over HTTP like the mini-program.
 */
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { limitPeriodKey, offerSplit, type LimitPeriod } from '@union/shared';
import type { TestApi } from '../../../test/harness';
import { createMember, createStaff, loginStaff, loginWechat, makeIdNumber } from '../../../test/fixtures';
import { AccountModel } from '../auth/account.model';
import { MerchantModel, type MerchantDoc } from '../merchants/merchant.model';
import { MemberModel } from '../membership/member.model';
import { OfferModel, type OfferDoc } from '../offers/offer.model';
import { headlineOf } from '../offers/presenter';
import { newVoucherCode } from './claim-core';
import { VoucherModel, type VoucherDoc } from './voucher.model';

type Org = { _id: Types.ObjectId; path: Types.ObjectId[] };

const DAY_MS = 86_400_000;
export const daysFromNow = (days: number) => new Date(Date.now() + days * DAY_MS);
export const requestId = (): string => randomUUID();

export async function createMerchant(org: Org, name = '西溪便民超市'): Promise<MerchantDoc> {
  const merchant = await MerchantModel.create({
    name,
    category: 'supermarket',
    address: '杭州市西湖区文三路 100 号',
    location: { lat: 30.28, lng: 120.13 },
    phone: '0571-88880000',
    orgId: org._id,
    orgPath: org.path,
    revision: 1,
  });
  return merchant.toObject() as MerchantDoc;
}

/** A free 满100减20 coupon by default; pass `kind` and money for a paid one. */
export async function createOffer(
  merchant: MerchantDoc,
  overrides: Partial<Record<string, unknown>> = {},
): Promise<OfferDoc> {
  const stock = (overrides.stockTotal as number | undefined) ?? 100;
  const offer = await OfferModel.create({
    merchantId: merchant._id,
    orgId: merchant.orgId,
    orgPath: merchant.orgPath,
    category: merchant.category,
    kind: 'coupon',
    title: '满100减20',
    usageNotes: '不与店内其他优惠同享',
    coupon: { type: 'threshold', thresholdFen: 10_000, reductionFen: 2_000 },
    validFrom: daysFromNow(-1),
    validUntil: daysFromNow(30),
    stockTotal: stock,
    stockRemaining: stock,
    limitPerMember: 1,
    limitPeriod: 'month',
    revision: 1,
    ...overrides,
  });
  return offer.toObject() as OfferDoc;
}

export interface MemberSession {
  token: string;
  memberId: string;
  accountId: string;
  name: string;
}

let sequence = 0;

/** A roster member with a WeChat account bound to it (written directly: binding is tested elsewhere). */
export async function memberSession(api: TestApi, org: Org, name = '王建国'): Promise<MemberSession> {
  sequence += 1;
  const member = await createMember(api.running.runtime.cipher, org, {
    name,
    idNumber: makeIdNumber('330106', '19850101', String(100 + sequence).slice(-3)),
    mobile: `1370000${String(sequence).padStart(4, '0')}`,
  });
  const openid = `wx-voucher-${sequence}-${randomUUID().slice(0, 8)}`;
  const { token } = await loginWechat(api, openid);
  // Nothing contested here: a plain update, then the account read back.
  await AccountModel.updateOne({ openid }, { $set: { memberId: new Types.ObjectId(member.id) } });
  const account = await AccountModel.findOne({ openid }).lean();
  await MemberModel.updateOne({ _id: member.id }, { $set: { boundAccountId: account!._id } });
  return { token, memberId: member.id, accountId: String(account!._id), name };
}

/** A staff account bound to the merchant as its clerk. */
export async function clerkSession(
  api: TestApi,
  merchant: MerchantDoc,
  username: string,
  displayName = '陈店员',
): Promise<string> {
  await createStaff(username, [{ role: 'merchant_staff', org: { _id: merchant.orgId } }]);
  await AccountModel.updateOne(
    { username },
    { $set: { merchantId: merchant._id, merchantBoundAt: new Date(), displayName } },
  );
  return loginStaff(api, username);
}

/** A voucher written directly (as a claim or a paid order would leave it), for settlement and redemption states. */
export async function insertVoucher(
  offer: OfferDoc,
  member: MemberSession,
  overrides: Partial<Record<keyof VoucherDoc, unknown>> = {},
): Promise<VoucherDoc> {
  const voucher = await VoucherModel.create({
    code: newVoucherCode(),
    issueKey: `test:${randomUUID()}`,
    offerId: offer._id,
    merchantId: offer.merchantId,
    merchantOrgPath: offer.orgPath,
    memberId: new Types.ObjectId(member.memberId),
    accountId: new Types.ObjectId(member.accountId),
    orderId: null,
    kind: offer.kind,
    title: offer.title,
    headline: headlineOf(offer),
    faceValueFen: offer.faceValueFen,
    paidFen: offerSplit(offer).memberPaysFen,
    unionSubsidyFen: offerSplit(offer).unionSubsidyFen,
    validFrom: offer.validFrom,
    validUntil: offer.validUntil,
    periodKey: limitPeriodKey(offer.limitPeriod as LimitPeriod, new Date()),
    status: 'unused',
    claimedAt: new Date(),
    ...overrides,
  });
  return voucher.toObject() as VoucherDoc;
}

export const claim = (api: TestApi, token: string, offerId: string | Types.ObjectId, id = requestId()) =>
  api.request('POST', `/api/benefits/offers/${String(offerId)}/claims`, { token, body: { requestId: id } });
