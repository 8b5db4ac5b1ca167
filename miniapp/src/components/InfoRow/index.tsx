import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** One "label … value" line of a details panel, the layout every summary in the app uses. */
export function InfoRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="row">
      <Text className="muted">{label}</Text>
      <Text>{children}</Text>
    </View>
  );
}
