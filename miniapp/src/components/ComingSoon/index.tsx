import { Text, View } from '@tarojs/components';

/** Placeholder for tabs whose features are not released yet. */
export function ComingSoon({ title }: { title: string }) {
  return (
    <View className="page">
      <View className="panel">
        <Text className="panel__title">{title}</Text>
        <Text className="muted">即将开放</Text>
      </View>
    </View>
  );
}
