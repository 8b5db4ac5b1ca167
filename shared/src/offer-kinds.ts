/**
 * The kinds of offer, described once. Everything that differs between a free coupon, a
 * union-subsidised voucher and a member-price item is a column of OFFER_KIND_TABLE; the
 * BFF, the contract and the mini-program look the kind up here instead of branching on it.
 * To add a kind, add a row: the zod and mongoose enums, the staff form, the member pages,
 * the claim, the settlement and the headline follow. Money is always in fen (integers).
 */

/** A coupon's terms: pay `payPercent`% (88 = 8.8折), or 满 `thresholdFen` 减 `reductionFen`. */
export type CouponTerms =
  { type: 'discount'; payPercent: number } | { type: 'threshold'; thresholdFen: number; reductionFen: number };

/** An offer as far as money goes; `kind` is a row of the table. */
export interface OfferMoney {
  kind: OfferKind;
  /** What the voucher is worth at the counter (kinds that carry money); 0 for coupons. */
  faceValueFen: number;
  /** What the member pays online (kinds that carry money); 0 for coupons. */
  priceFen: number;
  /** What the union pays the merchant per redeemed voucher on top of the member's payment. */
  unionSubsidyFen: number;
}
type Priced = Omit<OfferMoney, 'kind'> & { coupon: CouponTerms | null };

export interface OfferSplit {
  faceValueFen: number;
  memberPaysFen: number;
  unionSubsidyFen: number;
  /** The part of the face value the merchant gives up itself (e.g. 12% of a 爱心超市 card). */
  merchantDiscountFen: number;
  /** What the union owes the merchant when the voucher is redeemed: the member's payment plus the subsidy. */
  owedToMerchantFen: number;
}

export interface MoneyProblem {
  path: string;
  message: string;
}

/** The money part of the staff's offer form for a kind that carries money. */
export interface MoneyFormFields {
  priceLabel: string;
  pricePlaceholder: string;
  /** Left blank means 0 (a card the union pays for in full). */
  priceOptional: boolean;
  faceValueLabel: string;
  subsidyPlaceholder: string;
}

export interface OfferKindSpec {
  label: string;
  /**
   * The money split: a kind that carries money has a face value the member pays part of
   * online and the union subsidises; one that does not (a coupon) has 折扣/满减 terms the
   * merchant gives at the counter, and no money is stored, copied to vouchers or owed.
   */
  carriesMoney: boolean;
  /** Whether the member pays online (an order through WeChat Pay) or simply claims. */
  needsPayment(priceFen: number): boolean;
  /**
   * What a redeemed voucher counts for in the monthly settlement: `money` adds its payment
   * and subsidy to what the union owes the merchant; `count` only counts the redemption.
   */
  settlement: 'money' | 'count';
  /** Which money fields the staff's offer form shows: the coupon's terms, or these amounts. */
  form: 'coupon_terms' | MoneyFormFields;
  /** The short Chinese headline members read: 满100减20, 8.8折, 会员价19.9元. */
  headline(offer: Priced): string;
  /** The price line under the headline on members' pages; null when the headline says it all. */
  priceLine(offer: Omit<OfferMoney, 'kind' | 'unionSubsidyFen'>): string | null;
  /** Problems particular to the kind, in Chinese, keyed by field. */
  moneyProblems(offer: Priced): MoneyProblem[];
}

/** 88 → "8.8", 80 → "8", 75 → "7.5". */
function formatDiscount(payPercent: number): string {
  return (payPercent / 10).toFixed(1).replace(/\.0$/, '');
}

/** 10000 → "100", 1990 → "19.9", 1 → "0.01". */
export function yuanText(fen: number): string {
  return (fen / 100).toFixed(2).replace(/\.?0+$/, '');
}

const never = () => false;
const whenPriced = (priceFen: number) => priceFen > 0;

