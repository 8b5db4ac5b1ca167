/**
 * The in-process spatial index of merchants with offers members can see (helper A fills this in).
 */
import type { Config } from '../../config';
import type { Logger } from '../../logger';

export interface OfferSearchHandle {
  stop(): Promise<void>;
}

export async function startOfferSearch(_config: Config, _logger: Logger): Promise<OfferSearchHandle> {
  return { stop: async () => {} };
}
