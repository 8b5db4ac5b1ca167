import { Input, Text } from '@tarojs/components';
import './index.css';

interface InvitationCodeFieldProps {
  value: string;
  onChange: (code: string) => void;
  error: string | null;
  /** `${testId}-input` and `${testId}-error`. */
  testId: string;
}

/**
 * An 8-character invitation code from a union message (a merchant clerk's, a judge's): upper
 * case as typed, large and spaced so it is copied without mistakes, the refusal right below.
 */
export function InvitationCodeField({ value, onChange, error, testId }: InvitationCodeFieldProps) {
  return (
    <>
      <Input
        className="invitation-code__input"
        value={value}
        maxlength={8}
        placeholder="如 K7M2P9QX"
        onInput={(e) => onChange(e.detail.value.toUpperCase())}
        data-testid={`${testId}-input`}
      />
      {error ? (
        <Text className="notice notice--error" data-testid={`${testId}-error`}>
          {error}
        </Text>
      ) : null}
    </>
  );
}
