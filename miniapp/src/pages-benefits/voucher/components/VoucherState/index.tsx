import { Text, View } from '@tarojs/components';
import { VOUCHER_DISPLAY_LABELS, type Voucher } from '@union/shared';
import { formatDateTime } from '../../../../utils/datetime';

function detail(voucher: Voucher): string {
  switch (voucher.displayStatus) {
    case 'used':
      return voucher.redeemedAt ? `核销时间 ${formatDateTime(voucher.redeemedAt)}` : '';
    case 'expired':
      return `有效期至 ${formatDateTime(voucher.validUntil)}，已不能使用`;
    case 'refunded':
      return voucher.refundedAt ? `退款时间 ${formatDateTime(voucher.refundedAt)}，款项原路退回` : '';
    case 'refunding':
      return '退款处理中，结果以微信支付通知为准，此券已不能使用';
    case 'unused':
      return '';
  }
}

/** A voucher that cannot be shown at the counter: a big word for its state, and when. */
export function VoucherState({ voucher }: { voucher: Voucher }) {
  return (
    <View className={`voucher-state voucher-state--${voucher.displayStatus}`} data-testid="voucher-state">
      <Text className="voucher-state__title" data-testid="voucher-state-title">
        {VOUCHER_DISPLAY_LABELS[voucher.displayStatus]}
      </Text>
      <Text className="voucher-state__detail" data-testid="voucher-state-detail">
        {detail(voucher)}
      </Text>
    </View>
  );
}
