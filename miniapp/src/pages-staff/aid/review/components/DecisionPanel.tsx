import { Button } from '@tarojs/components';
import { AidReviewActionSchema, type AidApplication } from '@union/shared';
import { useState } from 'react';
import { ReasonForm } from '../../../../components/ReasonForm';
import type { AidDecision } from '../../../../services/aid';
import { confirm } from '../../../../utils/toast';

/** The usual notes: approving, asking for more documents, refusing. */
const DECISION_NOTES = ['材料齐全，同意资助', '证明材料不清晰，请重新上传', '不符合本项目资助条件'] as const;

interface DecisionPanelProps {
  application: AidApplication;
  /** The decisions open to this reviewer now, as the BFF says (reviewerActions). */
  actions: readonly AidDecision['action'][];
  busy: boolean;
  onDecide: (decision: AidDecision) => void;
}

/** 通过 / 退回补充 / 不予资助, with the version the reviewer is looking at so a stale decision is refused. */
export function DecisionPanel({ application, actions, busy, onDecide }: DecisionPanelProps) {
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);

  async function decide(action: AidDecision['action']) {
    const parsed = AidReviewActionSchema.safeParse({ action, note, version: application.version });
    if (!parsed.success) return setNoteError(parsed.error.issues[0]?.message ?? '请写明原因');
    setNoteError(null);
    if (
      action === 'approve' &&
      !(await confirm('审核通过', `通过后将${application.currentStepLabel ? '进入下一环节' : '继续办理'}，确定吗？`))
    )
      return;
    onDecide(parsed.data);
  }

  return (
    <ReasonForm
      title="审核意见"
      value={note}
      onChange={setNote}
      placeholder="退回补充或不予资助时必填，申请人可以看到"
      maxlength={300}
      picks={DECISION_NOTES}
      error={noteError}
      testId="aid-decision-note"
      panelTestId="aid-decision"
    >
      {actions.includes('approve') ? (
        <Button
          className="btn btn--primary"
          disabled={busy}
          onClick={() => void decide('approve')}
          data-testid="aid-approve"
        >
          通过
        </Button>
      ) : null}
      {actions.includes('return') ? (
        <Button className="btn" disabled={busy} onClick={() => void decide('return')} data-testid="aid-return">
          退回补充
        </Button>
      ) : null}
      {actions.includes('reject') ? (
        <Button className="btn" disabled={busy} onClick={() => void decide('reject')} data-testid="aid-reject">
          不予资助
        </Button>
      ) : null}
    </ReasonForm>
  );
}
