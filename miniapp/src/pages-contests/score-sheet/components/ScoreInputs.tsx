import { Input, Text, View } from '@tarojs/components';
import { maxRoundScore, type RoundScoring } from '@union/shared';
import { scoreText } from '../../format';
import { VALUE_KEY, type SheetErrors, type SheetInputs } from '../sheet-form';

interface ScoreInputsProps {
  scoring: RoundScoring;
  inputs: SheetInputs;
  errors: SheetErrors;
  total: number | null;
  disabled: boolean;
  onChange: (key: string, text: string) => void;
}

/** One large number box per rubric item with its maximum, or the one score or measure, and the running total. */
export function ScoreInputs({ scoring, inputs, errors, total, disabled, onChange }: ScoreInputsProps) {
  const fields =
    scoring.kind === 'rubric'
      ? scoring.items.map((item) => ({
          key: item.id,
          label: item.name,
          hint: `满分 ${item.maxPoints}${item.weight !== 1 ? ` · 权重 ${item.weight}` : ''}`,
        }))
      : [
          {
            key: VALUE_KEY,
            label: scoring.kind === 'plain' ? '得分' : `成绩（${scoring.unit}）`,
            hint:
              scoring.kind === 'plain'
                ? `满分 ${scoring.maxPoints}`
                : scoring.better === 'lower'
                  ? '数值越小越好'
                  : '数值越大越好',
          },
        ];
  const max = maxRoundScore(scoring);
  return (
    <View className="panel" data-testid="sheet-inputs">
      {fields.map((field) => (
        <View key={field.key} className="score-field">
          <View className="score-field__head">
            <Text>{field.label}</Text>
            <Text className="muted" data-testid={`sheet-${field.key}-max`}>
              {field.hint}
            </Text>
          </View>
          <Input
            className={`score-input ${errors[field.key] ? 'score-input--error' : ''}`}
            type="digit"
            value={inputs[field.key] ?? ''}
            disabled={disabled}
            placeholder={disabled ? '' : '输入分数'}
            maxlength={9}
            onInput={(e) => onChange(field.key, e.detail.value)}
            data-testid={`sheet-${field.key}`}
          />
          {errors[field.key] ? (
            <Text className="field__error score-field__error" data-testid={`sheet-${field.key}-error`}>
              {errors[field.key]}
            </Text>
          ) : null}
        </View>
      ))}
      <View className="score-total">
        <Text>合计</Text>
        <Text>
          <Text className="score-total__value" data-testid="sheet-total">
            {scoreText(total, scoring.kind === 'measure' ? scoring.unit : null)}
          </Text>
          {Number.isFinite(max) ? <Text className="muted">{` / ${scoreText(max)}`}</Text> : null}
        </Text>
      </View>
    </View>
  );
}
