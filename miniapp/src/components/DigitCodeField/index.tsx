import { Input, Text } from '@tarojs/components';
import './index.css';

interface DigitCodeFieldProps {
  value: string;
  onChange: (digits: string) => void;
  /** Digits kept; anything else typed or pasted (spaces, dashes) is dropped. */
  length: number;
  placeholder: string;
  /** How the digits are echoed for reading aloud and comparing with the other screen (e.g. `1234 5678`). */
  format: (digits: string) => string;
  /** `${testId}-input` and `${testId}-grouped`. */
  testId: string;
}

/**
 * A code typed from another person's screen (a card's 核验码, a voucher's 券码): digits only,
 * with a number keyboard on phones, echoed below in large groups to compare across the counter.
 */
export function DigitCodeField({ value, onChange, length, placeholder, format, testId }: DigitCodeFieldProps) {
  return (
    <>
      <Input
        className="digit-code__input"
        type="number"
        value={value}
        maxlength={length}
        placeholder={placeholder}
        onInput={(e) => onChange(e.detail.value.replace(/\D/g, '').slice(0, length))}
        data-testid={`${testId}-input`}
      />
      {value ? (
        <Text className="digit-code__grouped" data-testid={`${testId}-grouped`}>
          {format(value)}
        </Text>
      ) : null}
    </>
  );
}
