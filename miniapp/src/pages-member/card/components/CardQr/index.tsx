import { Button, Image, Text, View } from '@tarojs/components';
import type { CardQr as CardQrData } from '@union/shared';
import { useMemo } from 'react';
import { qrImageDataUrl } from './qr-image';

interface CardQrProps {
  qr: CardQrData;
  secondsLeft: number;
  secondsToRenewal: number;
  renewError: string | null;
  onRenew: () => void;
}

export function CardQr({ qr, secondsLeft, secondsToRenewal, renewError, onRenew }: CardQrProps) {
  const src = useMemo(() => qrImageDataUrl(qr.token), [qr.token]);
  const expired = secondsLeft === 0;
  return (
    <View className="card-qr" data-testid="card-qr">
      <Image
        className={`card-qr__image ${expired ? 'card-qr__image--expired' : ''}`}
        src={src}
        mode="aspectFit"
        data-testid="card-qr-image"
      />
      {expired ? (
        <View className="card-qr__expired">
          <Text>二维码已过期</Text>
          <Button className="btn btn--small btn--primary" onClick={onRenew}>
            刷新二维码
          </Button>
        </View>
      ) : (
        <Text className="card-qr__countdown" data-testid="card-qr-countdown">
          {renewError ? `${renewError}（二维码 ${secondsLeft} 秒后失效）` : `${secondsToRenewal} 秒后自动刷新`}
        </Text>
      )}
      <Text className="card-qr__token-label">核验码（扫码失败时供工作人员输入）</Text>
      <Text className="card-qr__token" selectable data-testid="card-token">
        {qr.token}
      </Text>
    </View>
  );
}
