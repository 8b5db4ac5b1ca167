import { Button, Text, View } from '@tarojs/components';
import type { Redemption } from '@union/shared';
import { InfoRow } from '../../../components/InfoRow';
import { chinaDateText, chinaTimeText } from '../../../strings/benefit-admin';
import { formatFen } from '../../../utils/money';

/** The voucher is used: big enough to show the member across the counter. */
export function RedeemSuccess({ redemption, onNext }: { redemption: Redemption; onNext: () => void }) {
  return (
    <View data-testid="redeem-success">
      <View className="panel redeem-success">
        <Text className="redeem-success__title">核销成功</Text>
        <Text className="muted" data-testid="redeem-success-time">
          {`${chinaDateText(redemption.redeemedAt)} ${chinaTimeText(redemption.redeemedAt)}`}
        </Text>
        <View>
          <InfoRow label="优惠">{redemption.offerTitle}</InfoRow>
          <InfoRow label="内容">{redemption.headline}</InfoRow>
          {redemption.faceValueFen > 0 ? <InfoRow label="面值">{formatFen(redemption.faceValueFen)}</InfoRow> : null}
          <InfoRow label="会员">{redemption.memberMaskedName}</InfoRow>
          <InfoRow label="核销人">{redemption.redeemedByName}</InfoRow>
        </View>
      </View>
      <Button className="btn btn--primary" onClick={onNext} data-testid="redeem-next">
        继续核销
      </Button>
    </View>
  );
}

/** The server refused at the last step, e.g. another counter redeemed it a moment ago. */
export function RedeemRefused({ message, onNext }: { message: string; onNext: () => void }) {
  return (
    <View data-testid="redeem-refused">
      <View className="panel redeem-result redeem-result--bad">
        <Text className="redeem-result__title">无法核销</Text>
        <Text className="redeem-result__message" data-testid="redeem-refused-message">
          {message}
        </Text>
      </View>
      <Button className="btn btn--primary" onClick={onNext} data-testid="redeem-next">
        继续核销
      </Button>
    </View>
  );
}
