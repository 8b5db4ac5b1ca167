import { Button, Text, View } from '@tarojs/components';
import { formatVoucherCode, type RedemptionPreview } from '@union/shared';
import { InfoRow } from '../../../components/InfoRow';
import { chinaDateTimeText, REDEMPTION_TITLES } from '../../../strings/benefit-admin';
import { formatFen } from '../../../utils/money';

interface PreviewCardProps {
  preview: RedemptionPreview;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** What the clerk checks before handing over the goods: the offer, its value, whose it is, until when. */
export function PreviewCard({ preview, busy, onConfirm, onCancel }: PreviewCardProps) {
  const { result, message, voucher } = preview;
  const redeemable = result === 'redeemable';
  return (
    <View data-testid="redeem-preview" data-result={result}>
      <View className={`panel redeem-result ${redeemable ? 'redeem-result--good' : 'redeem-result--bad'}`}>
        <Text className="redeem-result__title" data-testid="redeem-preview-title">
          {REDEMPTION_TITLES[result]}
        </Text>
        {redeemable ? null : (
          <Text className="redeem-result__message" data-testid="redeem-preview-message">
            {message}
          </Text>
        )}
        {voucher ? (
          <View data-testid="redeem-preview-voucher">
            <InfoRow label="优惠">{voucher.offerTitle}</InfoRow>
            <InfoRow label="内容">{voucher.headline}</InfoRow>
            {voucher.faceValueFen > 0 ? <InfoRow label="面值">{formatFen(voucher.faceValueFen)}</InfoRow> : null}
            <InfoRow label="会员已付">{voucher.paidFen > 0 ? formatFen(voucher.paidFen) : '免费领取'}</InfoRow>
            <InfoRow label="会员">{voucher.memberMaskedName}</InfoRow>
            <InfoRow label="券码">{formatVoucherCode(voucher.code)}</InfoRow>
            <InfoRow label="有效期至">{chinaDateTimeText(voucher.validUntil)}</InfoRow>
            {voucher.redeemedAt ? <InfoRow label="核销时间">{chinaDateTimeText(voucher.redeemedAt)}</InfoRow> : null}
          </View>
        ) : null}
      </View>
      {redeemable ? (
        <Button
          className="btn btn--primary redeem-confirm"
          disabled={busy}
          onClick={onConfirm}
          data-testid="redeem-confirm"
        >
          {busy ? '正在核销…' : '确认核销'}
        </Button>
      ) : null}
      <Button className="btn" disabled={busy} onClick={onCancel} data-testid="redeem-cancel">
        {redeemable ? '取消' : '重新扫码或输入'}
      </Button>
    </View>
  );
}
