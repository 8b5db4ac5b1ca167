/**
 * The benefit (普惠) metrics the cadres' figures count (registered in connect-modules.ts), each by
 * the org that runs the offer (the offer's, which is its merchant's and the org the settlement
 * scopes a voucher by) and keyed by the offer's category (its merchant's, as the settlement
 * groups). Marked by issuing a voucher (claims and paid orders), redemption, and, through the
 * product's `moneyChanged`, payments and refunds.
 */
import type { Types } from 'mongoose';
import { markFigureChanged } from '../figures/counters';
import type { FigureMetric, FigureRecord } from '../figures/metrics';
import { OfferModel } from '../offers/offer.model';
import { OrderModel, type OrderDoc } from '../payments/order.model';
import { VOUCHER_PRODUCT } from './product-kind';
import { settlementMoneyOf } from './settlement-money';
import { VoucherModel, type VoucherDoc } from './voucher.model';

export const BENEFIT_METRICS = {
  claims: 'benefits.claims',
  redemptions: 'benefits.redemptions',
  memberPayments: 'benefits.memberPayments',
  refunds: 'benefits.refunds',
  subsidy: 'benefits.subsidy',
} as const;

export type BenefitMetric = (typeof BENEFIT_METRICS)[keyof typeof BENEFIT_METRICS];

type Range = { from: Date; to: Date; orgId?: Types.ObjectId };
interface OfferFacts {
  orgId: Types.ObjectId;
  orgPath: Types.ObjectId[];
  category: string;
}

/** Offer id → its org and category, read once per batch of records. */
class OfferFactsCache {
  private readonly facts = new Map<string, OfferFacts | null>();

  async load(ids: Types.ObjectId[]): Promise<void> {
    const missing = [...new Set(ids.map(String))].filter((id) => !this.facts.has(id));
    if (missing.length === 0) return;
    const offers = await OfferModel.find({ _id: { $in: missing } }, { orgId: 1, orgPath: 1, category: 1 }).lean();
    for (const id of missing) this.facts.set(id, null);
    for (const offer of offers) this.facts.set(String(offer._id), offer);
  }

  get(id: Types.ObjectId): OfferFacts | null {
    return this.facts.get(String(id)) ?? null;
  }
}

const BATCH = 500;

/**
 * Each found document with its offer's org and category, in batches; with `orgId`, only the
 * documents of offers run by that org itself.
 */
async function* withOffers<T>(
  found: AsyncIterable<T>,
  offerIdOf: (doc: T) => Types.ObjectId,
  orgId: Types.ObjectId | undefined,
): AsyncIterable<[T, OfferFacts]> {
  const cache = new OfferFactsCache();
  let batch: T[] = [];
  const flush = async function* () {
    await cache.load(batch.map(offerIdOf));
    for (const doc of batch) {
      const facts = cache.get(offerIdOf(doc));
      if (facts && (!orgId || facts.orgId.equals(orgId))) yield [doc, facts] as [T, OfferFacts];
    }
    batch = [];
  };
  for await (const doc of found) {
    batch.push(doc);
    if (batch.length >= BATCH) yield* flush();
  }
  yield* flush();
}

const recordOf = (facts: OfferFacts, at: Date, amount: number): FigureRecord => ({
  orgId: facts.orgId,
  orgPath: facts.orgPath,
  at,
  amount,
  key: facts.category,
});

/** Vouchers matching `filter`; with `orgId`, narrowed to the org's subtree by the voucher's merchant path. */
const vouchers = (filter: Record<string, unknown>, orgId: Types.ObjectId | undefined) =>
  VoucherModel.find({ ...filter, ...(orgId ? { merchantOrgPath: orgId } : {}) })
    .lean<VoucherDoc[]>()
    .cursor();

/**
 * 领取张数: vouchers issued (free claims, and paid orders once paid), by the time issued, except
 * those whose money went back: a refund returns the unit, as the offer's claimed count says.
 */
export const benefitClaims: FigureMetric = {
  name: BENEFIT_METRICS.claims,
  async *records({ from, to, orgId }: Range) {
    const found = vouchers({ claimedAt: { $gte: from, $lt: to }, status: { $ne: 'refunded' } }, orgId);
    for await (const [voucher, facts] of withOffers(found, (voucher) => voucher.offerId, orgId)) {
      yield recordOf(facts, voucher.claimedAt, 1);
    }
  },
};

