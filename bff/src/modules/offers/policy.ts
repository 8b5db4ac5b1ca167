/**
 * Who may manage which offers: union office staff, over the offers of merchants signed in
 * their subtree (an offer carries its merchant's `orgPath`). Anything outside it is "not
 * found", so ids cannot be probed. The list filter is the merchants' (`inActorScope`).
 */
import { Types } from 'mongoose';
import { UNION_OFFICE_ROLES } from '@union/shared';
import { NotFoundError } from '../../http/errors';
import { holdsRoleOver, type Actor } from '../auth/actor';
import { definePolicy } from '../auth/policy';
import { OfferModel, type OfferDoc } from './offer.model';

export { inActorScope } from '../merchants/policy';

export const offerPolicy = definePolicy(
  {
    manage: (actor, offer: Pick<OfferDoc, 'orgPath'>) => holdsRoleOver(actor, UNION_OFFICE_ROLES, offer.orgPath),
  },
  () => NotFoundError('优惠不存在'),
);

export async function offerForManaging(actor: Actor, offerId: string): Promise<OfferDoc> {
  const offer = Types.ObjectId.isValid(offerId) ? await OfferModel.findById(offerId).lean<OfferDoc>() : null;
  if (!offer) throw NotFoundError('优惠不存在');
  offerPolicy.authorize(actor, 'manage', offer);
  return offer;
}
