import { Button, Text, Textarea, View } from '@tarojs/components';
import { useLoad, useRouter } from '@tarojs/taro';
import { FeedbackReplyRequestSchema } from '@union/shared';
import { useState } from 'react';
import { errorMessage } from '../../../services/http';
import {
  fetchOpenFeedback,
  fetchStationFeedback,
  replyToFeedback,
  type StationFeedback,
} from '../../../services/stations';
import { FEEDBACK_KIND_LABELS, FEEDBACK_STATUS_LABELS } from '../../../strings/stations';
import { formatDateTime } from '../../../utils/datetime';
import { textParam } from '../../../utils/params';
import { showMessage, showSuccess } from '../../../utils/toast';
import './index.css';

const stars = (rating: number) => '★'.repeat(rating) + '☆'.repeat(5 - rating);

type Listed = StationFeedback & { stationName?: string };

/**
 * What riders said and wished for at one station (`?id=`), or, opened from the workbench without
 * a station, what is still open at all the keeper's stations, oldest first. The keeper replies or
 * marks a wish as handled.
 */
export default function StationFeedbackPage() {
  const { params } = useRouter();
  const allStations = !params.id;
  const [items, setItems] = useState<Listed[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  function loadPage(cursor?: string) {
    const page = allStations
      ? fetchOpenFeedback(cursor)
      : fetchStationFeedback(params.id!).then((found) => ({ items: found, nextCursor: null }));
    page
      .then((loaded) => {
        setItems((current) => (cursor ? [...(current ?? []), ...loaded.items] : loaded.items));
        setNextCursor(loaded.nextCursor);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }
  useLoad(() => loadPage());

  const replace = (updated: StationFeedback) =>
    setItems((current) => current?.map((item) => (item.id === updated.id ? { ...item, ...updated } : item)) ?? null);

  return (
    <View className="page">
      {params.name ? <Text className="panel__title">{textParam(params.name)}</Text> : null}
      {allStations ? <Text className="panel__title">待处理的评价与心愿</Text> : null}
      {error ? <Text className="notice notice--error">{error}</Text> : null}
      {items?.length === 0 ? (
        <Text className="notice notice--info" data-testid="staff-feedback-empty">
          {allStations ? '没有待处理的评价或心愿' : '还没有评价或心愿'}
        </Text>
      ) : null}
      {items?.map((item) => (
        <FeedbackItem key={item.id} item={item} onReplied={replace} />
      ))}
      {nextCursor ? (
        <Button className="btn" onClick={() => loadPage(nextCursor)} data-testid="staff-feedback-more">
          加载更多
        </Button>
      ) : null}
    </View>
  );
}

function FeedbackItem({ item, onReplied }: { item: Listed; onReplied: (item: StationFeedback) => void }) {
  const [reply, setReply] = useState('');
  const [busy, setBusy] = useState(false);

  async function send(handled: boolean) {
    const parsed = FeedbackReplyRequestSchema.safeParse({ reply, handled });
    if (!parsed.success) return showMessage(parsed.error.issues[0]?.message ?? '请检查回复内容');
    setBusy(true);
    try {
      onReplied(await replyToFeedback(item.id, parsed.data.reply, parsed.data.handled));
      setReply('');
      showSuccess(parsed.data.reply ? '已回复' : '已标记处理');
    } catch (e) {
      showMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="panel" data-testid="staff-feedback-item" data-feedback-id={item.id}>
      <View className="row">
        <Text>{`${FEEDBACK_KIND_LABELS[item.kind]}${item.rating !== null ? ` ${stars(item.rating)}` : ''}`}</Text>
        <Text
          className={`tag ${item.status === 'handled' ? 'tag--active' : 'tag--pending'}`}
          data-testid="staff-feedback-status"
        >
          {FEEDBACK_STATUS_LABELS[item.status]}
        </Text>
      </View>
      {item.comment ? <Text className="feedback-text">{item.comment}</Text> : null}
      <Text className="muted">
        {[item.stationName, item.authorName, formatDateTime(item.createdAt)].filter(Boolean).join(' · ')}
      </Text>
      {item.reply ? (
        <Text className="notice notice--info feedback-reply" data-testid="staff-feedback-reply-text">
          {`回复：${item.reply}`}
        </Text>
      ) : null}
      <Textarea
        className="text-area feedback-reply__input"
        value={reply}
        maxlength={200}
        placeholder={item.kind === 'wish' ? '回复心愿的办理情况' : '回复这条评价'}
        onInput={(e) => setReply(e.detail.value)}
        data-testid="staff-feedback-reply-input"
      />
      <View className="feedback-reply__actions">
        <Button
          className="btn btn--small btn--primary"
          disabled={busy || !reply.trim()}
          onClick={() => void send(true)}
          data-testid="staff-feedback-reply"
        >
          回复并标记已处理
        </Button>
        {item.status === 'open' ? (
          <Button
            className="btn btn--small"
            disabled={busy}
            onClick={() => void send(true)}
            data-testid="staff-feedback-handle"
          >
            仅标记已处理
          </Button>
        ) : null}
      </View>
    </View>
  );
}
