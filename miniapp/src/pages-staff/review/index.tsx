import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { JoinApplication } from '@union/shared';
import { useState } from 'react';
import { ROUTES } from '../../routes';
import { errorMessage } from '../../services/http';
import { fetchReviewQueue } from '../../services/join-review';
import { OCCUPATION_LABELS } from '../../strings/membership';
import { formatDateTime } from '../../utils/datetime';

/** Pending applications in the reviewer's subtree, oldest first. */
export default function ReviewQueuePage() {
  const [items, setItems] = useState<JoinApplication[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load(cursor?: string) {
    setBusy(true);
    try {
      const page = await fetchReviewQueue('pending', cursor);
      setItems((current) => (cursor ? [...current, ...page.items] : page.items));
      setNextCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
      setLoaded(true);
    }
  }

  // Reloaded on every show so decisions made on the detail page leave the queue.
  useDidShow(() => void load());

  return (
    <View className="page">
      {error ? <Text className="notice notice--error">{error}</Text> : null}
      {loaded && !error && items.length === 0 ? (
        <Text className="notice notice--info">暂无待审核的入会申请</Text>
      ) : null}
      {items.map((application) => (
        <View
          key={application.id}
          className="panel"
          data-testid="review-item"
          onClick={() => void Taro.navigateTo({ url: `${ROUTES.reviewDetail}?id=${application.id}` })}
        >
          <View className="row">
            <Text className="panel__title">{application.name}</Text>
            <Text className="tag tag--pending">待审核</Text>
          </View>
          <Text className="muted">
            {OCCUPATION_LABELS[application.occupation]} · {application.employer}
          </Text>
          <View className="row">
            <Text className="muted">{application.orgName}</Text>
            <Text className="muted">{formatDateTime(application.submittedAt)}</Text>
          </View>
        </View>
      ))}
      {nextCursor ? (
        <Button className="btn" disabled={busy} onClick={() => void load(nextCursor)}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
