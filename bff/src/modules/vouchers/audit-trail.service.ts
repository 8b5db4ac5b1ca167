/** Reading the benefit audit trail: what happened to a voucher, order or offer, oldest first. */
import { BENEFIT_EVENT_KINDS, type BenefitEventKind } from '@union/shared';
import type { Actor } from '../auth/actor';
import { TrailEventModel, type TrailEventDoc } from '../event-trail/trail-event.model';
import { eventFiltersInScope, type EventSubject } from './policy';

/** An offer with a busy month has thousands of claims; the oldest this many are shown. */
export const MAX_EVENTS = 1000;

/** A trail event of the benefits feature (the trail also holds other features' kinds). */
export type BenefitEventDoc = TrailEventDoc & { kind: BenefitEventKind };

export async function benefitEvents(actor: Actor, subject: EventSubject): Promise<BenefitEventDoc[]> {
  const filters = await eventFiltersInScope(actor, subject);
  return TrailEventModel.find({
    ...(filters.length === 1 ? filters[0]! : { $or: filters }),
    kind: { $in: BENEFIT_EVENT_KINDS },
  })
    .sort({ at: 1, _id: 1 })
    .limit(MAX_EVENTS)
    .lean<BenefitEventDoc[]>();
}
