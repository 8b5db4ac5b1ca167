import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { ORDER_STATUS_LABELS, type Order } from '@union/shared';
import { useEffect } from 'react';
import { InfoRow } from '../../components/InfoRow';
import { MemberPage } from '../../components/MemberPage';
import { PageLoading } from '../../components/PageLoading';
import { ROUTES } from '../../routes';
import { ORDER_STATUS_NOTES } from '../../strings/benefits';
import { formatDateTime } from '../../utils/datetime';
import { formatFen } from '../../utils/money';
import { isWeapp } from '../../utils/platform';
import { confirm } from '../../utils/toast';
import { OrderMoney } from './components/OrderMoney';
import { SimulatedPayment } from './components/SimulatedPayment';
import { useOrderPayment } from './use-order-payment';
import '../benefits.css';

const openVoucher = (order: Order) => void Taro.navigateTo({ url: `${ROUTES.voucher}?id=${order.voucherId}` });

/** 订单支付: pays an order (WeChat Pay, or the simulated payment of the demo), or shows where it stands. */
export default function OrderPage() {
  const { params } = useRouter();
  const payment = useOrderPayment(params.id ?? '');
  const { order, checkout, step } = payment;

  useEffect(() => {
    void payment.load();
    return payment.stop;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per page
  }, []);

  if (!order) return <PageLoading error={payment.error} testId="order-error" />;

  async function cancel() {
    if (await confirm('取消订单', '取消后名额将释放，确定取消吗？')) await payment.cancel();
  }

  const pending = order.status === 'pending_payment';
  const busy = step !== 'idle';
  return (
    <MemberPage testId="order-page">
      <View className="panel">
        <View className="row">
          <Text className="panel__title">{order.offerTitle}</Text>
          <Text className="tag" data-testid="order-status">
            {ORDER_STATUS_LABELS[order.status]}
          </Text>
        </View>
        <Text className="benefit-amount__label">实付</Text>
        <Text className="benefit-amount" data-testid="order-amount">
          {formatFen(order.amountFen)}
        </Text>
        <OrderMoney order={order} />
        <InfoRow label="商家">{order.merchantName}</InfoRow>
        <InfoRow label="订单号">{order.orderNo}</InfoRow>
        <InfoRow label="下单时间">{formatDateTime(order.createdAt)}</InfoRow>
        {pending ? <InfoRow label="支付截止">{formatDateTime(order.expiresAt)}</InfoRow> : null}
        {order.paidAt ? <InfoRow label="支付时间">{formatDateTime(order.paidAt)}</InfoRow> : null}
        <Text className="muted" data-testid="order-note">
          {ORDER_STATUS_NOTES[order.status]}
        </Text>
      </View>

      {step === 'settling' ? (
        <Text className="notice notice--info" data-testid="order-settling">
          正在确认支付结果…
        </Text>
      ) : null}
      {payment.notice ? (
        <View className="notice notice--warn" data-testid="order-notice">
          <Text>{payment.notice}</Text>
          <Text className="link" onClick={() => void payment.refresh()}>
            {' 刷新'}
          </Text>
        </View>
      ) : null}

      {pending && checkout?.simulated ? (
        <SimulatedPayment amountFen={order.amountFen} busy={busy} onPay={() => void payment.simulate()} />
      ) : null}
      {pending && checkout && !checkout.simulated && !isWeapp() ? (
        <Text className="notice notice--warn" data-testid="order-weapp-only">
          请在微信小程序中完成支付
        </Text>
      ) : null}
      {pending && (!checkout || (isWeapp() && !checkout.simulated)) ? (
        <Button className="btn btn--primary" loading={busy} onClick={() => void payment.pay()} data-testid="order-pay">
          {`${isWeapp() ? '微信支付' : '去支付'} ${formatFen(order.amountFen)}`}
        </Button>
      ) : null}
      {pending ? (
        <Button className="btn" disabled={busy} onClick={() => void cancel()} data-testid="order-cancel">
          取消订单
        </Button>
      ) : null}

      {order.voucherId ? (
        <Button className="btn btn--primary" onClick={() => openVoucher(order)} data-testid="order-voucher">
          查看券
        </Button>
      ) : null}
      {order.status === 'closed' ? (
        <Button
          className="btn"
          onClick={() => void Taro.redirectTo({ url: `${ROUTES.benefitOffer}?id=${order.offerId}` })}
          data-testid="order-buy-again"
        >
          重新购买
        </Button>
      ) : null}
    </MemberPage>
  );
}
