import { Text, View } from '@tarojs/components';
import './index.css';

interface ConsentProps {
  /** What the person agrees to, in full. */
  text: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
  testId: string;
}

/** A tick box for an agreement or declaration (入会章程, 助学申请承诺), large enough for a thumb. */
export function Consent({ text, checked, onChange, error, testId }: ConsentProps) {
  return (
    <View className="field">
      <View
        className="consent"
        role="checkbox"
        aria-checked={checked}
        data-testid={testId}
        onClick={() => onChange(!checked)}
      >
        <Text className={`consent__box ${checked ? 'consent__box--checked' : ''}`}>{checked ? '✓' : ''}</Text>
        <Text className="consent__text">{text}</Text>
      </View>
      {error ? (
        <Text className="field__error" data-testid={`${testId}-error`}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}
