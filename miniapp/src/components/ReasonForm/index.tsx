import { Text, Textarea, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Chip } from '../Chip';
import '../TextField/index.css';
import './index.css';

interface ReasonFormProps {
  title: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  maxlength: number;
  /** Common reasons a tap fills in; the text stays editable. */
  picks?: readonly string[];
  /** From the request's shared zod schema. */
  error?: string | null;
  /** `<testId>` on the text box, `<testId>-error` on the message, `<testId>-pick-<n>` on the quick picks. */
  testId: string;
  panelTestId?: string;
  /** Above the reason, e.g. the refund rules. */
  intro?: ReactNode;
  /** Under the reason: the buttons, and any notice beside them. */
  children: ReactNode;
}

/**
 * A reason the other side will read (a refund, a rejected application, an aid application
 * returned or refused, a station closed), with quick picks for the usual ones.
 */
export function ReasonForm({
  title,
  value,
  onChange,
  placeholder,
  maxlength,
  picks = [],
  error,
  testId,
  panelTestId,
  intro,
  children,
}: ReasonFormProps) {
  return (
    <View className="panel reason-form" data-testid={panelTestId}>
      <Text className="panel__title">{title}</Text>
      {intro}
      {picks.length > 0 ? (
        <View className="reason-form__picks">
          {picks.map((pick, index) => (
            <Chip
              key={pick}
              on={value.trim() === pick}
              onClick={() => onChange(pick)}
              testId={`${testId}-pick-${index}`}
            >
              {pick}
            </Chip>
          ))}
        </View>
      ) : null}
      <Textarea
        className="text-area"
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        onInput={(e) => onChange(e.detail.value)}
        data-testid={testId}
      />
      {error ? (
        <Text className="field__error reason-form__error" data-testid={`${testId}-error`}>
          {error}
        </Text>
      ) : null}
      {children}
    </View>
  );
}
