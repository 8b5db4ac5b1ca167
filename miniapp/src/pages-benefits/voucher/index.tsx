import { Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import { VOUCHER_DISPLAY_LABELS } from '@union/shared';
import { useState } from 'react';
import { InfoRow } from '../../components/InfoRow';
import { MemberPage } from '../../components/MemberPage';
import { PageLoading } from '../../components/PageLoading';
import { ScreenOptions } from '../../components/ScreenOptions';
import { useLargeText } from '../../hooks/use-large-text';
import { useScanFriendlyScreen } from '../../hooks/use-scan-friendly-screen';
import { ROUTES } from '../../routes';
import { formatDate, formatDateTime } from '../../utils/datetime';
import { formatFen } from '../../utils/money';
import { navigateToStation } from '../../utils/station-actions';
import { RefundForm } from './components/RefundForm';
import { VoucherQr } from './components/VoucherQr';
import { VoucherState } from './components/VoucherState';
import { useVoucherQr } from './use-voucher-qr';
import '../benefits.css';

/** 出示券码: the rotating QR and the code for the counter; turns into 已使用 the moment the clerk redeems it. */
export default function VoucherPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [visible, setVisible] = useState(true);
  const { largeText, toggleLargeText } = useLargeText();
  const watched = useVoucherQr(id, visible);
  const { voucher, batch, showable } = watched;
  const screen = useScanFriendlyScreen(visible && showable);

  useDidShow(() => {
    setVisible(true);
    void watched.load();
  });
  useDidHide(() => setVisible(false));

  if (!voucher) return <PageLoading error={watched.error} testId="voucher-error" />;

  return (
    <MemberPage testId="voucher-page">
      <View className="panel">
        <View className="row">
          <Text className="panel__title">{voucher.merchant.name}</Text>
          <Text className={`tag tag--${voucher.displayStatus}`} data-testid="voucher-status">
            {VOUCHER_DISPLAY_LABELS[voucher.displayStatus]}
          </Text>
        </View>
        <Text className="benefit-head__headline">{voucher.offer.headline}</Text>
        <Text className="benefit-head__title">{voucher.offer.title}</Text>
      </View>

      {showable ? (
        <VoucherQr
          qr={batch.qr}
          code={voucher.code}
          secondsLeft={batch.secondsLeft}
          offline={batch.offline}
          offlineMinutesLeft={batch.offlineMinutesLeft}
          onRefresh={() => void batch.refillNow()}
        />
      ) : (
        <VoucherState voucher={voucher} />
      )}

      <View className="panel">
        <InfoRow label="有效期">{`${formatDate(voucher.validFrom)} 至 ${formatDate(voucher.validUntil)}`}</InfoRow>
        {voucher.faceValueFen > 0 ? <InfoRow label="面值">{formatFen(voucher.faceValueFen)}</InfoRow> : null}
        {voucher.paidFen > 0 ? <InfoRow label="实付">{formatFen(voucher.paidFen)}</InfoRow> : null}
        <InfoRow label="领取时间">{formatDateTime(voucher.claimedAt)}</InfoRow>
        <InfoRow label="地址">{voucher.merchant.address}</InfoRow>
        <View className="row">
          <Text className="link" onClick={() => navigateToStation(voucher.merchant)} data-testid="voucher-navigate">
            导航到店
          </Text>
          {voucher.orderId ? (
            <Text
              className="link"
              onClick={() => void Taro.navigateTo({ url: `${ROUTES.benefitOrder}?id=${voucher.orderId}` })}
            >
              查看订单
            </Text>
          ) : null}
        </View>
      </View>

      {voucher.offer.usageNotes ? (
        <View className="panel">
          <Text className="panel__title">使用须知</Text>
          <Text className="benefit-text">{voucher.offer.usageNotes}</Text>
        </View>
      ) : null}

      {showable && voucher.canRefund ? <RefundForm voucher={voucher} onRequested={watched.setVoucher} /> : null}

      {showable ? (
        <ScreenOptions
          largeText={largeText}
          onLargeText={toggleLargeText}
          screen={screen}
          largeTextTestId="voucher-large-text"
        />
      ) : null}
    </MemberPage>
  );
}
