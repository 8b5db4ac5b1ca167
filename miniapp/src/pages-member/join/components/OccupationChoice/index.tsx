import { Text, View } from '@tarojs/components';
import { OCCUPATIONS, type Occupation } from '@union/shared';
import { OCCUPATION_LABELS } from '../../../../strings/membership';

interface OccupationChoiceProps {
  value: Occupation | null;
  onChange: (occupation: Occupation) => void;
  error?: string;
}

/** All seven categories at a glance: riders and couriers should see themselves listed. */
export function OccupationChoice({ value, onChange, error }: OccupationChoiceProps) {
  return (
    <View className="field">
      <Text className="field__label">职业类别</Text>
      <View className="choice-list" role="radiogroup">
        {OCCUPATIONS.map((occupation) => (
          <View
            key={occupation}
            role="radio"
            aria-checked={value === occupation}
            className={`choice ${value === occupation ? 'choice--selected' : ''}`}
            onClick={() => onChange(occupation)}
          >
            <Text>{OCCUPATION_LABELS[occupation]}</Text>
          </View>
        ))}
      </View>
      {error ? <Text className="field__error">{error}</Text> : null}
    </View>
  );
}
