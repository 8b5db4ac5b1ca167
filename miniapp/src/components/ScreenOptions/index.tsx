import { Switch, Text, View } from '@tarojs/components';
import type { useScanFriendlyScreen } from '../../hooks/use-scan-friendly-screen';

interface ScreenOptionsProps {
  largeText: boolean;
  onLargeText: (on: boolean) => void;
  screen: ReturnType<typeof useScanFriendlyScreen>;
  className?: string;
  /** data-testid on the 大字模式 switch. */
  largeTextTestId: string;
}

/** 大字模式 and 调高屏幕亮度 under a code shown at a counter (the card, a voucher). */
export function ScreenOptions({ largeText, onLargeText, screen, className, largeTextTestId }: ScreenOptionsProps) {
  return (
    <View className={className ? `panel ${className}` : 'panel'}>
      <View className="row">
        <Text>大字模式</Text>
        <Switch
          checked={largeText}
          color="#c8161d"
          onChange={(e) => onLargeText(e.detail.value)}
          data-testid={largeTextTestId}
        />
      </View>
      {screen.canBrighten ? (
        <View className="row">
          <Text>调高屏幕亮度</Text>
          <Switch checked={screen.bright} color="#c8161d" onChange={(e) => screen.setBright(e.detail.value)} />
        </View>
      ) : null}
    </View>
  );
}
