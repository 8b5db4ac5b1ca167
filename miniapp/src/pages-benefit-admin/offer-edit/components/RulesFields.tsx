import { Picker, Text, View } from '@tarojs/components';
import { LIMIT_PERIODS, LIMIT_PERIOD_LABELS, OCCUPATIONS } from '@union/shared';
import { Chip } from '../../../components/Chip';
import { TextField } from '../../../components/TextField';
import { OCCUPATION_LABELS } from '../../../strings/membership';
import { ChoiceField } from '../../components/ChoiceField';
import type { FormErrors, OfferForm } from '../form';

interface RulesFieldsProps {
  form: OfferForm;
  errors: FormErrors;
  onChange: (change: Partial<OfferForm>) => void;
}

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((item) => item !== value) : [...list, value];
}

/** When it can be claimed and used, how many each member may hold per period, and who may claim it. */
export function RulesFields({ form, errors, onChange }: RulesFieldsProps) {
  return (
    <View className="panel" data-testid="offer-rules">
      <Text className="panel__title">有效期与领取规则</Text>
      <ChoiceField label="开始日期" error={errors.validFrom} testId="offer-valid-from">
        <Picker
          mode="date"
          value={form.validFrom}
          onChange={(e) => onChange({ validFrom: e.detail.value })}
          data-testid="offer-valid-from"
        >
          <Text className="time-box">{form.validFrom || '请选择'}</Text>
        </Picker>
      </ChoiceField>
      <ChoiceField label="结束日期" error={errors.validUntil} testId="offer-valid-until">
        <Picker
          mode="date"
          value={form.validUntil}
          start={form.validFrom || undefined}
          onChange={(e) => onChange({ validUntil: e.detail.value })}
          data-testid="offer-valid-until"
        >
          <Text className="time-box">{form.validUntil || '请选择'}</Text>
        </Picker>
        <Text className="muted">当天 23:59 前可领取、可核销</Text>
      </ChoiceField>
      <TextField
        label="每人限领（张）"
        type="number"
        value={form.limitPerMember}
        onChange={(limitPerMember) => onChange({ limitPerMember })}
        error={errors.limitPerMember}
        maxlength={2}
        testId="offer-limit"
      />
      <ChoiceField label="限领周期" error={errors.limitPeriod} testId="offer-period">
        {LIMIT_PERIODS.map((period) => (
          <Chip
            key={period}
            on={form.limitPeriod === period}
            onClick={() => onChange({ limitPeriod: period })}
            testId={`offer-period-${period}`}
          >
            {LIMIT_PERIOD_LABELS[period]}
          </Chip>
        ))}
      </ChoiceField>
      <ChoiceField label="适用职业" error={errors.audience} testId="offer-audience">
        {OCCUPATIONS.map((occupation) => (
          <Chip
            key={occupation}
            on={form.occupations.includes(occupation)}
            onClick={() => onChange({ occupations: toggle(form.occupations, occupation) })}
            testId={`offer-occupation-${occupation}`}
          >
            {OCCUPATION_LABELS[occupation]}
          </Chip>
        ))}
        <Text className="muted">都不选则所有会员可领</Text>
      </ChoiceField>
      <View className="choice-row">
        <Chip
          on={form.hardshipFamiliesOnly}
          onClick={() => onChange({ hardshipFamiliesOnly: !form.hardshipFamiliesOnly })}
          testId="offer-hardship-only"
        >
          仅限困难职工家庭
        </Chip>
        <Text className="muted">近一年内金秋助学获批或已发放的会员</Text>
      </View>
    </View>
  );
}
