import { Button, Text, View } from '@tarojs/components';
import { RevealRequestSchema } from '@union/shared';
import { useState } from 'react';
import { TextField } from '../../../../components/TextField';
import { revealAidField, type RevealField } from '../../../../services/aid';
import { errorMessage } from '../../../../services/http';

interface RevealRowProps {
  applicationId: string;
  label: string;
  field: RevealField;
  masked: string;
}

/** A masked number; showing it in full asks why, because every reveal is logged against the reviewer. */
export function RevealRow({ applicationId, label, field, masked }: RevealRowProps) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [value, setValue] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function reveal() {
    const parsed = RevealRequestSchema.safeParse({ field, reason });
    if (!parsed.success) return setReasonError(parsed.error.issues[0]?.message);
    setReasonError(undefined);
    setBusy(true);
    try {
      setValue(await revealAidField(applicationId, field, parsed.data.reason));
      setAsking(false);
    } catch (e) {
      setReasonError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View>
      <View className="row">
        <Text className="muted">{label}</Text>
        <Text data-testid={`aid-review-${field}`}>{value ?? masked}</Text>
      </View>
      {value === null && !asking ? (
        <Text className="link" onClick={() => setAsking(true)} data-testid={`aid-reveal-${field}`}>
          {field === 'accountNumber' ? '查看完整账号' : '查看完整证件号'}
        </Text>
      ) : null}
      {asking ? (
        <View>
          <TextField
            label="查看原因"
            value={reason}
            onChange={setReason}
            placeholder="如：核对户籍证明"
            error={reasonError}
            testId={`aid-reveal-reason-${field}`}
          />
          <Button
            className="btn btn--small"
            disabled={busy}
            onClick={() => void reveal()}
            data-testid={`aid-reveal-confirm-${field}`}
          >
            确认查看（将记录日志）
          </Button>
        </View>
      ) : null}
    </View>
  );
}
