import { Button, Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { ENTRY_STATUSES, ENTRY_STATUS_LABELS, ReviewEntryRequestSchema, type EntryStatus } from '@union/shared';
import { useState } from 'react';
import { Chip } from '../../components/Chip';
import { ReasonForm } from '../../components/ReasonForm';
import { usePagedList } from '../../hooks/use-paged-list';
import { errorMessage } from '../../services/http';
import { formatDateTime } from '../../utils/datetime';
import { showSuccess } from '../../utils/toast';
import { fetchEntries, reviewEntry } from '../services';

type StatusFilter = 'all' | EntryStatus;

/** 报名名单: filter by status, approve or reject (with a reason the member will read). */
export default function ActivityEntriesPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [status, setStatus] = useState<StatusFilter>('all');
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const { items, nextCursor, loaded, error, busy, load, loadMore } = usePagedList(
    (search: { status: StatusFilter }, cursor?: string) =>
      fetchEntries(id, { status: search.status === 'all' ? undefined : search.status, cursor }),
  );
  const reload = (chosen = status) => load({ status: chosen });
  useDidShow(() => void reload());

  async function review(entryId: string, decision: 'approve' | 'reject') {
    // The shared schema says a rejection needs a reason; checked here before any request.
    const parsed = ReviewEntryRequestSchema.safeParse({ decision, reason: decision === 'reject' ? reason : '' });
    if (!parsed.success) {
      setReasonError(parsed.error.issues[0]?.message ?? '请说明不通过的原因');
      return;
    }
    setReasonError(null);
    setNotice('');
    try {
      await reviewEntry(id, entryId, decision, parsed.data.reason);
      showSuccess(decision === 'approve' ? '已通过' : '已驳回');
      setRejecting(null);
      setReason('');
      void reload();
    } catch (failure) {
      setNotice(errorMessage(failure));
    }
  }

  return (
    <View className="page">
      <View className="row">
        {(['all', ...ENTRY_STATUSES] as StatusFilter[]).map((option) => (
          <Chip
            key={option}
            on={status === option}
            onClick={() => {
              setStatus(option);
              void reload(option);
            }}
            testId={`entry-status-${option}`}
          >
            {option === 'all' ? '全部' : ENTRY_STATUS_LABELS[option]}
          </Chip>
        ))}
      </View>
      {error || notice ? <Text className="notice notice--error">{error || notice}</Text> : null}
      {loaded && !error && items.length === 0 ? <Text className="notice notice--info">暂无报名</Text> : null}
      {items.map((entry) => (
        <View key={entry.id} className="panel" data-testid="entry-item">
          <View className="row">
            <Text className="panel__title">
              {entry.memberName}
              {entry.onBehalf ? '（代报名）' : ''}
            </Text>
            <Text className="tag">{entry.statusText}</Text>
          </View>
          <Text className="muted">
            {entry.groupName} · 会员号 {entry.memberNo} · {formatDateTime(entry.createdAt)}
          </Text>
          {entry.rejectReason ? <Text className="muted">驳回原因：{entry.rejectReason}</Text> : null}
          {entry.status === 'pending_review' ? (
            <View className="row">
              <Button
                className="btn btn--small btn--primary"
                onClick={() => void review(entry.id, 'approve')}
                data-testid="entry-approve"
              >
                通过
              </Button>
              <Button className="btn btn--small" onClick={() => setRejecting(entry.id)} data-testid="entry-reject">
                不通过
              </Button>
            </View>
          ) : null}
          {rejecting === entry.id ? (
            <ReasonForm
              title="不通过的原因"
              value={reason}
              onChange={setReason}
              placeholder="会员将看到这条原因"
              maxlength={200}
              picks={['不符合报名条件', '名额已满']}
              error={reasonError}
              testId="entry-reject-reason"
            >
              <Button
                className="btn btn--primary"
                onClick={() => void review(entry.id, 'reject')}
                data-testid="entry-reject-confirm"
              >
                确认不通过
              </Button>
              <Button className="btn" onClick={() => setRejecting(null)}>
                返回
              </Button>
            </ReasonForm>
          ) : null}
        </View>
      ))}
      {nextCursor ? (
        <Button className="btn" disabled={busy} onClick={() => void loadMore()}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
