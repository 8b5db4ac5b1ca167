import { Text, View } from '@tarojs/components';
import type { Order } from '@union/shared';
import { formatFen } from '../../../utils/money';

/**
 * 原价 / 工会补贴 / 商家让利 / 实付: the member sees what the voucher is worth and who pays the
 * difference, not just the price. Nothing to explain when the member pays the full value.
 */
export function OrderMoney({ order }: { order: Order }) {
  const merchantDiscountFen = order.totalFen - order.unionSubsidyFen - order.amountFen;
  if (order.totalFen <= order.amountFen) return null;
  return (
    <View className="order-money" data-testid="order-money">
      <View className="row">
        <Text className="muted">原价</Text>
        <Text data-testid="order-face-value">{formatFen(order.totalFen)}</Text>
      </View>
      {order.unionSubsidyFen > 0 ? (
        <View className="row order-money__off">
          <Text>工会补贴</Text>
          <Text data-testid="order-union-subsidy">{formatFen(-order.unionSubsidyFen)}</Text>
        </View>
      ) : null}
      {merchantDiscountFen > 0 ? (
        <View className="row order-money__off">
          <Text>商家让利</Text>
          <Text data-testid="order-merchant-discount">{formatFen(-merchantDiscountFen)}</Text>
        </View>
      ) : null}
      <View className="row order-money__total">
        <Text>实付</Text>
        <Text data-testid="order-paid">{formatFen(order.amountFen)}</Text>
      </View>
    </View>
  );
}
