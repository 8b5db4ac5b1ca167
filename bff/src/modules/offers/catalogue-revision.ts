import { currentSequence, nextSequence } from '../../db/counters';

/**
 * One sequence for every merchant and offer write, so each BFF instance can tell that its
 * in-memory offer index is out of date by reading a single counter.
 */
export const CATALOGUE_SEQUENCE = 'benefit-catalogue';

export const nextCatalogueRevision = (): Promise<number> => nextSequence(CATALOGUE_SEQUENCE);
export const currentCatalogueRevision = (): Promise<number> => currentSequence(CATALOGUE_SEQUENCE);
