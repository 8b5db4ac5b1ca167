/**
 * The offer form's state and its translation to the contract. People type yuan, 折 and
 * whole numbers as text; all stays text until checked with the BFF's own schemas and
 * money rules (offerMoneyProblems), so a half-typed amount is never lost.
 */
import {
  OfferInputSchema,
  OfferPatchSchema,
  offerKind,
  offerMoneyProblems,
  type AdminOffer,
  type CouponTerms,
  type LimitPeriod,
  type Occupation,
  type OfferInput,
  type OfferKind,
  type OfferMoney,
} from '@union/shared';
import { chinaDateOf, chinaDayRange, chinaInstant, chinaIsoString } from '@union/shared';
import type { OfferPatch } from '../../services/benefit-admin';
import type { ApiError } from '../../services/http';
import { fenToYuanInput, yuanToFen } from '../../utils/money';

export interface OfferForm {
  merchantId: string;
  kind: OfferKind;
  couponType: CouponTerms['type'];
  /** `8.8` for 8.8折. */
  discount: string;
  threshold: string;
  reduction: string;
  price: string;
  faceValue: string;
  subsidy: string;
  title: string;
  description: string;
  usageNotes: string;
  /** China calendar dates: valid from the start of the first day to the end of the last. */
  validFrom: string;
  validUntil: string;
  stockTotal: string;
  stockDirection: 'increase' | 'decrease';
  stockChange: string;
  limitPerMember: string;
  limitPeriod: LimitPeriod;
  occupations: Occupation[];
  hardshipFamiliesOnly: boolean;
  status: AdminOffer['status'];
}

export type FormField =
  | 'merchantId'
  | 'kind'
  | 'coupon'
  | 'discount'
  | 'threshold'
  | 'reduction'
  | 'price'
  | 'faceValue'
  | 'subsidy'
  | 'title'
  | 'description'
  | 'usageNotes'
  | 'validFrom'
  | 'validUntil'
  | 'stockTotal'
  | 'stockChange'
  | 'limitPerMember'
  | 'limitPeriod'
  | 'audience'
  | 'status';
export type FormErrors = Partial<Record<FormField, string>>;

export function emptyForm(merchantId: string, today: string): OfferForm {
  return {
    merchantId,
    kind: 'coupon',
    couponType: 'threshold',
    discount: '',
    threshold: '',
    reduction: '',
    price: '',
    faceValue: '',
    subsidy: '',
    title: '',
    description: '',
    usageNotes: '',
    validFrom: today,
    validUntil: '',
    stockTotal: '',
    stockDirection: 'increase',
    stockChange: '',
    limitPerMember: '1',
    limitPeriod: 'month',
    occupations: [],
    hardshipFamiliesOnly: false,
    status: 'active',
  };
}

const chinaDate = (iso: string) => chinaDateOf(new Date(iso));

export function formFromOffer(offer: AdminOffer): OfferForm {
  const coupon = offer.coupon;
  return {
    ...emptyForm(offer.merchant.id, chinaDate(offer.validFrom)),
    kind: offer.kind,
    couponType: coupon?.type ?? 'threshold',
    discount: coupon?.type === 'discount' ? String(coupon.payPercent / 10) : '',
    threshold: coupon?.type === 'threshold' ? fenToYuanInput(coupon.thresholdFen) : '',
    reduction: coupon?.type === 'threshold' ? fenToYuanInput(coupon.reductionFen) : '',
    price: fenToYuanInput(offer.priceFen),
    faceValue: fenToYuanInput(offer.faceValueFen),
    subsidy: fenToYuanInput(offer.unionSubsidyFen),
    title: offer.title,
    description: offer.description,
    usageNotes: offer.usageNotes,
    validUntil: chinaDate(offer.validUntil),
    stockTotal: String(offer.stockTotal),
    limitPerMember: String(offer.limitPerMember),
    limitPeriod: offer.limitPeriod,
    occupations: [...offer.audience.occupations],
    hardshipFamiliesOnly: offer.audience.hardshipFamiliesOnly,
    status: offer.status,
  };
}

