/**
 * The running offer search of this BFF instance: the spatial index of merchants with
 * browsable offers, rebuilt whenever the `benefit-catalogue` sequence moves. Every
 * instance polls the sequence (one tiny read) and rebuilds its own index, so each sees
 * every instance's writes within one poll; every catalogue write (merchants/catalogue.ts)
 * calls `catalogueChanged()` to rebuild at once. The catalogue is small (a province signs
 * thousands of merchants, not millions) and changes rarely, so a full rebuild is simpler
 * than tracking changes.
 */
import type { MerchantCategory } from '@union/shared';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import { catalogueWrites } from '../merchants/catalogue';
import { MerchantModel } from '../merchants/merchant.model';
import { OfferIndex, type IndexedMerchant } from './offer-index';
import { OfferModel } from './offer.model';

export interface OfferSearchHandle {
  stop(): Promise<void>;
}

/**
 * A writer takes its revision just before its write lands, so a rebuild started in that
 * moment misses the write while the sequence already shows it. One more rebuild once the
 * sequence has been still this long picks up such writes.
 */
const SETTLE_MS = 10_000;

/** Merchants that are active and have active offers not yet over, with those offers' windows. */
async function loadBrowsableMerchants(now: Date): Promise<IndexedMerchant[]> {
  const offers = await OfferModel.find(
    { status: 'active', validUntil: { $gt: now } },
    { merchantId: 1, validFrom: 1, validUntil: 1 },
  ).lean();
  const offersByMerchant = new Map<string, IndexedMerchant['offers']>();
  for (const offer of offers) {
    const key = String(offer.merchantId);
    const list = offersByMerchant.get(key) ?? [];
    list.push({ id: String(offer._id), validFrom: offer.validFrom.getTime(), validUntil: offer.validUntil.getTime() });
    offersByMerchant.set(key, list);
  }
  const merchants = await MerchantModel.find({ status: 'active' }, { location: 1, category: 1 }).lean();
  return merchants.flatMap((merchant) => {
    const merchantOffers = offersByMerchant.get(String(merchant._id));
    if (!merchantOffers) return [];
    return [
      {
        id: String(merchant._id),
        location: { lat: merchant.location.lat, lng: merchant.location.lng },
        category: merchant.category as MerchantCategory,
        offers: merchantOffers,
      },
    ];
  });
}

class OfferSearch implements OfferSearchHandle {
  index = new OfferIndex();
  private builtRevision = -1;
  private lastMoveAt = 0;
  private settled = true;
  private timer: NodeJS.Timeout | null = null;
  /** Builds run one after another; a rebuild asked for while one runs shares the next. */
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly pollMs: number,
    private readonly logger: Logger,
  ) {}

  async start() {
    await this.rebuild();
    this.scheduleNextPoll();
  }

  /** Rebuilds now; resolves once a rebuild that started after this call has finished. */
  rebuild(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (!this.queued) {
      const build = this.chain.then(() => {
        this.queued = null;
        return this.buildOnce();
      });
      this.queued = build;
      this.chain = build.catch(() => undefined);
    }
    return this.queued;
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.chain;
  }

  private async poll() {
    const revision = await catalogueWrites.current();
    if (revision !== this.builtRevision) {
      await this.rebuild();
    } else if (!this.settled && Date.now() - this.lastMoveAt >= SETTLE_MS) {
      this.settled = true;
      await this.rebuild();
    }
  }

  private async buildOnce() {
    const started = Date.now();
    // Read before loading: a write landing during the load shows up as a move at the next poll.
    const revision = await catalogueWrites.current();
    const merchants = await loadBrowsableMerchants(new Date());
    this.index = new OfferIndex(merchants);
    if (revision !== this.builtRevision) {
      this.lastMoveAt = Date.now();
      this.settled = false;
    }
    this.builtRevision = revision;
    this.logger.debug({ merchants: merchants.length, revision, ms: Date.now() - started }, 'offer index built');
  }

  private scheduleNextPoll() {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.poll()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'offer index poll failed'))
        .finally(() => this.scheduleNextPoll());
    }, this.pollMs);
    this.timer.unref();
  }
}

let current: OfferSearch | null = null;

export async function startOfferSearch(config: Config, logger: Logger): Promise<OfferSearchHandle> {
  const search = new OfferSearch(config.STATION_INDEX_POLL_MS, logger);
  await search.start();
  current = search;
  return {
    stop: async () => {
      if (current === search) current = null;
      await search.stop();
    },
  };
}

export function offerIndex(): OfferIndex {
  if (!current) throw new Error('offer search has not been started');
  return current.index;
}

/**
 * Call after writing a merchant or an offer: this instance's index is rebuilt before the
 * writer answers. Other instances catch up at their next poll. Never throws: the poller
 * retries on its own.
 */
export async function catalogueChanged(): Promise<void> {
  await current?.rebuild().catch(() => undefined);
}
