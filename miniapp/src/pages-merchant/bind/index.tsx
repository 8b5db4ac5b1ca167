import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BindMerchantRequestSchema, MERCHANT_CATEGORY_LABELS, type MerchantSummary } from '@union/shared';
import { useState } from 'react';
import { InvitationCodeField } from '../../components/InvitationCodeField';
import { InfoRow } from '../../components/InfoRow';
import { ROUTES } from '../../routes';
import { fetchMe } from '../../services/auth';
import { ApiError, errorMessage } from '../../services/http';
import { bindMerchant } from '../../services/merchant';
import { loadSession } from '../../services/session-store';
import { fieldErrorsFromApi } from '../../utils/form-errors';
import '../merchant.css';

/** A clerk's WeChat account joins a merchant with the 8-character code the union generated. */
export default function MerchantBindPage() {
  const alreadyBound = loadSession()?.me.merchant ?? null;
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [bound, setBound] = useState<MerchantSummary | null>(null);
  const [busy, setBusy] = useState(false);

  async function bind() {
    const parsed = BindMerchantRequestSchema.safeParse({ invitationCode: code });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '请输入邀请码');
    setError(null);
    setBusy(true);
    try {
      const workbench = await bindMerchant(parsed.data.invitationCode);
      setBound(workbench.merchant);
      // The stored account learns its merchant now, so 我的 shows the counter tools at once.
      await fetchMe().catch(() => undefined);
    } catch (e) {
      const fieldError = e instanceof ApiError ? fieldErrorsFromApi(e).invitationCode : undefined;
      setError(fieldError ?? errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const goRedeem = () => void Taro.redirectTo({ url: ROUTES.merchantRedeem });

  if (bound) {
    return (
      <View className="page">
        <View className="panel" data-testid="merchant-bound">
          <Text className="panel__title">绑定成功</Text>
          <InfoRow label="商户">
            <Text data-testid="merchant-bound-name">{bound.name}</Text>
          </InfoRow>
          <InfoRow label="类别">{MERCHANT_CATEGORY_LABELS[bound.category]}</InfoRow>
          <InfoRow label="地址">{bound.address}</InfoRow>
        </View>
        <Button className="btn btn--primary" onClick={goRedeem} data-testid="merchant-start-redeem">
          开始核销
        </Button>
      </View>
    );
  }

  return (
    <View className="page">
      {alreadyBound ? (
        <View className="notice notice--info" data-testid="merchant-already-bound">
          <Text>{`当前已绑定「${alreadyBound.name}」。`}</Text>
          <Text className="link" onClick={goRedeem}>
            去核销 ›
          </Text>
        </View>
      ) : null}
      <View className="panel">
        <Text className="panel__title">商户店员绑定</Text>
        <Text className="muted">输入工会提供的 8 位店员邀请码。绑定后，本微信号可在本店扫码核销会员优惠券。</Text>
        <InvitationCodeField value={code} onChange={setCode} error={error} testId="merchant-invitation" />
        <Button className="btn btn--primary" disabled={busy} onClick={() => void bind()} data-testid="merchant-bind">
          {busy ? '正在绑定…' : '绑定商户'}
        </Button>
      </View>
    </View>
  );
}