const startOfChinaDay = (date: string) => chinaIsoString(chinaInstant(date));
/** The day's last whole second, as offers have always been stored. */
const endOfChinaDay = (date: string) => chinaIsoString(chinaDayRange(date).end.getTime() - 1000);

/** Where a contract path (`coupon.reductionFen`, `audience.occupations.0`) shows on the form. */
export function fieldOf(path: readonly PropertyKey[]): FormField | null {
  const [head, sub] = path.map(String);
  if (head === 'coupon') {
    if (sub === 'payPercent') return 'discount';
    if (sub === 'thresholdFen') return 'threshold';
    if (sub === 'reductionFen') return 'reduction';
    return 'coupon';
  }
  const byPath: Record<string, FormField> = {
    priceFen: 'price',
    faceValueFen: 'faceValue',
    unionSubsidyFen: 'subsidy',
    audience: 'audience',
  };
  if (head && byPath[head]) return byPath[head];
  const direct: readonly string[] = [
    'merchantId',
    'kind',
    'title',
    'description',
    'usageNotes',
    'validFrom',
    'validUntil',
    'stockTotal',
    'stockChange',
    'limitPerMember',
    'limitPeriod',
    'status',
  ];
  return head && direct.includes(head) ? (head as FormField) : null;
}

function addError(errors: FormErrors, path: readonly PropertyKey[], message: string): void {
  const field = fieldOf(path);
  if (field && !errors[field]) errors[field] = message;
}

const AMOUNT_HINT = '请输入金额（元），最多两位小数';

/** Typed yuan as fen, recording a problem (and answering 0) when it is not an amount. */
function money(text: string, field: FormField, errors: FormErrors, optional = false): number {
  if (optional && !text.trim()) return 0;
  const fen = yuanToFen(text);
  if (fen === null) errors[field] ??= AMOUNT_HINT;
  return fen ?? 0;
}

function wholeNumber(text: string): number {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}

/** `8.8` → 88 (percent paid); NaN when it is not a 折 with at most one decimal. */
function payPercent(discount: string): number {
  return /^\d(\.\d)?$/.test(discount.trim()) ? Math.round(Number(discount.trim()) * 10) : Number.NaN;
}

/** The money part as the contract has it; problems with the typed text go into `errors`. */
export function moneyOf(form: OfferForm, errors: FormErrors): OfferMoney & { coupon: CouponTerms | null } {
  const fields = offerKind(form.kind).form;
  if (fields === 'coupon_terms') {
    let coupon: CouponTerms;
    if (form.couponType === 'discount') {
      const percent = payPercent(form.discount);
      if (Number.isNaN(percent)) errors.discount = '请输入折扣，如 8.8';
      coupon = { type: 'discount', payPercent: percent };
    } else {
      coupon = {
        type: 'threshold',
        thresholdFen: money(form.threshold, 'threshold', errors),
        reductionFen: money(form.reduction, 'reduction', errors),
      };
    }
    return { kind: form.kind, coupon, faceValueFen: 0, priceFen: 0, unionSubsidyFen: 0 };
  }
  return {
    kind: form.kind,
    coupon: null,
    faceValueFen: money(form.faceValue, 'faceValue', errors),
    priceFen: money(form.price, 'price', errors, fields.priceOptional),
    unionSubsidyFen: money(form.subsidy, 'subsidy', errors, true),
  };
}

/** The money as typed so far, for the live split; null while any amount is not readable yet. */
export function typedMoney(form: OfferForm): OfferMoney | null {
  const errors: FormErrors = {};
  const typed = moneyOf(form, errors);
  return Object.keys(errors).length === 0 ? typed : null;
}

function checkDates(form: OfferForm, errors: FormErrors): void {
  if (!form.validFrom) errors.validFrom = '请选择开始日期';
  if (!form.validUntil) errors.validUntil = '请选择结束日期';
  else if (form.validFrom && form.validUntil < form.validFrom) errors.validUntil = '结束日期不能早于开始日期';
}

