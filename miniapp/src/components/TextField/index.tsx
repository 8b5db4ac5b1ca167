import { Input, Text, View } from '@tarojs/components';
import './index.css';

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  /** Shown under the field; from the shared zod schema or the BFF's `details`. */
  error?: string;
  /** weapp shows a matching keyboard (idcard has the X key, digit the decimal point). */
  type?: 'text' | 'number' | 'idcard' | 'digit';
  password?: boolean;
  maxlength?: number;
  /** Base for data-testid attributes: `<testId>` on the input, `<testId>-error` on the message. */
  testId?: string;
}

export function TextField({
  label,
  value,
  onChange,
  placeholder,
  error,
  type = 'text',
  password,
  maxlength = 140,
  testId,
}: TextFieldProps) {
  return (
    <View className="field">
      <View className="field__row">
        <Text className="field__label">{label}</Text>
        <Input
          className="field__input"
          type={type}
          password={password}
          value={value}
          maxlength={maxlength}
          placeholder={placeholder}
          onInput={(e) => onChange(e.detail.value)}
          data-testid={testId}
        />
      </View>
      {error ? (
        <Text className="field__error" data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}
