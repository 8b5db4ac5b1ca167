import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { VerifyCardRequestSchema } from '@union/shared';
import { useState } from 'react';
import { errorMessage } from '../../services/http';
import { isWeapp } from '../../utils/platform';
import { checkCard, type CardCheck } from './check-card';
import { VerifyResult } from './components/VerifyResult';
import { refreshPublicKeys } from './public-key-cache';
import './index.css';

/** Stations, merchants and union offices check a member's card: scan it, or type its 核验码. */
export default function VerifyPage() {
  const [token, setToken] = useState('');
  const [check, setCheck] = useState<CardCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useDidShow(() => void refreshPublicKeys());

  async function verify(raw: string) {
    setCheck(null);
    setError(null);
    const parsed = VerifyCardRequestSchema.safeParse({ token: raw });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请扫描或输入会员卡二维码');
      return;
    }
    setBusy(true);
    try {
      setCheck(await checkCard(parsed.data.token));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function scan() {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      setToken(result);
      await verify(result);
    } catch {
      // Cancelled by the user; nothing to report.
    }
  }

  return (
    <View className="page">
      {check ? <VerifyResult check={check} /> : null}
      {error ? (
        <Text className="notice notice--error" data-testid="verify-error">
          {error}
        </Text>
      ) : null}
      {isWeapp() ? (
        <Button className="btn btn--primary" disabled={busy} onClick={() => void scan()}>
          扫描会员卡二维码
        </Button>
      ) : null}
      <View className="panel verify-manual">
        <Text className="panel__title">{isWeapp() ? '扫码失败？输入核验码' : '输入或粘贴核验码'}</Text>
        <Textarea
          className="text-area verify-input"
          value={token}
          maxlength={300}
          placeholder="会员卡二维码下方的核验码"
          onInput={(e) => setToken(e.detail.value)}
          data-testid="verify-token-input"
        />
        <Button
          className="btn btn--primary"
          disabled={busy}
          onClick={() => void verify(token)}
          data-testid="verify-submit"
        >
          核验
        </Button>
      </View>
    </View>
  );
}