function audienceOf(form: OfferForm) {
  return { occupations: form.occupations, hardshipFamiliesOnly: form.hardshipFamiliesOnly };
}

export function checkNewOffer(form: OfferForm): { input: OfferInput } | { errors: FormErrors } {
  const errors: FormErrors = {};
  if (!form.merchantId) errors.merchantId = '请选择商家';
  checkDates(form, errors);
  const offerMoney = moneyOf(form, errors);
  const candidate: OfferInput = {
    ...offerMoney,
    merchantId: form.merchantId,
    title: form.title,
    description: form.description,
    usageNotes: form.usageNotes,
    validFrom: form.validFrom ? startOfChinaDay(form.validFrom) : '',
    validUntil: form.validUntil ? endOfChinaDay(form.validUntil) : '',
    stockTotal: wholeNumber(form.stockTotal),
    limitPerMember: wholeNumber(form.limitPerMember),
    limitPeriod: form.limitPeriod,
    audience: audienceOf(form),
    status: form.status === 'draft' ? 'draft' : 'active',
  };
  const parsed = OfferInputSchema.safeParse(candidate);
  if (!parsed.success) for (const issue of parsed.error.issues) addError(errors, issue.path, issue.message);
  for (const problem of offerMoneyProblems(offerMoney)) addError(errors, problem.path.split('.'), problem.message);
  if (Number.isNaN(candidate.stockTotal)) errors.stockTotal ??= '请输入库存张数';
  if (Number.isNaN(candidate.limitPerMember)) errors.limitPerMember ??= '请输入每人限领张数';
  if (Object.keys(errors).length > 0) return { errors };
  return { input: candidate };
}

/**
 * Only what the staff changed: kind and money are fixed once published, dates are resent
 * only when another day was picked (keeping the original hour otherwise), and stock moves
 * by the signed amount typed.
 */
export function checkOfferChanges(form: OfferForm, offer: AdminOffer): { patch: OfferPatch } | { errors: FormErrors } {
  const errors: FormErrors = {};
  checkDates(form, errors);
  const patch: OfferPatch = {
    title: form.title,
    description: form.description,
    usageNotes: form.usageNotes,
    limitPerMember: wholeNumber(form.limitPerMember),
    limitPeriod: form.limitPeriod,
    audience: audienceOf(form),
  };
  if (form.validFrom !== chinaDate(offer.validFrom)) patch.validFrom = startOfChinaDay(form.validFrom);
  if (form.validUntil !== chinaDate(offer.validUntil)) patch.validUntil = endOfChinaDay(form.validUntil);
  if (form.status !== offer.status) patch.status = form.status;
  if (form.stockChange.trim()) {
    const amount = wholeNumber(form.stockChange);
    if (Number.isNaN(amount) || amount === 0) errors.stockChange = '请输入要增加或减少的张数';
    else if (form.stockDirection === 'decrease' && amount > offer.stockRemaining) {
      errors.stockChange = `最多减少 ${offer.stockRemaining} 张（剩余库存）`;
    } else patch.stockChange = form.stockDirection === 'increase' ? amount : -amount;
  }
  const parsed = OfferPatchSchema.safeParse(patch);
  if (!parsed.success) for (const issue of parsed.error.issues) addError(errors, issue.path, issue.message);
  if (Number.isNaN(patch.limitPerMember)) errors.limitPerMember ??= '请输入每人限领张数';
  if (Object.keys(errors).length > 0) return { errors };
  return { patch };
}

/** The BFF's field details (`coupon.reductionFen`, possibly prefixed `body.`) as form errors. */
export function formErrorsFromApi(error: ApiError): FormErrors {
  const errors: FormErrors = {};
  for (const { path, message } of error.details) addError(errors, path.replace(/^body\./, '').split('.'), message);
  return errors;
}
