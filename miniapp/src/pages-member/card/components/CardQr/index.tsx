import { Button, Image, Text, View } from '@tarojs/components';
import { formatCardShortCode, type CardQr as CardQrData } from '@union/shared';
import { useMemo } from 'react';
import { qrImageDataUrl } from '../../../../utils/qr-image';

interface CardQrProps {
  /** The token of the current minute; null when an offline batch is used up. */
  qr: CardQrData | null;
  secondsLeft: number;
  offline: boolean;
  offlineMinutesLeft: number;
  onRefresh: () => void;
}

export function CardQr({ qr, secondsLeft, offline, offlineMinutesLeft, onRefresh }: CardQrProps) {
  const src = useMemo(() => (qr ? qrImageDataUrl(qr.token) : ''), [qr]);
  if (!qr) {
    return (
      <View className="card-qr card-qr__expired" data-testid="card-qr">
        <Text>{offline ? '离线时间较长，二维码已用完，请连接网络后刷新' : '正在获取二维码…'}</Text>
        <Button className="btn btn--small btn--primary" onClick={onRefresh}>
          刷新二维码
        </Button>
      </View>
    );
  }
  return (
    <View className="card-qr" data-testid="card-qr">
      <Image className="card-qr__image" src={src} mode="aspectFit" data-testid="card-qr-image" />
      <Text className="card-qr__countdown" data-testid="card-qr-countdown">
        {`二维码 ${secondsLeft} 秒后自动更换`}
      </Text>
      {offline ? (
        <Text className="notice notice--warn" data-testid="card-offline">
          {`当前无网络，离线二维码还可使用约 ${offlineMinutesLeft} 分钟`}
        </Text>
      ) : null}
      {/* The 8 digits, in two groups to read aloud, replace the QR when it will not scan; checked online. */}
      {qr.shortCode ? (
        <>
          <Text className="card-qr__code-label">核验码（扫码失败时请工作人员输入）</Text>
          <Text className="card-qr__code" data-testid="card-short-code">
            {formatCardShortCode(qr.shortCode)}
          </Text>
        </>
      ) : null}
    </View>
  );
}
