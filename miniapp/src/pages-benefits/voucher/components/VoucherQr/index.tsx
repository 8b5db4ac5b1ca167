import { Button, Image, Text, View } from '@tarojs/components';
import { formatVoucherCode, type CardQr } from '@union/shared';
import { useMemo } from 'react';
import { qrImageDataUrl } from '../../../../utils/qr-image';

interface VoucherQrProps {
  /** The token of the current minute; null while loading or when an offline batch is used up. */
  qr: CardQr | null;
  code: string;
  secondsLeft: number;
  offline: boolean;
  offlineMinutesLeft: number;
  onRefresh: () => void;
}

/** What the clerk scans, and the code to type when the scanner fails, in groups of four. */
export function VoucherQr({ qr, code, secondsLeft, offline, offlineMinutesLeft, onRefresh }: VoucherQrProps) {
  const src = useMemo(() => (qr ? qrImageDataUrl(qr.token) : ''), [qr]);
  return (
    <View className="voucher-qr" data-testid="voucher-qr">
      {qr ? (
        <>
          <Image className="voucher-qr__image" src={src} mode="aspectFit" data-testid="voucher-qr-image" />
          <Text className="voucher-qr__countdown" data-testid="voucher-qr-countdown">
            {`二维码 ${secondsLeft} 秒后自动更换，截图无效`}
          </Text>
        </>
      ) : (
        <>
          <Text className="benefit-text">
            {offline ? '离线时间较长，二维码已用完，请连接网络后刷新' : '正在获取二维码…'}
          </Text>
          <Button className="btn btn--small btn--primary" onClick={onRefresh}>
            刷新二维码
          </Button>
        </>
      )}
      {offline && qr ? (
        <Text className="notice notice--warn" data-testid="voucher-offline">
          {`当前无网络，离线二维码还可使用约 ${offlineMinutesLeft} 分钟`}
        </Text>
      ) : null}
      <Text className="voucher-qr__code-label">扫码失败时，请店员输入券码</Text>
      <Text className="voucher-qr__code" selectable data-testid="voucher-code">
        {formatVoucherCode(code)}
      </Text>
    </View>
  );
}
