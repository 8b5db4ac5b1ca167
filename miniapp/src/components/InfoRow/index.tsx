import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.css';

/** One "label … value" line of a details panel, the layout every summary in the app uses. */
export function InfoRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="row info-row">
      <Text className="muted info-row__label">{label}</Text>
      <Text className="info-row__value">{children}</Text>
    </View>
  );
}
