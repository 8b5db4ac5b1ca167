/**
 * A paid activity entry (付费报名) as a payments product. The entry already holds its place
 * (`pending_payment` after a first-come sign-up, or `offered` after a waitlist promotion), so
 * ordering holds nothing more; a paid order confirms the entry (once, conditionally), an order
 * closed after the entry's deadline lets the entry expire and its place pass to the next
 * waiting entry, and a refund cancels the entry. Payments drives these hooks behind its own
 * once-only order transitions; `registerProduct(activityEntryProduct)` runs at startup.
 */
import { Types } from 'mongoose';
import { nextStatus, type EntryStatus } from '@union/shared';
import { updateIf } from '../../db/conditional-update';
import { ConflictError, NotFoundError } from '../../http/errors';
import { memberLabel } from '../event-trail/record';
import { MemberModel } from '../membership/member.model';
import { OrderModel, type OrderDoc } from '../payments/order.model';
import { yuan } from '../payments/order-facts';
import type { ProductAdapter } from '../payments/products';
import { ActivityModel, type ActivityDoc } from './activity.model';
import { entriesChanged } from './entry-changes';
import { EntryModel, type EntryDoc } from './entry.model';
import { passPlaceOn, placePassOwed } from './places';

export const ACTIVITY_ENTRY_PRODUCT = 'activity_entry';

/** Entry states in which the place is held for the member until they pay. */
export const PAYABLE_ENTRY_STATUSES = ['pending_payment', 'offered'] as const;

/** What the member pays: the fee less the union's subsidy. */
export const entryPayableFen = (activity: Pick<ActivityDoc, 'fee'>) =>
  Math.max(0, (activity.fee?.priceFen ?? 0) - (activity.fee?.subsidyFen ?? 0));

/** What an entry order keeps of its activity when placed. */
interface EntryOrderFacts {
  activityId: Types.ObjectId;
  /** The entry's deadline to pay when the order was placed. */
  payBy: Date;
}

const factsOf = (order: Pick<OrderDoc, 'product'>) => order.product.facts as EntryOrderFacts;

async function entryAndActivity(entryId: Types.ObjectId | string) {
  const entry = await EntryModel.findById(entryId).lean<EntryDoc>();
  const activity = entry ? await ActivityModel.findById(entry.activityId).lean<ActivityDoc>() : null;
  return { entry, activity };
}

/**
 * Ends an unpaid entry whose deadline passed (pending_payment/offered → cancelled) and passes
 * its place on; false when it was paid, cancelled or expired by someone else first.
 */
export async function expireUnpaidEntry(entry: EntryDoc, activity: ActivityDoc, now: Date): Promise<boolean> {
  const from = entry.status as EntryStatus;
  if (!(PAYABLE_ENTRY_STATUSES as readonly string[]).includes(from)) return false;
  const to = nextStatus(from, 'expire', { paid: true });
  const expired = await updateIf(
    EntryModel,
    { key: { _id: entry._id }, when: { status: from, offeredUntil: { $lte: now } } },
    { $set: { status: to, ...placePassOwed(now) }, $unset: { liveKey: 1 } },
  );
  if (expired) {
    await entriesChanged([entry._id], now, '未在截止时间前缴费，名额已释放');
    await passPlaceOn(entry, activity.offerHoldHours, now);
  }
  return expired;
}

/**
 * Set by the activity payment routes (entry-payment.ts): refunds a payment that arrived for an
 * entry no longer waiting for it. The adapter is registered before any app exists.
 */
let refundAfterLatePayment: ((orderId: Types.ObjectId) => Promise<void>) | null = null;
export function onLateEntryPayment(refund: (orderId: Types.ObjectId) => Promise<void>): void {
  refundAfterLatePayment = refund;
}

