/**
 * How many of an offer a member has claimed in its current limit period, shown on the offer
 * page. Claims belong to vouchers, which sits above offers: its count is registered here at
 * start-up (app.ts), so offers never import vouchers.
 */
import type { Types } from 'mongoose';
import type { OfferDoc } from './offer.model';

export type ClaimCounter = (offer: OfferDoc, memberId: Types.ObjectId, now: Date) => Promise<number>;

let counter: ClaimCounter = async () => 0;

export function registerClaimCounter(registered: ClaimCounter): void {
  counter = registered;
}

export const claimedInPeriod: ClaimCounter = (offer, memberId, now) => counter(offer, memberId, now);
