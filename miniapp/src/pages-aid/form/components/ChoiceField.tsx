import { Text, View } from '@tarojs/components';

interface ChoiceFieldProps<T extends string> {
  label: string;
  options: readonly T[];
  labels: Record<T, string>;
  value: T | '';
  onChange: (value: T) => void;
  error?: string;
  testId: string;
}

/** Every option at a glance (a handful at most), as radio choices. */
export function ChoiceField<T extends string>({
  label,
  options,
  labels,
  value,
  onChange,
  error,
  testId,
}: ChoiceFieldProps<T>) {
  return (
    <View className="field">
      <Text className="field__label">{label}</Text>
      <View className="choice-list" role="radiogroup" data-testid={testId}>
        {options.map((option) => (
          <View
            key={option}
            role="radio"
            aria-checked={value === option}
            className={`choice ${value === option ? 'choice--selected' : ''}`}
            onClick={() => onChange(option)}
            data-testid={`${testId}-${option}`}
          >
            <Text>{labels[option]}</Text>
          </View>
        ))}
      </View>
      {error ? (
        <Text className="field__error" data-testid={`${testId}-error`}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}