/** The vouchers redeemed in the range: what the monthly settlement counts (settlementFilter). */
const redeemed = ({ from, to, orgId }: Range) =>
  withOffers(
    vouchers({ status: 'used', redeemedAt: { $gte: from, $lt: to } }, orgId),
    (voucher) => voucher.offerId,
    orgId,
  );

/** 核销张数: vouchers redeemed at the counter (the settlement's redeemedCount), by redemption time. */
export const benefitRedemptions: FigureMetric = {
  name: BENEFIT_METRICS.redemptions,
  async *records(range: Range) {
    for await (const [voucher, facts] of redeemed(range)) yield recordOf(facts, voucher.redeemedAt!, 1);
  },
};

/**
 * 工会补贴 (fen) owed to merchants: each redeemed voucher's union subsidy by the settlement's own
 * rule (settlementMoneyOf: money kinds only), on the day its redemption made it owed.
 */
export const benefitSubsidy: FigureMetric = {
  name: BENEFIT_METRICS.subsidy,
  async *records(range: Range) {
    for await (const [voucher, facts] of redeemed(range)) {
      const { unionSubsidyFen } = settlementMoneyOf(voucher);
      if (unionSubsidyFen > 0) yield recordOf(facts, voucher.redeemedAt!, unionSubsidyFen);
    }
  },
};

/** Voucher orders matching `filter`; with `orgId`, only of the offers that org runs itself. */
async function* voucherOrders(filter: Record<string, unknown>, orgId: Types.ObjectId | undefined) {
  const offerIds = orgId
    ? (await OfferModel.find({ orgPath: orgId, orgId }, { _id: 1 }).lean()).map((offer) => offer._id)
    : null;
  if (offerIds?.length === 0) return;
  const found = OrderModel.find({
    'product.kind': VOUCHER_PRODUCT,
    ...filter,
    ...(offerIds ? { 'product.ref': { $in: offerIds } } : {}),
  })
    .lean<OrderDoc[]>()
    .cursor();
  yield* withOffers(found, (order) => order.product.ref, orgId);
}

/**
 * 会员实付 (fen): what members paid through WeChat Pay for vouchers, by the payment's success
 * time; every payment received, including one that reached an order already closed (it goes
 * back, and shows in benefits.refunds).
 */
export const benefitMemberPayments: FigureMetric = {
  name: BENEFIT_METRICS.memberPayments,
  async *records({ from, to, orgId }: Range) {
    for await (const [order, facts] of voucherOrders({ paidAt: { $gte: from, $lt: to } }, orgId)) {
      yield recordOf(facts, order.paidAt!, order.amountFen);
    }
  },
};

/** 退款 (fen): voucher payments WeChat Pay refunded (always in full), by the refund's success time. */
export const benefitRefunds: FigureMetric = {
  name: BENEFIT_METRICS.refunds,
  async *records({ from, to, orgId }: Range) {
    const filter = { 'refund.status': 'succeeded', 'refund.finishedAt': { $gte: from, $lt: to } };
    for await (const [order, facts] of voucherOrders(filter, orgId)) {
      yield recordOf(facts, order.refund!.finishedAt!, order.amountFen);
    }
  },
};

export const benefitFigureMetrics: FigureMetric[] = [
  benefitClaims,
  benefitRedemptions,
  benefitMemberPayments,
  benefitRefunds,
  benefitSubsidy,
];

/** Marks each metric at `at` for the org running the offer. */
export async function markBenefitFigures(
  metrics: BenefitMetric[],
  offer: { orgId: Types.ObjectId; orgPath: Types.ObjectId[] },
  at: Date,
): Promise<void> {
  for (const metric of metrics) await markFigureChanged(metric, { orgId: offer.orgId, orgPath: offer.orgPath, at });
}

/** After a voucher order's payment or refund was recorded: its money metrics on their days. */
export async function markOrderMoney(order: OrderDoc): Promise<void> {
  const offer = await OfferModel.findById(order.product.ref, { orgId: 1, orgPath: 1 }).lean();
  if (!offer) return;
  if (order.paidAt) await markBenefitFigures([BENEFIT_METRICS.memberPayments], offer, order.paidAt);
  if (order.refund?.status === 'succeeded' && order.refund.finishedAt) {
    await markBenefitFigures([BENEFIT_METRICS.refunds], offer, order.refund.finishedAt);
  }
}
