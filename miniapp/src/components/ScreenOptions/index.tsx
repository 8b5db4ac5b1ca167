import { Switch, Text, View } from '@tarojs/components';
import type { useScanFriendlyScreen } from '../../hooks/use-scan-friendly-screen';
import './index.css';

interface ScreenOptionsProps {
  largeText: boolean;
  onLargeText: (on: boolean) => void;
  screen: ReturnType<typeof useScanFriendlyScreen>;
  className?: string;
  /** data-testid on the 大字模式 switch; its label gets `<id>-label`. */
  largeTextTestId: string;
}

interface OptionProps {
  label: string;
  on: boolean;
  onChange: (on: boolean) => void;
  testId?: string;
}

/** A switch whose label toggles it too: a small switch is hard to hit, the words are not. */
function Option({ label, on, onChange, testId }: OptionProps) {
  return (
    <View className="row">
      <Text
        className="screen-option__label"
        onClick={() => onChange(!on)}
        data-testid={testId ? `${testId}-label` : undefined}
      >
        {label}
      </Text>
      <Switch checked={on} color="#c8161d" onChange={(e) => onChange(e.detail.value)} data-testid={testId} />
    </View>
  );
}

/** 大字模式 and 调高屏幕亮度 under a code shown at a counter (the card, a voucher). */
export function ScreenOptions({ largeText, onLargeText, screen, className, largeTextTestId }: ScreenOptionsProps) {
  return (
    <View className={className ? `panel ${className}` : 'panel'}>
      <Option label="大字模式" on={largeText} onChange={onLargeText} testId={largeTextTestId} />
      {screen.canBrighten ? <Option label="调高屏幕亮度" on={screen.bright} onChange={screen.setBright} /> : null}
    </View>
  );
}