export const activityEntryProduct: ProductAdapter = {
  kind: ACTIVITY_ENTRY_PRODUCT,
  words: {
    requestReused: '该请求编号已用于其他订单，请重新支付',
    paidCannotCancel: '订单已支付，不能取消；如需退款请在截止时间前取消报名',
  },
  refundEvents: {
    requested: 'activity_entry.refund_requested',
    refunded: 'activity_entry.refunded',
    failed: 'activity_entry.refund_failed',
  },

  async reserve({ actor, ref, now, beforeHold }) {
    const { entry, activity } = await entryAndActivity(ref);
    if (!entry || !activity || !actor.memberId || String(entry.memberId) !== actor.memberId) {
      throw NotFoundError('报名记录不存在');
    }
    const amountFen = entryPayableFen(activity);
    if (amountFen <= 0) throw ConflictError('本活动无需缴费', 'free_activity');
    if (activity.status === 'cancelled') throw ConflictError('活动已取消', 'activity_cancelled');
    if (!(PAYABLE_ENTRY_STATUSES as readonly string[]).includes(entry.status)) {
      throw ConflictError('该报名当前无需支付', 'entry_not_payable');
    }
    if (!entry.offeredUntil || entry.offeredUntil <= now) {
      throw ConflictError('已超过支付截止时间，名额已释放', 'payment_deadline_passed');
    }
    await beforeHold();
    const member = await MemberModel.findById(entry.memberId, { name: 1 }).lean();
    const facts: EntryOrderFacts = { activityId: activity._id, payBy: entry.offeredUntil };
    return {
      title: activity.title,
      description: `活动报名-${activity.title}`,
      amountFen,
      totalFen: activity.fee?.priceFen ?? amountFen,
      unionSubsidyFen: activity.fee?.subsidyFen ?? 0,
      payer: { memberId: entry.memberId, label: memberLabel(member?.name ?? '会员') },
      facts: { ...facts },
    };
  },

  /** The order closed unpaid: the entry's place goes on only once its own deadline has passed. */
  async release(order) {
    const { entry, activity } = await entryAndActivity(order.product.ref);
    if (!entry || !activity) return;
    // An order closed early (cancelled by the member, refused by WeChat Pay) leaves the member
    // their place until the entry's deadline; the sweep ends it then.
    await expireUnpaidEntry(entry, activity, new Date());
  },

  /** pending_payment/offered → confirmed, once; an entry already confirmed by this order is found again. */
  async fulfil(order, now) {
    const entryId = order.product.ref;
    for (const from of PAYABLE_ENTRY_STATUSES) {
      const confirmed = await updateIf(
        EntryModel,
        { key: { _id: entryId }, when: { status: from } },
        { $set: { status: nextStatus(from, 'paid', { paid: true }), paidOrderId: order._id } },
      );
      if (confirmed) {
        await entriesChanged([entryId], now, `已缴费 ${yuan(order.amountFen)} 元`);
        return entryId;
      }
    }
    const entry = await EntryModel.findById(entryId, { status: 1, paidOrderId: 1 }).lean<EntryDoc>();
    if (entry && String(entry.paidOrderId) === String(order._id)) return entryId;
    // Expired or cancelled meanwhile: the money goes back through payments' own refund path.
    // The order names the entry first (refunds need a fulfilled order); payments' own write of
    // the same id then changes nothing.
    await OrderModel.updateOne({ _id: order._id, fulfilmentId: null }, { $set: { fulfilmentId: entryId } });
    await refundAfterLatePayment?.(order._id);
    return entryId;
  },

  async mayRefund(order, now) {
    const { entry, activity } = await entryAndActivity(order.product.ref);
    if (!entry || !activity) return { held: true };
    const paidByThis = String(entry.paidOrderId) === String(order._id);
    // Never confirmed by this order (it expired first), cancelled, or the activity is off: always.
    if (!paidByThis || entry.status === 'cancelled' || activity.status === 'cancelled') return { held: true };
    if (now < activity.cancelDeadline) return { held: true };
    return {
      held: false,
      refusal: '已过取消截止时间，不能退款',
      trail: '已过活动取消截止时间，退款未发出，订单恢复为已支付',
    };
  },

  async refundCalledOff() {
    return '退款已关闭，报名保持不变';
  },

  /**
   * The money went back: an entry this order confirmed is cancelled and its place passed on.
   * Payments calls this once per refund, so the member hears of the refund once, whatever
   * ended the entry (their cancel, the organiser, the activity's cancellation, a late payment).
   */
  async afterRefund(order, now) {
    const { entry, activity } = await entryAndActivity(order.product.ref);
    if (!entry || !activity) return null;
    const refunded = `已原路退款 ${yuan(order.amountFen)} 元`;
    if (String(entry.paidOrderId) !== String(order._id)) {
      await entriesChanged([entry._id], now, refunded);
      return null;
    }
    const passOn = activity.status !== 'cancelled';
    const cancelled = await updateIf(
      EntryModel,
      { key: { _id: entry._id }, when: { status: 'confirmed' } },
      { $set: { status: 'cancelled', ...(passOn ? placePassOwed(now) : {}) }, $unset: { liveKey: 1 } },
    );
    await entriesChanged([entry._id], now, refunded);
    if (cancelled && passOn) await passPlaceOn(entry, activity.offerHoldHours, now);
    return null;
  },

  eventSubjects: () => ({}),

  present: (order) => ({
    product: {
      kind: ACTIVITY_ENTRY_PRODUCT,
      ref: String(order.product.ref),
      title: order.title,
      subtitle: `缴费截止 ${new Date(factsOf(order).payBy).toISOString()}`,
    },
  }),
};

export const entryObjectId = (id: string) => (Types.ObjectId.isValid(id) ? new Types.ObjectId(id) : null);
