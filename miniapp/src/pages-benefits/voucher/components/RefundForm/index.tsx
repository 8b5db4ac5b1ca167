import { Button, Text, View } from '@tarojs/components';
import { RefundRequestSchema, type Voucher } from '@union/shared';
import { useRef, useState } from 'react';
import { ReasonForm } from '../../../../components/ReasonForm';
import { requestRefund } from '../../../../services/benefits';
import { ApiError, errorMessage } from '../../../../services/http';
import { REFUND_NOTE } from '../../../../strings/benefits';
import { formatFen } from '../../../../utils/money';
import { newRequestId } from '../../../../utils/request-id';
import { confirm } from '../../../../utils/toast';

/** The usual reasons a member gives up a paid voucher. */
const REFUND_REASONS = ['计划有变，用不上了', '买错了', '商家暂停营业'] as const;

interface RefundFormProps {
  voucher: Voucher;
  onRequested: (voucher: Voucher) => void;
}

/**
 * 申请退款 for an unused paid voucher. The requestId is kept until the BFF answers, so
 * a retry after a dropped connection cannot ask WeChat Pay for a second refund.
 */
export function RefundForm({ voucher, onRequested }: RefundFormProps) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const unanswered = useRef<string | null>(null);

  if (!open) {
    return (
      <View className="voucher-refund-entry">
        <Text className="link" onClick={() => setOpen(true)} data-testid="refund-open">
          申请退款
        </Text>
      </View>
    );
  }

  async function submit() {
    const parsed = RefundRequestSchema.shape.reason.safeParse(reason);
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message ?? '请说明退款原因');
    if (!(await confirm('申请退款', `退款 ${formatFen(voucher.paidFen)}，退款后此券不能再使用。确定申请吗？`))) return;
    const requestId = (unanswered.current ??= newRequestId('refund'));
    setBusy(true);
    setProblem(null);
    try {
      const updated = await requestRefund(voucher.id, parsed.data, requestId);
      unanswered.current = null;
      onRequested(updated);
    } catch (e) {
      const unsure = e instanceof ApiError && (e.isNetworkError || e.status >= 500);
      if (!unsure) unanswered.current = null;
      setProblem(unsure ? `${errorMessage(e)}。未确认是否已提交，请再点一次，不会重复退款` : errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <ReasonForm
      title="申请退款"
      intro={<Text className="benefit-text">{REFUND_NOTE}</Text>}
      value={reason}
      onChange={setReason}
      placeholder="请说明退款原因（2-80 字）"
      maxlength={80}
      picks={REFUND_REASONS}
      testId="refund-reason"
      panelTestId="refund-form"
    >
      {/* Not only a missing reason: the refund itself can fail, so a notice rather than a field message. */}
      {problem ? (
        <Text className="notice notice--error" data-testid="refund-error">
          {problem}
        </Text>
      ) : null}
      <Button className="btn btn--primary" loading={busy} onClick={() => void submit()} data-testid="refund-submit">
        {`申请退款 ${formatFen(voucher.paidFen)}`}
      </Button>
    </ReasonForm>
  );
}
