import { Button, Input, Text, View } from '@tarojs/components';
import { CheckInRequestSchema, stationCodeFromScan } from '@union/shared';
import { useState } from 'react';
import { useQrScanner } from '../../../../components/QrScanner';
import { errorMessage } from '../../../../services/http';
import { checkIn, type CheckInResult } from '../../../../services/stations';
import { formatDateTime } from '../../../../utils/datetime';
import { ensureSignedIn } from '../../../../utils/require-sign-in';

/**
 * 进站打卡: scan the poster at the station (WeChat's scanner, or the browser camera in H5),
 * or type the code printed under it.
 * A repeat within 30 minutes is acknowledged but counted once, and the rider is told so.
 */
export function CheckInPanel() {
  const [code, setCode] = useState('');
  const [result, setResult] = useState<CheckInResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { scan: scanQr, scannerView } = useQrScanner('扫描驿站海报二维码');

  async function submit(raw: string) {
    setResult(null);
    setError(null);
    // The poster's link or a bare code; anything else goes as is, for the BFF to refuse in its words.
    const parsed = CheckInRequestSchema.safeParse({ stationCode: stationCodeFromScan(raw) ?? raw });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '请扫描驿站二维码');
    if (!(await ensureSignedIn('打卡'))) return;
    setBusy(true);
    try {
      setResult(await checkIn(parsed.data.stationCode));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function scan() {
    const scanned = await scanQr();
    if (!scanned) return; // Cancelled, or the camera could not be used (scannerView says why).
    setCode(scanned);
    await submit(scanned);
  }

  return (
    <View className="panel" data-testid="check-in">
      <Text className="panel__title">进站打卡</Text>
      {scannerView}
      {result ? (
        <View
          className={`check-in-result ${result.counted ? 'check-in-result--counted' : ''}`}
          data-testid="check-in-result"
          data-counted={result.counted}
        >
          <Text className="check-in-result__title">{result.counted ? '打卡成功' : '已打卡（30分钟内不重复计数）'}</Text>
          <Text className="muted">{`${result.stationName} · ${formatDateTime(result.checkedInAt)}`}</Text>
        </View>
      ) : null}
      {error ? (
        <Text className="notice notice--error" data-testid="check-in-error">
          {error}
        </Text>
      ) : null}
      <Button className="btn btn--primary" disabled={busy} onClick={() => void scan()} data-testid="check-in-scan">
        扫码打卡
      </Button>
      <Text className="muted check-in__hint">扫码失败？输入或粘贴海报二维码下方的驿站码</Text>
      <Input
        className="check-in__input"
        value={code}
        maxlength={200}
        placeholder="驿站码，如 ST1.…"
        onInput={(e) => setCode(e.detail.value)}
        data-testid="check-in-code-input"
      />
      <Button className="btn" disabled={busy} onClick={() => void submit(code)} data-testid="check-in-submit">
        打卡
      </Button>
    </View>
  );
}
