import { Text, View } from '@tarojs/components';

interface PageLoadingProps {
  error: string | null;
  /** data-testid on the error notice. */
  testId?: string;
}

/** The whole page while its record loads, or why it did not. */
export function PageLoading({ error, testId }: PageLoadingProps) {
  return (
    <View className="page">
      {error ? (
        <Text className="notice notice--error" data-testid={testId}>
          {error}
        </Text>
      ) : (
        <Text className="muted">正在加载…</Text>
      )}
    </View>
  );
}
