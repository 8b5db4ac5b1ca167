import { Consent } from '../../../../components/Consent';

interface CharterAgreementProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
}

export function CharterAgreement({ checked, onChange, error }: CharterAgreementProps) {
  return (
    <Consent
      text="我已阅读并同意《中国工会章程》，自愿加入工会，履行会员义务"
      checked={checked}
      onChange={onChange}
      error={error}
      testId="charter-agreement"
    />
  );
}
