import { Button, Text, Textarea, View } from '@tarojs/components';
import { AidReviewActionSchema, type AidApplication } from '@union/shared';
import { useState } from 'react';
import type { AidDecision } from '../../../services/aid';
import { confirm } from '../../../utils/toast';

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
    <View className="panel" data-testid="aid-decision">
      <Text className="panel__title">审核意见</Text>
      <Textarea
        className="text-area"
        value={note}
        maxlength={300}
        placeholder="退回补充或不予资助时必填，申请人可以看到"
        onInput={(e) => setNote(e.detail.value)}
        data-testid="aid-decision-note"
      />
      {noteError ? (
        <Text className="field__error" data-testid="aid-decision-note-error">
          {noteError}
        </Text>
      ) : null}
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
    </View>
  );
}
