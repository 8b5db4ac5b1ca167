import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

interface ChoiceFieldProps {
  label: string;
  error?: string;
  /** `<testId>-field` on the row, `<testId>-error` on the message. */
  testId: string;
  children: ReactNode;
}

/** A labelled row of chips (category, organisation, kind, period) with its error underneath. */
export function ChoiceField({ label, error, testId, children }: ChoiceFieldProps) {
  return (
    <View className="field" data-testid={`${testId}-field`}>
      <Text className="field__label">{label}</Text>
      <View className="choice-row">{children}</View>
      {error ? (
        <Text className="field__error" data-testid={`${testId}-error`}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}
