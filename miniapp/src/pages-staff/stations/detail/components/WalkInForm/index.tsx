import { Button, Input, Text, View } from '@tarojs/components';
import { WalkInRequestSchema } from '@union/shared';
import { useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../../../../services/http';
import { recordWalkIns } from '../../../../../services/stations';

/** Unique enough to tell one tap from another; the BFF only needs it to recognise a retry. */
function newRequestId(): string {
  return `walkin-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

interface Submission {
  count: number;
  requestId: string;
}

/**
 * 登记来访: visitors who did not scan, counted by the keeper. A submission keeps its
 * requestId until the BFF confirms it, so retrying after a dropped connection cannot
 * count the same visitors twice.
 */
export function WalkInForm({ stationId }: { stationId: string }) {
  const [count, setCount] = useState('1');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const unconfirmed = useRef<Submission | null>(null);

  async function submit() {
    setResult(null);
    const parsed = WalkInRequestSchema.shape.count.safeParse(Number(count.trim() || '0'));
    if (!parsed.success) return setResult({ ok: false, text: parsed.error.issues[0]?.message ?? '请填写人数' });
    const visitors = parsed.data;
    if (unconfirmed.current?.count !== visitors) unconfirmed.current = { count: visitors, requestId: newRequestId() };
    const submission = unconfirmed.current;
    setBusy(true);
    try {
      await recordWalkIns(stationId, submission.count, submission.requestId);
      unconfirmed.current = null;
      setCount('1');
      setResult({ ok: true, text: `已登记 ${submission.count} 人次` });
    } catch (e) {
      const mayHaveArrived = e instanceof ApiError && (e.isNetworkError || e.status >= 500);
      if (!mayHaveArrived) unconfirmed.current = null;
      setResult({
        ok: false,
        text: mayHaveArrived ? `${errorMessage(e)}。未确认是否登记成功，请点“登记”重试，不会重复计数` : errorMessage(e),
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="panel" data-testid="walk-in">
      <Text className="panel__title">登记来访人次</Text>
      <Text className="muted">未扫码进站的来访者，由站长按人数登记</Text>
      <View className="walk-in__row">
        <Input
          className="walk-in__count"
          type="number"
          value={count}
          maxlength={3}
          onInput={(e) => setCount(e.detail.value)}
          data-testid="walk-in-count"
        />
        <Text>人</Text>
        <Button
          className="btn btn--small btn--primary"
          disabled={busy}
          onClick={() => void submit()}
          data-testid="walk-in-submit"
        >
          登记
        </Button>
      </View>
      {result ? (
        <Text
          className={`notice ${result.ok ? 'notice--info' : 'notice--error'}`}
          data-testid={result.ok ? 'walk-in-result' : 'walk-in-error'}
        >
          {result.text}
        </Text>
      ) : null}
    </View>
  );
}
