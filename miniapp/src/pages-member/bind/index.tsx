import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BindMemberRequestSchema } from '@union/shared';
import { useState } from 'react';
import { IdentityFields } from '../../components/IdentityFields';
import { ROUTES } from '../../routes';
import { ApiError, errorMessage } from '../../services/http';
import { bindMember } from '../../services/membership';
import { fieldErrorsFromApi, fieldErrorsFromZod, type FieldErrors } from '../../utils/form-errors';
import { showSuccess } from '../../utils/toast';

type Field = 'name' | 'idNumber' | 'mobile';

interface Failure {
  message: string;
  /** 404: no roster entry matches, so the way forward is applying to join. */
  notInRoster: boolean;
}

/** Links this WeChat account to an existing roster entry by name, ID number and mobile. */
export default function BindPage() {
  const [form, setForm] = useState<Record<Field, string>>({ name: '', idNumber: '', mobile: '' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<Field>>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setFailure(null);
    // Same schema as the BFF: a wrong checksum is caught here, before any request.
    const parsed = BindMemberRequestSchema.safeParse(form);
    if (!parsed.success) {
      setFieldErrors(fieldErrorsFromZod(parsed.error));
      return;
    }
    setFieldErrors({});
    setBusy(true);
    try {
      await bindMember(parsed.data);
      showSuccess('绑定成功');
      void Taro.switchTab({ url: ROUTES.mine });
    } catch (e) {
      if (e instanceof ApiError) setFieldErrors(fieldErrorsFromApi(e));
      setFailure({ message: errorMessage(e), notInRoster: e instanceof ApiError && e.status === 404 });
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="page">
      <View className="panel">
        <Text className="panel__title">绑定会员身份</Text>
        <Text className="muted">已在工会登记的会员，填写与登记一致的信息即可绑定，绑定后可使用电子会员卡。</Text>
        <IdentityFields
          values={form}
          errors={fieldErrors}
          onChange={(patch) => setForm((current) => ({ ...current, ...patch }))}
          testIdPrefix="bind"
          placeholders={{ idNumber: '18位居民身份证号', mobile: '登记时留的手机号' }}
        />
      </View>
      {failure ? (
        <View className="notice notice--error" data-testid="bind-failure">
          <Text>{failure.message}</Text>
          {failure.notInRoster ? (
            <Button className="btn btn--primary" onClick={() => void Taro.navigateTo({ url: ROUTES.join })}>
              申请入会
            </Button>
          ) : null}
        </View>
      ) : null}
      <Button className="btn btn--primary" disabled={busy} onClick={() => void submit()} data-testid="bind-submit">
        确认绑定
      </Button>
    </View>
  );
}
