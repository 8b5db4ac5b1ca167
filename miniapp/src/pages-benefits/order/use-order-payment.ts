import Taro from '@tarojs/taro';
import type { Order, OrderPayment } from '@union/shared';
import { useCallback, useRef, useState } from 'react';
import { ROUTES } from '../../routes';
import { cancelOrder, confirmOrder, createOrder, fetchOrder, simulatePayment } from '../../services/benefits';
import { errorMessage } from '../../services/http';
import { isWeapp } from '../../utils/platform';
import { showMessage, showSuccess } from '../../utils/toast';
import { forgetOrder, orderTicket, takeHandoff } from '../pending-orders';

/**
 * After paying, the voucher is issued when WeChat Pay's notification arrives (or when
 * confirm finds the payment first): ask a few times, a little longer apart each time.
 */
export const SETTLE_DELAYS_MS = [0, 1000, 2000, 2000, 3000, 3000];

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `requestPayment:fail cancel`: the member closed the WeChat Pay sheet. */
const cancelledByMember = (e: unknown) => /cancel/i.test((e as { errMsg?: string } | null)?.errMsg ?? '');

export type PaymentStep = 'idle' | 'preparing' | 'paying' | 'settling' | 'cancelling';

/**
 * Pays one order: WeChat Pay in weapp (then confirm), or the clearly marked simulated
 * payment in the demo environment; then waits for the voucher and opens it.
 */
export function useOrderPayment(orderId: string) {
  const [order, setOrder] = useState<Order | null>(null);
  const [checkout, setCheckout] = useState<OrderPayment | null>(null);
  const [step, setStep] = useState<PaymentStep>('idle');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const stopped = useRef(false);

  const finish = useCallback((done: Order) => {
    forgetOrder(done.id);
    if (done.status === 'paid' && done.voucherId) {
      showSuccess('支付成功');
      void Taro.redirectTo({ url: `${ROUTES.voucher}?id=${done.voucherId}` });
    }
  }, []);

  /** Asks until the order is paid with its voucher, or closed; a dropped connection just asks again. */
  const settle = useCallback(
    async (check: () => Promise<Order>) => {
      setStep('settling');
      setNotice(null);
      for (const delay of SETTLE_DELAYS_MS) {
        await wait(delay);
        if (stopped.current) return;
        const latest = await check().catch(() => null);
        if (!latest) continue;
        setOrder(latest);
        const awaitingVoucher = latest.status === 'paid' && !latest.voucherId;
        if (latest.status !== 'pending_payment' && !awaitingVoucher) {
          setStep('idle');
          return finish(latest);
        }
      }
      setStep('idle');
      setNotice('支付结果确认中，请稍后点“刷新”查看；如已扣款，券会自动发放');
    },
    [finish],
  );

  const payInWechat = useCallback(
    async (payment: NonNullable<OrderPayment['payment']>) => {
      setStep('paying');
      try {
        await Taro.requestPayment(payment);
      } catch (e) {
        setStep('idle');
        setNotice(cancelledByMember(e) ? '您已取消支付，订单保留至超时关闭前，可继续支付' : '支付未完成，请重试');
        return;
      }
      await settle(() => confirmOrder(orderId));
    },
    [orderId, settle],
  );

  /** Starts paying with payment parameters in hand: WeChat Pay at once in weapp, or shows the simulated panel. */
  const begin = useCallback(
    (fresh: OrderPayment) => {
      setCheckout(fresh);
      setOrder(fresh.order);
      if (fresh.order.status !== 'pending_payment') return finish(fresh.order);
      if (!fresh.simulated && fresh.payment && isWeapp()) void payInWechat(fresh.payment);
    },
    [finish, payInWechat],
  );

  const load = useCallback(async () => {
    stopped.current = false;
    const handedOver = takeHandoff(orderId);
    if (handedOver) return begin(handedOver);
    try {
      setOrder(await fetchOrder(orderId));
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [orderId, begin]);

  /** 继续支付 for an order whose payment parameters are not in hand: replay its createOrder. */
  const pay = useCallback(async () => {
    if (checkout?.payment && !checkout.simulated && isWeapp()) return payInWechat(checkout.payment);
    const ticket = orderTicket(orderId);
    if (!ticket) return showMessage('请返回优惠详情重新购买');
    setStep('preparing');
    try {
      const fresh = await createOrder(ticket.offerId, ticket.requestId);
      setStep('idle');
      begin(fresh);
    } catch (e) {
      setStep('idle');
      showMessage(errorMessage(e));
    }
  }, [checkout, orderId, begin, payInWechat]);

  const simulate = useCallback(async () => {
    setStep('paying');
    try {
      await simulatePayment(orderId);
    } catch (e) {
      setStep('idle');
      return showMessage(errorMessage(e));
    }
    await settle(() => fetchOrder(orderId));
  }, [orderId, settle]);

  const cancel = useCallback(async () => {
    setStep('cancelling');
    try {
      const closed = await cancelOrder(orderId);
      setOrder(closed);
      setCheckout(null);
      // WeChat may report it paid meanwhile: then the BFF fulfils instead and the voucher opens.
      finish(closed);
      if (closed.status === 'closed') showSuccess('订单已取消');
    } catch (e) {
      showMessage(errorMessage(e));
    } finally {
      setStep('idle');
    }
  }, [orderId, finish]);

  const refresh = useCallback(() => settle(() => confirmOrder(orderId)), [orderId, settle]);

  return {
    order,
    checkout,
    step,
    error,
    notice,
    load,
    pay,
    simulate,
    cancel,
    refresh,
    stop: () => void (stopped.current = true),
  };
}
