import { Text, View } from '@tarojs/components';

interface CharterAgreementProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
}

export function CharterAgreement({ checked, onChange, error }: CharterAgreementProps) {
  return (
    <View className="field">
      <View
        className="charter"
        role="checkbox"
        aria-checked={checked}
        data-testid="charter-agreement"
        onClick={() => onChange(!checked)}
      >
        <Text className={`charter__box ${checked ? 'charter__box--checked' : ''}`}>{checked ? '✓' : ''}</Text>
        <Text className="charter__text">我已阅读并同意《中国工会章程》，自愿加入工会，履行会员义务</Text>
      </View>
      {error ? (
        <Text className="field__error charter__error" data-testid="charter-agreement-error">
          {error}
        </Text>
      ) : null}
    </View>
  );
}
