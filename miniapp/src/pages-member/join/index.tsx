import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CreateJoinApplicationRequestSchema, type Occupation, type Organization } from '@union/shared';
import { useState } from 'react';
import { IdentityFields } from '../../components/IdentityFields';
import { TextField } from '../../components/TextField';
import { ROUTES } from '../../routes';
import { ApiError, errorMessage } from '../../services/http';
import { applyToJoin } from '../../services/membership';
import { fieldErrorsFromApi, fieldErrorsFromZod, type FieldErrors } from '../../utils/form-errors';
import { showSuccess } from '../../utils/toast';
import { CharterAgreement } from './components/CharterAgreement';
import { OccupationChoice } from './components/OccupationChoice';
import { OrgPicker } from './components/OrgPicker';

type Field = 'orgId' | 'name' | 'idNumber' | 'mobile' | 'occupation' | 'employer' | 'agreeToCharter';
type TextFieldName = 'name' | 'idNumber' | 'mobile' | 'employer';

export default function JoinPage() {
  const [org, setOrg] = useState<Organization | null>(null);
  const [text, setText] = useState<Record<TextFieldName, string>>({ name: '', idNumber: '', mobile: '', employer: '' });
  const [occupation, setOccupation] = useState<Occupation | null>(null);
  const [agreed, setAgreed] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<Field>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const setField = (field: TextFieldName) => (value: string) => setText((current) => ({ ...current, [field]: value }));

  async function submit() {
    setError(null);
    const parsed = CreateJoinApplicationRequestSchema.safeParse({
      ...text,
      orgId: org?.id ?? '',
      occupation: occupation ?? undefined,
      agreeToCharter: agreed,
    });
    if (!parsed.success) {
      const errors = fieldErrorsFromZod(parsed.error);
      // An empty orgId fails the id format rule; what the user needs to hear is "pick one".
      setFieldErrors(org ? errors : { ...errors, orgId: '请选择受理入会的工会' });
      return;
    }
    setFieldErrors({});
    setBusy(true);
    try {
      await applyToJoin(parsed.data);
      showSuccess('申请已提交');
      void Taro.redirectTo({ url: ROUTES.joinStatus });
    } catch (e) {
      if (e instanceof ApiError) setFieldErrors(fieldErrorsFromApi(e));
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="page">
      <View className="panel">
        <Text className="panel__title">入会申请</Text>
        {/* The occupation first: a rider is then offered the unions that organise riders. */}
        <OccupationChoice value={occupation} onChange={setOccupation} error={fieldErrors.occupation} />
        <OrgPicker value={org} onChange={setOrg} occupation={occupation} error={fieldErrors.orgId} />
        <IdentityFields
          values={text}
          errors={fieldErrors}
          onChange={(patch) => setText((current) => ({ ...current, ...patch }))}
          testIdPrefix="join"
        />
        <TextField
          label={occupation === 'employee' ? '工作单位' : '单位或平台'}
          value={text.employer}
          onChange={setField('employer')}
          placeholder={occupation === 'employee' ? '所在单位全称' : '如所在配送平台、快递公司'}
          error={fieldErrors.employer}
          testId="join-employer"
        />
        <CharterAgreement checked={agreed} onChange={setAgreed} error={fieldErrors.agreeToCharter} />
      </View>
      {error ? <Text className="notice notice--error">{error}</Text> : null}
      <Button className="btn btn--primary" disabled={busy} onClick={() => void submit()} data-testid="join-submit">
        提交申请
      </Button>
    </View>
  );
}
