import Taro from '@tarojs/taro';
import type { OfferDetail, OrderPayment } from '@union/shared';
import { useRef, useState } from 'react';
import { ROUTES } from '../../routes';
import { claimOffer, createOrder } from '../../services/benefits';
import { ApiError, errorMessage } from '../../services/http';
import { newRequestId } from '../../utils/request-id';
import { showSuccess } from '../../utils/toast';
import { forgetOrder, rememberOrder, ticketForOffer } from '../pending-orders';

/** The request may have been done even though no answer came back. */
const mayHaveArrived = (e: unknown) => e instanceof ApiError && (e.isNetworkError || e.status >= 500);

/**
 * 领取 and 立即购买. Each tap's requestId is kept until the BFF answers for certain, so
 * tapping again after a dropped connection repeats the same request instead of claiming
 * (or reserving) a second voucher.
 */
export function useOfferActions(offer: OfferDetail | null, reload: () => void) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const unanswered = useRef<string | null>(null);

  /** The answer, or why not: `refused` when the BFF definitely said no (a retry would not help). */
  async function send<T>(
    prefix: string,
    knownId: string | null,
    call: (requestId: string) => Promise<T>,
  ): Promise<{ ok: true; result: T; requestId: string } | { ok: false; refused: boolean }> {
    const requestId = knownId ?? (unanswered.current ??= newRequestId(prefix));
    setBusy(true);
    setProblem(null);
    try {
      const result = await call(requestId);
      unanswered.current = null;
      return { ok: true, result, requestId };
    } catch (e) {
      if (mayHaveArrived(e)) {
        setProblem(`${errorMessage(e)}。未确认是否成功，请再点一次重试，不会重复领取或扣款`);
        return { ok: false, refused: false };
      }
      unanswered.current = null;
      setProblem(errorMessage(e));
      // Sold out or the limit reached meanwhile: show the offer as it is now.
      reload();
      return { ok: false, refused: true };
    } finally {
      setBusy(false);
    }
  }

  async function claim() {
    if (!offer) return;
    const sent = await send('claim', null, (requestId) => claimOffer(offer.id, requestId));
    if (!sent.ok) return;
    showSuccess('领取成功');
    void Taro.navigateTo({ url: `${ROUTES.voucher}?id=${sent.result.id}` });
  }

  /** An order of this offer still open from an earlier tap is reused (it holds the member's quota). */
  async function buy(): Promise<void> {
    if (!offer) return;
    const earlier = ticketForOffer(offer.id);
    const sent = await send('order', earlier?.requestId ?? null, (requestId) => createOrder(offer.id, requestId));
    if (!sent.ok) {
      // The earlier order cannot be replayed (e.g. it is gone): the next tap starts a new one.
      if (sent.refused && earlier) forgetOrder(earlier.orderId);
      return;
    }
    const checkout: OrderPayment = sent.result;
    const { order } = checkout;
    if (order.status === 'closed' && earlier) {
      forgetOrder(order.id);
      return buy();
    }
    if (order.status !== 'pending_payment' && order.voucherId) {
      forgetOrder(order.id);
      void Taro.navigateTo({ url: `${ROUTES.voucher}?id=${order.voucherId}` });
      return;
    }
    rememberOrder({ orderId: order.id, offerId: offer.id, requestId: sent.requestId }, checkout);
    void Taro.navigateTo({ url: `${ROUTES.benefitOrder}?id=${order.id}` });
  }

  return { busy, problem, claim, buy };
}