export const OFFER_KIND_TABLE = {
  /** Free: a discount or 满减 the merchant gives at the counter. */
  coupon: {
    label: '优惠券',
    carriesMoney: false,
    needsPayment: never,
    settlement: 'count',
    form: 'coupon_terms',
    headline: ({ coupon }) => {
      if (!coupon) return '优惠券';
      if (coupon.type === 'discount') return `${formatDiscount(coupon.payPercent)}折`;
      return `满${yuanText(coupon.thresholdFen)}减${yuanText(coupon.reductionFen)}`;
    },
    priceLine: () => null,
    moneyProblems: ({ coupon }) => {
      if (!coupon) return [{ path: 'coupon', message: '请填写优惠券的折扣或满减规则' }];
      if (coupon.type === 'threshold' && coupon.reductionFen >= coupon.thresholdFen) {
        return [{ path: 'coupon.reductionFen', message: '减免金额应小于门槛金额' }];
      }
      return [];
    },
  },
  /**
   * The member pays part online, the union subsidises the rest. A card the union pays for
   * entirely (member pays ¥0) is claimed like a coupon, yet the union still owes the
   * merchant its subsidy when it is redeemed.
   */
  subsidised_voucher: {
    label: '工会补贴券',
    carriesMoney: true,
    needsPayment: whenPriced,
    settlement: 'money',
    form: {
      priceLabel: '会员支付（元）',
      pricePlaceholder: '会员在线支付，工会全额补贴填 0',
      priceOptional: true,
      faceValueLabel: '面值（元）',
      subsidyPlaceholder: '每张券工会付给商户的金额',
    },
    headline: (offer) =>
      offer.priceFen === 0
        ? `免费领${yuanText(offer.faceValueFen)}元券`
        : `${yuanText(offer.priceFen)}元购${yuanText(offer.faceValueFen)}元券`,
    priceLine: (offer) =>
      offer.priceFen === 0
        ? `免费领 ¥${yuanText(offer.faceValueFen)} 券`
        : `¥${yuanText(offer.priceFen)} 购 ¥${yuanText(offer.faceValueFen)} 券`,
    moneyProblems: (offer) =>
      offer.unionSubsidyFen < 1 ? [{ path: 'unionSubsidyFen', message: '工会补贴券须有工会补贴金额' }] : [],
  },
  /** An item sold online at a member price: the merchant bears the discount, the union may add a subsidy. */
  member_price: {
    label: '会员价商品',
    carriesMoney: true,
    needsPayment: whenPriced,
    settlement: 'money',
    form: {
      priceLabel: '会员价（元）',
      pricePlaceholder: '会员在线支付的价格',
      priceOptional: false,
      faceValueLabel: '原价（元）',
      subsidyPlaceholder: '无补贴可不填',
    },
    headline: (offer) => `会员价${yuanText(offer.priceFen)}元`,
    priceLine: (offer) => `会员价 ¥${yuanText(offer.priceFen)} · 原价 ¥${yuanText(offer.faceValueFen)}`,
    moneyProblems: (offer) => (offer.priceFen < 1 ? [{ path: 'priceFen', message: '会员价至少 0.01 元' }] : []),
  },
} as const satisfies Record<string, OfferKindSpec>;

export type OfferKind = keyof typeof OFFER_KIND_TABLE;
/** In the table's order (the staff form's order). The zod and mongoose enums are built from it. */
export const OFFER_KINDS = Object.keys(OFFER_KIND_TABLE) as readonly OfferKind[];

/** The row of a kind. */
export const offerKind = (kind: OfferKind): OfferKindSpec => OFFER_KIND_TABLE[kind];

export const OFFER_KIND_LABELS = Object.fromEntries(OFFER_KINDS.map((kind) => [kind, offerKind(kind).label])) as Record<
  OfferKind,
  string
>;

/** Kinds whose vouchers carry money (face value, payment, subsidy). */
export const isPaidOfferKind = (kind: OfferKind): boolean => offerKind(kind).carriesMoney;

/** Whether the member pays online (an order through WeChat Pay) or simply claims. */
export const offerNeedsPayment = (offer: { kind: OfferKind; priceFen: number }): boolean =>
  offerKind(offer.kind).needsPayment(offer.priceFen);

/** What an offer stores: a kind that carries money keeps its amounts and no coupon terms; a coupon the reverse. */
export function storedOfferMoney<T extends OfferMoney & { coupon: CouponTerms | null }>(offer: T) {
  const carries = offerKind(offer.kind).carriesMoney;
  return {
    kind: offer.kind,
    coupon: carries ? null : offer.coupon,
    faceValueFen: carries ? offer.faceValueFen : 0,
    priceFen: carries ? offer.priceFen : 0,
    unionSubsidyFen: carries ? offer.unionSubsidyFen : 0,
  };
}

/** Who pays what for one voucher of this offer. */
export function offerSplit(offer: OfferMoney): OfferSplit {
  if (!offerKind(offer.kind).carriesMoney) {
    return { faceValueFen: 0, memberPaysFen: 0, unionSubsidyFen: 0, merchantDiscountFen: 0, owedToMerchantFen: 0 };
  }
  return {
    faceValueFen: offer.faceValueFen,
    memberPaysFen: offer.priceFen,
    unionSubsidyFen: offer.unionSubsidyFen,
    merchantDiscountFen: offer.faceValueFen - offer.priceFen - offer.unionSubsidyFen,
    owedToMerchantFen: offer.priceFen + offer.unionSubsidyFen,
  };
}

/** Problems with an offer's money, in Chinese, keyed by field; empty when consistent. */
export function offerMoneyProblems(offer: OfferMoney & { coupon: CouponTerms | null }): MoneyProblem[] {
  const spec = offerKind(offer.kind);
  const problems = spec.moneyProblems(offer);
  if (!spec.carriesMoney) return problems;
  if (offer.faceValueFen <= offer.priceFen) problems.push({ path: 'faceValueFen', message: '面值应高于会员支付金额' });
  if (offer.priceFen + offer.unionSubsidyFen > offer.faceValueFen) {
    problems.push({ path: 'unionSubsidyFen', message: '工会补贴加会员支付不能超过面值' });
  }
  return problems;
}

/** A short Chinese headline for an offer: 满100减20, 8.8折, 会员价19.9元. */
export const offerHeadline = (offer: OfferMoney & { coupon: CouponTerms | null }): string =>
  offerKind(offer.kind).headline(offer);
