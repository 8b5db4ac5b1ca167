/**
 * Writes the benefit audit trail. Called after the state change it records has happened,
 * with everything needed to read it later without joining (labels, amounts).
 */
import type { Types } from 'mongoose';
import { maskName, type BenefitEventKind } from '@union/shared';
import { BenefitEventModel } from './benefit-event.model';

export type BenefitActorKind = 'member' | 'merchant_staff' | 'union_staff' | 'wechat_pay' | 'system';

export interface BenefitActor {
  kind: BenefitActorKind;
  accountId: string | Types.ObjectId | null;
  /** A role label with at most a masked name, e.g. 会员 张**, 商户店员 李**, 微信支付. */
  label: string;
}

type Id = string | Types.ObjectId | null | undefined;

export interface BenefitEventInput {
  kind: BenefitEventKind;
  actor: BenefitActor;
  at?: Date;
  voucherId?: Id;
  orderId?: Id;
  offerId?: Id;
  merchantId?: Id;
  amountFen?: number | null;
  summary: string;
  detail?: Record<string, unknown> | null;
}

export const SYSTEM_ACTOR: BenefitActor = { kind: 'system', accountId: null, label: '系统' };
export const WECHAT_PAY_ACTOR: BenefitActor = { kind: 'wechat_pay', accountId: null, label: '微信支付' };

/** The label carries the role and a masked name only: the trail is read by many offices. */
export const memberActor = (accountId: string | Types.ObjectId, name: string): BenefitActor => ({
  kind: 'member',
  accountId,
  label: `会员 ${maskName(name)}`,
});
export const merchantStaffActor = (accountId: string | Types.ObjectId, displayName: string): BenefitActor => ({
  kind: 'merchant_staff',
  accountId,
  label: `商户店员 ${maskName(displayName)}`,
});
export const unionStaffActor = (accountId: string | Types.ObjectId, displayName: string): BenefitActor => ({
  kind: 'union_staff',
  accountId,
  label: `工会工作人员 ${maskName(displayName)}`,
});

export async function recordBenefitEvent(event: BenefitEventInput): Promise<void> {
  await BenefitEventModel.create({
    kind: event.kind,
    at: event.at ?? new Date(),
    actorKind: event.actor.kind,
    actorAccountId: event.actor.accountId ?? null,
    actorLabel: event.actor.label,
    voucherId: event.voucherId ?? null,
    orderId: event.orderId ?? null,
    offerId: event.offerId ?? null,
    merchantId: event.merchantId ?? null,
    amountFen: event.amountFen ?? null,
    summary: event.summary,
    detail: event.detail ?? null,
  });
}
