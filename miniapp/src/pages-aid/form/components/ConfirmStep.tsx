import { Text, View } from '@tarojs/components';
import type { AidApplication } from '@union/shared';
import { InfoRow } from '../../../components/InfoRow';
import {
  AID_DECLARATION,
  DOCUMENT_KIND_LABELS,
  EDUCATION_LEVEL_LABELS,
  HARDSHIP_LABELS,
  PAYMENT_METHOD_LABELS,
} from '../../../strings/aid';
import type { AidFieldErrors, AidFormValues } from '../form-model';
import { Consent } from '../../../components/Consent';

interface ConfirmStepProps {
  values: AidFormValues;
  application: AidApplication;
  errors: AidFieldErrors;
  onDeclaration: (accepted: boolean) => void;
}

/** Everything once more before it goes to the union, and the declaration the paper form had. */
export function ConfirmStep({ values, application, errors, onDeclaration }: ConfirmStepProps) {
  const { child, household, payment } = values;
  return (
    <View data-testid="aid-step-confirm">
      <InfoRow label="子女">{`${child.name} · ${child.educationLevel ? EDUCATION_LEVEL_LABELS[child.educationLevel] : ''}`}</InfoRow>
      <InfoRow label="录取院校">{`${child.school} ${child.major}`}</InfoRow>
      <InfoRow label="家庭人口">{`${household.members} 人`}</InfoRow>
      <InfoRow label="家庭年收入">{`${household.annualIncomeYuan} 元`}</InfoRow>
      <InfoRow label="困难类型">
        {household.hardshipCategory ? HARDSHIP_LABELS[household.hardshipCategory] : ''}
      </InfoRow>
      <InfoRow label="收款账户">
        {`${payment.method ? PAYMENT_METHOD_LABELS[payment.method] : ''} ${payment.bankName} ${payment.accountNumber}`}
      </InfoRow>
      <InfoRow label="证明材料">{`${application.documents.length} 份`}</InfoRow>
      {application.missingDocuments.length > 0 ? (
        <Text className="notice notice--warn" data-testid="aid-missing-documents">
          {`还缺：${application.missingDocuments.map((kind) => DOCUMENT_KIND_LABELS[kind]).join('、')}`}
        </Text>
      ) : null}
      <Consent
        text={AID_DECLARATION}
        checked={values.declarationAccepted}
        onChange={onDeclaration}
        error={errors.declarationAccepted}
        testId="aid-declaration"
      />
    </View>
  );
}
