import { Text, Textarea, View } from '@tarojs/components';
import { EDUCATION_LEVELS, HARDSHIP_CATEGORIES } from '@union/shared';
import { IdentityFields } from '../../../components/IdentityFields';
import { TextField } from '../../../components/TextField';
import { EDUCATION_LEVEL_LABELS, HARDSHIP_LABELS, PAYMENT_METHOD_LABELS } from '../../../strings/aid';
import type { AidFieldErrors, AidFormValues } from '../form-model';
import { ChoiceField } from './ChoiceField';

interface StepProps<K extends 'child' | 'household' | 'payment'> {
  values: AidFormValues[K];
  errors: AidFieldErrors;
  onChange: (patch: Partial<AidFormValues[K]>) => void;
}

export function ChildStep({ values, errors, onChange }: StepProps<'child'>) {
  return (
    <View data-testid="aid-step-child">
      <IdentityFields
        values={{ name: values.name, idNumber: values.idNumber }}
        errors={{ name: errors['child.name'], idNumber: errors['child.idNumber'] }}
        onChange={onChange}
        testIdPrefix="aid-child"
        nameLabel="子女姓名"
      />
      <TextField
        label="录取院校"
        value={values.school}
        onChange={(school) => onChange({ school })}
        error={errors['child.school']}
        testId="aid-child-school"
      />
      <TextField
        label="录取专业"
        value={values.major}
        onChange={(major) => onChange({ major })}
        error={errors['child.major']}
        testId="aid-child-major"
      />
      <ChoiceField
        label="录取层次"
        options={EDUCATION_LEVELS}
        labels={EDUCATION_LEVEL_LABELS}
        value={values.educationLevel}
        onChange={(educationLevel) => onChange({ educationLevel })}
        error={errors['child.educationLevel']}
        testId="aid-child-level"
      />
      <TextField
        label="录取年份"
        type="number"
        maxlength={4}
        value={values.admissionYear}
        onChange={(admissionYear) => onChange({ admissionYear })}
        placeholder="如 2026"
        error={errors['child.admissionYear']}
        testId="aid-child-year"
      />
    </View>
  );
}

export function HouseholdStep({ values, errors, onChange }: StepProps<'household'>) {
  return (
    <View data-testid="aid-step-household">
      <TextField
        label="家庭人口"
        type="number"
        maxlength={2}
        value={values.members}
        onChange={(members) => onChange({ members })}
        placeholder="共同生活的家庭成员人数"
        error={errors['household.members']}
        testId="aid-household-members"
      />
      <TextField
        label="家庭年收入（元）"
        value={values.annualIncomeYuan}
        onChange={(annualIncomeYuan) => onChange({ annualIncomeYuan })}
        placeholder="上一年全家总收入，如 48000"
        error={errors['household.annualIncomeFen']}
        testId="aid-household-income"
      />
      <ChoiceField
        label="家庭困难类型"
        options={HARDSHIP_CATEGORIES}
        labels={HARDSHIP_LABELS}
        value={values.hardshipCategory}
        onChange={(hardshipCategory) => onChange({ hardshipCategory })}
        error={errors['household.hardshipCategory']}
        testId="aid-household-hardship"
      />
      <View className="field">
        <Text className="field__label">家庭情况说明（选填）</Text>
        <Textarea
          className="text-area"
          value={values.situation}
          maxlength={500}
          placeholder="如家中有病人、遭受灾害等，可简要说明"
          onInput={(e) => onChange({ situation: e.detail.value })}
          data-testid="aid-household-situation"
        />
        {errors['household.situation'] ? <Text className="field__error">{errors['household.situation']}</Text> : null}
      </View>
    </View>
  );
}

export function PaymentStep({ values, errors, onChange }: StepProps<'payment'>) {
  return (
    <View data-testid="aid-step-payment">
      <ChoiceField
        label="收款方式"
        options={['bank_card', 'union_card'] as const}
        labels={PAYMENT_METHOD_LABELS}
        value={values.method}
        onChange={(method) => onChange({ method })}
        error={errors['payment.method']}
        testId="aid-payment-method"
      />
      <TextField
        label="开户银行"
        value={values.bankName}
        onChange={(bankName) => onChange({ bankName })}
        placeholder="如 中国工商银行杭州西溪支行"
        error={errors['payment.bankName']}
        testId="aid-payment-bank"
      />
      <TextField
        label="户名"
        value={values.accountName}
        onChange={(accountName) => onChange({ accountName })}
        placeholder="持卡人姓名"
        error={errors['payment.accountName']}
        testId="aid-payment-account-name"
      />
      <TextField
        label="卡号"
        type="number"
        maxlength={30}
        value={values.accountNumber}
        onChange={(accountNumber) => onChange({ accountNumber })}
        error={errors['payment.accountNumber']}
        testId="aid-payment-account-number"
      />
    </View>
  );
}
