import { Text, View } from '@tarojs/components';
import { VOUCHER_DISPLAY_LABELS, type Voucher } from '@union/shared';
import { formatDate } from '../../../../utils/datetime';
import { formatFen } from '../../../../utils/money';

/** One voucher in 我的券: whose, what, until when, and where it stands. */
export function VoucherItem({ voucher, onOpen }: { voucher: Voucher; onOpen: (voucher: Voucher) => void }) {
  const usable = voucher.displayStatus === 'unused';
  return (
    <View
      className={`panel voucher-item ${usable ? '' : 'voucher-item--inactive'}`}
      onClick={() => onOpen(voucher)}
      data-testid="voucher-item"
      data-voucher-id={voucher.id}
    >
      <View className="voucher-item__head">
        <Text className="benefit-merchant__name">{voucher.merchant.name}</Text>
        <Text className={`tag tag--${voucher.displayStatus}`} data-testid="voucher-item-status">
          {VOUCHER_DISPLAY_LABELS[voucher.displayStatus]}
        </Text>
      </View>
      <Text className="voucher-item__headline">{voucher.offer.headline}</Text>
      <Text className="benefit-text">{voucher.offer.title}</Text>
      <View className="row">
        <Text className="muted">{`有效期至 ${formatDate(voucher.validUntil)}`}</Text>
        {voucher.paidFen > 0 ? <Text className="muted">{`实付 ${formatFen(voucher.paidFen)}`}</Text> : null}
      </View>
      {usable ? <Text className="link">出示券码 ›</Text> : null}
    </View>
  );
}
