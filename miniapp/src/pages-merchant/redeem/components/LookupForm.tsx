import { Button, Text, View } from '@tarojs/components';
import { formatVoucherCode, isWellFormedVoucherCode, normalizeVoucherCode, VOUCHER_CODE_LENGTH } from '@union/shared';
import { useState } from 'react';
import { DigitCodeField } from '../../../components/DigitCodeField';
import { PasteScanPanel } from '../../../components/PasteScanPanel';
import { useQrScanner } from '../../../components/QrScanner';
import type { VoucherLookup } from '../../../services/merchant';
import { isWeapp } from '../../../utils/platform';

interface LookupFormProps {
  busy: boolean;
  onLookup: (lookup: VoucherLookup) => void;
  onInvalid: (message: string) => void;
}

/** A member may show the code instead of the QR; the scanner hands over whichever it read. */
function lookupFromScan(text: string): VoucherLookup {
  const code = normalizeVoucherCode(text);
  return /^\d{12}$/.test(code) ? { code } : { token: text.trim() };
}

/**
 * 扫码 with the camera (WeChat's scanner, or the browser camera in H5), pasting what a
 * scanner gun read (H5), or typing the 12-digit code: its check digit catches a typo
 * here, before the server is asked.
 */
export function LookupForm({ busy, onLookup, onInvalid }: LookupFormProps) {
  const [code, setCode] = useState('');
  const [token, setToken] = useState('');
  const { scan: scanQr, scannerView } = useQrScanner('扫描会员券二维码');

  async function scan() {
    // Null when cancelled, or when the camera could not be used (scannerView says why).
    const scanned = await scanQr();
    if (scanned) onLookup(lookupFromScan(scanned));
  }

  function submitCode() {
    if (code.length !== VOUCHER_CODE_LENGTH) return onInvalid('券码为 12 位数字');
    if (!isWellFormedVoucherCode(code)) return onInvalid('券码有误，请核对后重新输入');
    onLookup({ code });
  }

  function submitToken() {
    const text = token.trim();
    if (!text) return onInvalid('请粘贴券二维码内容');
    onLookup(lookupFromScan(text));
  }

  return (
    <View data-testid="redeem-lookup">
      {scannerView}
      <Button
        className="btn btn--primary redeem-confirm"
        disabled={busy}
        onClick={() => void scan()}
        data-testid="redeem-scan"
      >
        扫码核销
      </Button>
      {isWeapp() ? null : (
        <PasteScanPanel
          title="粘贴券二维码内容"
          placeholder="用扫码枪或其他应用读取会员券二维码后粘贴到这里"
          value={token}
          onChange={setToken}
          onSubmit={submitToken}
          submitLabel="查询"
          busy={busy}
          testId="redeem-token"
          submitTestId="redeem-token-submit"
        />
      )}
      <View className="panel">
        <Text className="panel__title">输入券码</Text>
        <DigitCodeField
          value={code}
          onChange={setCode}
          length={VOUCHER_CODE_LENGTH}
          placeholder="会员券下方的 12 位数字"
          format={formatVoucherCode}
          testId="redeem-code"
        />
        <Button className="btn" disabled={busy} onClick={submitCode} data-testid="redeem-code-submit">
          查询券码
        </Button>
      </View>
    </View>
  );
}
