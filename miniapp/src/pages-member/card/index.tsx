import { Text } from '@tarojs/components';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { MemberPage } from '../../components/MemberPage';
import { ScreenOptions } from '../../components/ScreenOptions';
import { useLargeText } from '../../hooks/use-large-text';
import { useScanFriendlyScreen } from '../../hooks/use-scan-friendly-screen';
import { MEMBER_STATUS_LABELS } from '../../strings/membership';
import { CardFace } from './components/CardFace';
import { CardQr } from './components/CardQr';
import { useLiveQr } from './use-live-qr';
import './index.css';

export default function CardPage() {
  const [visible, setVisible] = useState(true);
  const { largeText, toggleLargeText } = useLargeText();
  const { card, qr, offline, loadError, secondsLeft, offlineMinutesLeft, reload, refillNow } = useLiveQr(visible);
  const screen = useScanFriendlyScreen(visible);

  useDidShow(() => {
    setVisible(true);
    void reload();
  });
  useDidHide(() => setVisible(false));

  return (
    <MemberPage testId="card-page">
      {loadError ? <Text className="notice notice--error">{loadError}</Text> : null}
      {card ? <CardFace card={card} /> : null}
      {card && card.status !== 'active' ? (
        <Text className="notice notice--warn" data-testid="card-inactive">
          会籍{MEMBER_STATUS_LABELS[card.status]}，暂不能出示会员二维码。如有疑问请联系所属工会。
        </Text>
      ) : null}
      {card?.status === 'active' ? (
        <CardQr
          qr={qr}
          secondsLeft={secondsLeft}
          offline={offline}
          offlineMinutesLeft={offlineMinutesLeft}
          onRefresh={() => void refillNow()}
        />
      ) : null}
      <ScreenOptions
        className="card-options"
        largeText={largeText}
        onLargeText={toggleLargeText}
        screen={screen}
        largeTextTestId="large-text-toggle"
      />
    </MemberPage>
  );
}
