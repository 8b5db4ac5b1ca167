/**
 * Writes the event trail. Called after the state change it records has happened, with
 * everything needed to read it later without joining (labels, amounts).
 */
import { isDuplicateKeyError } from '../../db/duplicate-key';
import type { Types } from 'mongoose';
import { maskName, type BenefitEventKind } from '@union/shared';
import { SUBJECT_REFS, TrailEventModel, type EVENT_ACTOR_KINDS, type SubjectRef } from './trail-event.model';

export type EventActorKind = (typeof EVENT_ACTOR_KINDS)[number];
/** `subject.what_happened`: the benefit kinds, or another feature's (e.g. a fee product's `fee.refunded`). */
export type EventKind = BenefitEventKind | `${string}.${string}`;

export interface EventActor {
  kind: EventActorKind;
  accountId: string | Types.ObjectId | null;
  /** A role label with at most a masked name, e.g. 会员 张**, 商户店员 李**, 微信支付. */
  label: string;
}

type Id = string | Types.ObjectId | null | undefined;
/** The subjects an event is about (see SUBJECT_REFS). */
export type EventSubjects = Partial<Record<SubjectRef, Id>>;

export interface EventInput extends EventSubjects {
  kind: EventKind;
  actor: EventActor;
  at?: Date;
  amountFen?: number | null;
  summary: string;
  detail?: Record<string, unknown> | null;
  /**
   * For an event that happens once per subject (`order.paid:<orderId>`): recorded by whichever
   * of racing or retried steps gets there first, never twice, so repair paths can simply record it.
   */
  once?: string;
}

export const SYSTEM_ACTOR: EventActor = { kind: 'system', accountId: null, label: '系统' };
export const WECHAT_PAY_ACTOR: EventActor = { kind: 'wechat_pay', accountId: null, label: '微信支付' };

/** The label carries the role and a masked name only: the trail is read by many offices. */
export const memberLabel = (name: string) => `会员 ${maskName(name)}`;
export const memberActor = (accountId: string | Types.ObjectId, name: string): EventActor => ({
  kind: 'member',
  accountId,
  label: memberLabel(name),
});
export const merchantStaffActor = (accountId: string | Types.ObjectId, displayName: string): EventActor => ({
  kind: 'merchant_staff',
  accountId,
  label: `商户店员 ${maskName(displayName)}`,
});
export const unionStaffActor = (accountId: string | Types.ObjectId, displayName: string): EventActor => ({
  kind: 'union_staff',
  accountId,
  label: `工会工作人员 ${maskName(displayName)}`,
});

export async function recordEvent(event: EventInput): Promise<void> {
  try {
    await writeEvent(event);
  } catch (caught) {
    if (!(event.once && isDuplicateKeyError(caught))) throw caught;
  }
}

async function writeEvent(event: EventInput): Promise<void> {
  await TrailEventModel.create({
    kind: event.kind,
    at: event.at ?? new Date(),
    actorKind: event.actor.kind,
    actorAccountId: event.actor.accountId ?? null,
    actorLabel: event.actor.label,
    ...Object.fromEntries(SUBJECT_REFS.map((ref) => [ref, event[ref] ?? null])),
    amountFen: event.amountFen ?? null,
    summary: event.summary,
    detail: event.detail ?? null,
    ...(event.once ? { onceKey: event.once } : {}),
  });
}
