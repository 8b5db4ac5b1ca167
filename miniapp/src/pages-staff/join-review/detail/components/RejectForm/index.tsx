import { Button } from '@tarojs/components';
import { RejectJoinApplicationRequestSchema } from '@union/shared';
import { useState } from 'react';
import { ReasonForm } from '../../../../../components/ReasonForm';

/** The usual reasons a union turns an application down. */
const REJECT_REASONS = ['不在本工会管辖范围', '身份信息与证件不一致', '所填工作单位无法核实'] as const;

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
    <ReasonForm
      title="不予批准"
      value={reason}
      onChange={setReason}
      placeholder="请填写原因，申请人可以看到"
      maxlength={200}
      picks={REJECT_REASONS}
      error={error}
      testId="reject-reason"
    >
      <Button className="btn" disabled={busy} onClick={submit} data-testid="reject-submit">
        不予批准
      </Button>
    </ReasonForm>
  );
}
