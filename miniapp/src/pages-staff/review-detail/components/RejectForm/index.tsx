import { Button, Text, Textarea, View } from '@tarojs/components';
import { RejectJoinApplicationRequestSchema } from '@union/shared';
import { useState } from 'react';

interface RejectFormProps {
  busy: boolean;
  onReject: (reason: string) => void;
}

/** The applicant sees this reason, so it is required and written for them. */
export function RejectForm({ busy, onReject }: RejectFormProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();

  function submit() {
    const parsed = RejectJoinApplicationRequestSchema.safeParse({ reason });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    onReject(parsed.data.reason);
  }

  return (
    <View className="panel">
      <Text className="panel__title">不予批准</Text>
      <Textarea
        className="text-area reject-reason"
        value={reason}
        maxlength={200}
        placeholder="请填写原因，申请人可以看到"
        onInput={(e) => setReason(e.detail.value)}
        data-testid="reject-reason"
      />
      {error ? <Text className="field__error reject-reason__error">{error}</Text> : null}
      <Button className="btn" disabled={busy} onClick={submit} data-testid="reject-submit">
        不予批准
      </Button>
    </View>
  );
}
