/**
 * The benefit catalogue: merchants and their offers, written through one revisioned-write
 * helper on one sequence, so each BFF instance's offer index (offers/offer-search.ts) knows
 * when to rebuild. Merchants sit below offers and do not import them: what a merchant write
 * means for offers (the index, the category offers copy, how many offers a merchant has) is
 * reached through hooks offers provides, registered at start-up (app.ts).
 */
import type { Types } from 'mongoose';
import type { MerchantCategory } from '@union/shared';
import { revisionedWrites } from '../../db/revisioned-write';

export const CATALOGUE_SEQUENCE = 'benefit-catalogue';

export interface CatalogueHooks {
  /** Has this instance's offer index catch up with a write just made; never throws. */
  refresh(): Promise<void>;
  /** Within a merchant's write: offers carry the merchant's category for browsing by category. */
  merchantCategoryChanged(merchantId: Types.ObjectId, category: MerchantCategory, revision: number): Promise<void>;
  /** Active offers per merchant id, for the staff's merchant list. */
  activeOfferCounts(merchantIds: Types.ObjectId[]): Promise<Map<string, number>>;
}

let hooks: CatalogueHooks = {
  refresh: async () => undefined,
  merchantCategoryChanged: async () => undefined,
  activeOfferCounts: async () => new Map(),
};

/** Called by the composition root (app.ts) at start-up; a later call replaces the hooks. */
export function registerCatalogueHooks(registered: CatalogueHooks): void {
  hooks = registered;
}

export const catalogueHooks = (): CatalogueHooks => hooks;

/** Every merchant and offer write goes through these, stamped with a fresh catalogue revision. */
export const catalogueWrites = revisionedWrites({
  sequence: CATALOGUE_SEQUENCE,
  refresh: () => hooks.refresh(),
});
