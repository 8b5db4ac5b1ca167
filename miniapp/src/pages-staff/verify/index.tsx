import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import {
  CARD_SHORT_CODE_LENGTH,
  CARD_SHORT_CODE_PATTERN,
  formatCardShortCode,
  normalizeCardShortCode,
  VerifyCardRequestSchema,
  type VerifyCardRequest,
} from '@union/shared';
import { useState } from 'react';
import { DigitCodeField } from '../../components/DigitCodeField';
import { PasteScanPanel } from '../../components/PasteScanPanel';
import { useQrScanner } from '../../components/QrScanner';
import { errorMessage } from '../../services/http';
import { isWeapp } from '../../utils/platform';
import { checkCard, type CardCheck } from './check-card';
import { VerifyResult } from './components/VerifyResult';
import { refreshPublicKeys } from '../../services/card-public-keys';
import './index.css';

/** Pasted text is a QR token, unless it is the 8-digit 核验码 itself. */
function lookupFromText(text: string): VerifyCardRequest {
  const code = normalizeCardShortCode(text);
  return CARD_SHORT_CODE_PATTERN.test(code) ? { code } : { token: text.trim() };
}

/**
 * Stations, merchants and union offices check a member's card: scan its QR (WeChat's
 * scanner, or the browser camera in H5), type the 8-digit 核验码 under it, or, in H5,
 * paste what a scanner gun read.
 */
export default function VerifyPage() {
  const [code, setCode] = useState('');
  const [token, setToken] = useState('');
  const [check, setCheck] = useState<CardCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { scan, scannerView } = useQrScanner('扫描会员卡二维码');

  useDidShow(() => void refreshPublicKeys());

  async function verify(lookup: VerifyCardRequest) {
    setCheck(null);
    setError(null);
    const parsed = VerifyCardRequestSchema.safeParse(lookup);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请扫描会员卡二维码或输入核验码');
      return;
    }
    setBusy(true);
    try {
      setCheck(await checkCard(parsed.data));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function scanCard() {
    const scanned = await scan();
    if (scanned) await verify({ token: scanned });
  }

  function submitCode() {
    if (code.length !== CARD_SHORT_CODE_LENGTH) return setError('请输入会员卡二维码下方的 8 位核验码');
    void verify({ code });
  }

  function submitToken() {
    if (!token.trim()) return setError('请粘贴会员卡二维码内容');
    void verify(lookupFromText(token));
  }

  return (
    <View className="page">
      {scannerView}
      {check ? <VerifyResult check={check} /> : null}
      {error ? (
        <Text className="notice notice--error" data-testid="verify-error">
          {error}
        </Text>
      ) : null}
      <Button className="btn btn--primary" disabled={busy} onClick={() => void scanCard()} data-testid="verify-scan">
        扫描会员卡二维码
      </Button>
      <View className="panel verify-manual">
        <Text className="panel__title">扫码失败？输入核验码</Text>
        <DigitCodeField
          value={code}
          onChange={setCode}
          length={CARD_SHORT_CODE_LENGTH}
          placeholder="8 位数字"
          format={formatCardShortCode}
          testId="verify-code"
        />
        <Button className="btn btn--primary" disabled={busy} onClick={submitCode} data-testid="verify-code-submit">
          核验
        </Button>
      </View>
      {isWeapp() ? null : (
        <PasteScanPanel
          title="粘贴二维码内容"
          placeholder="用扫码枪或其他应用读取会员卡二维码后粘贴到这里"
          value={token}
          onChange={setToken}
          onSubmit={submitToken}
          submitLabel="核验"
          busy={busy}
          testId="verify-token"
          submitTestId="verify-submit"
        />
      )}
    </View>
  );
}
