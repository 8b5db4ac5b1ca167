import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import '../station-ui.css';

interface ChipProps {
  on: boolean;
  onClick: () => void;
  testId?: string;
  children: ReactNode;
}

/**
 * A toggle or choice in a row of options (filters, districts, amenities, station types).
 * A View, not a Text: weapp's <text> cannot hold the <image> of an amenity icon.
 */
export function Chip({ on, onClick, testId, children }: ChipProps) {
  return (
    <View className={`chip ${on ? 'chip--on' : ''}`} onClick={onClick} data-testid={testId} aria-pressed={on}>
      {children}
    </View>
  );
}
