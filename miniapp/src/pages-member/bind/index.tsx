import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BindMemberRequestSchema } from '@union/shared';
import { useState } from 'react';
import { TextField } from '../../components/TextField';
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

  const setField = (field: Field) => (value: string) => setForm((current) => ({ ...current, [field]: value }));

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
        <TextField
          label="姓名"
          value={form.name}
          onChange={setField('name')}
          placeholder="与身份证一致"
          error={fieldErrors.name}
          testId="bind-name"
        />
        <TextField
          label="身份证号"
          type="idcard"
          maxlength={18}
          value={form.idNumber}
          onChange={setField('idNumber')}
          placeholder="18位居民身份证号"
          error={fieldErrors.idNumber}
          testId="bind-id-number"
        />
        <TextField
          label="手机号"
          type="number"
          maxlength={11}
          value={form.mobile}
          onChange={setField('mobile')}
          placeholder="登记时留的手机号"
          error={fieldErrors.mobile}
          testId="bind-mobile"
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
