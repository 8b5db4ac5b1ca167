/** Reading the benefit audit trail: what happened to a voucher, order or offer, oldest first. */
import type { Actor } from '../auth/actor';
import { BenefitEventModel, type BenefitEventDoc } from './benefit-event.model';
import { eventFiltersInScope, type EventSubject } from './policy';

/** An offer with a busy month has thousands of claims; the oldest this many are shown. */
export const MAX_EVENTS = 1000;

export async function benefitEvents(actor: Actor, subject: EventSubject): Promise<BenefitEventDoc[]> {
  const filters = await eventFiltersInScope(actor, subject);
  return BenefitEventModel.find(filters.length === 1 ? filters[0]! : { $or: filters })
    .sort({ at: 1, _id: 1 })
    .limit(MAX_EVENTS)
    .lean<BenefitEventDoc[]>();
}
