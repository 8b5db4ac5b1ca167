/** One sign-up in the organiser's list: review it (审核制) or remove it, each with a reason the member reads. */
import { Button, Text, View } from '@tarojs/components';
import { canTransition, RemoveEntryRequestSchema, ReviewEntryRequestSchema } from '@union/shared';
import { useState } from 'react';
import { ReasonForm } from '../../../components/ReasonForm';
import { errorMessage } from '../../../services/http';
import { formatDateTime } from '../../../utils/datetime';
import { showSuccess } from '../../../utils/toast';
import { removeEntry, reviewEntry, type StaffEntry } from '../../services';
import { ENTRIES_TEXT as T } from '../../strings';

type Asking = 'reject' | 'remove' | null;

interface EntryCardProps {
  activityId: string;
  entry: StaffEntry;
  /** After a review or removal succeeded: the list is read again. */
  onChanged: () => void;
}

export function EntryCard({ activityId, entry, onChanged }: EntryCardProps) {
  const [asking, setAsking] = useState<Asking>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  function ask(next: Asking) {
    setAsking(next);
    setReason('');
    setReasonError(null);
  }

  async function send(run: () => Promise<unknown>, done: string) {
    setNotice('');
    setBusy(true);
    try {
      await run();
      showSuccess(done);
      ask(null);
      onChanged();
    } catch (failure) {
      setNotice(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  async function review(decision: 'approve' | 'reject') {
    // The shared schema says a rejection needs a reason; checked here before any request.
    const parsed = ReviewEntryRequestSchema.safeParse({ decision, reason: decision === 'reject' ? reason : '' });
    if (!parsed.success) return setReasonError(parsed.error.issues[0]?.message ?? '请说明不通过的原因');
    setReasonError(null);
    await send(
      () => reviewEntry(activityId, entry.id, decision, parsed.data.reason),
      decision === 'approve' ? T.approved : T.rejected,
    );
  }

  async function remove() {
    const parsed = RemoveEntryRequestSchema.safeParse({ reason });
    if (!parsed.success) return setReasonError(parsed.error.issues[0]?.message ?? '请说明移除的原因');
    setReasonError(null);
    await send(() => removeEntry(activityId, entry.id, parsed.data.reason), T.removed);
  }

  const removable = canTransition(entry.status, 'remove');

  return (
    <View className="panel" data-testid="entry-item">
      <View className="row">
        <Text className="panel__title">
          {entry.memberName}
          {entry.onBehalf ? T.onBehalfTag : ''}
        </Text>
        <Text className="tag">{entry.statusText}</Text>
      </View>
      <Text className="muted">
        {entry.groupName} · 会员号 {entry.memberNo} · {formatDateTime(entry.createdAt)}
      </Text>
      {entry.rejectReason ? <Text className="muted">驳回原因：{entry.rejectReason}</Text> : null}
      {asking === null ? (
        <View className="row">
          {entry.status === 'pending_review' ? (
            <>
              <Button
                className="btn btn--small btn--primary"
                disabled={busy}
                onClick={() => void review('approve')}
                data-testid="entry-approve"
              >
                通过
              </Button>
              <Button className="btn btn--small" onClick={() => ask('reject')} data-testid="entry-reject">
                不通过
              </Button>
            </>
          ) : null}
          {removable ? (
            <Button className="btn btn--small" onClick={() => ask('remove')} data-testid="entry-remove">
              {T.remove}
            </Button>
          ) : null}
        </View>
      ) : (
        <ReasonForm
          title={asking === 'reject' ? '不通过的原因' : T.removeTitle}
          value={reason}
          onChange={setReason}
          placeholder={asking === 'reject' ? '会员将看到这条原因' : T.removePlaceholder}
          maxlength={200}
          picks={asking === 'reject' ? ['不符合报名条件', '名额已满'] : T.removePicks}
          error={reasonError}
          testId={asking === 'reject' ? 'entry-reject-reason' : 'entry-remove-reason'}
        >
          <Button
            className="btn btn--primary"
            disabled={busy}
            onClick={() => void (asking === 'reject' ? review('reject') : remove())}
            data-testid={asking === 'reject' ? 'entry-reject-confirm' : 'entry-remove-confirm'}
          >
            {asking === 'reject' ? '确认不通过' : T.removeConfirm}
          </Button>
          <Button className="btn" onClick={() => ask(null)}>
            {T.back}
          </Button>
        </ReasonForm>
      )}
      {notice ? (
        <Text className="notice notice--error" data-testid="entry-notice">
          {notice}
        </Text>
      ) : null}
    </View>
  );
}
