import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { usePagedList } from '../../../hooks/use-paged-list';
import { ROUTES } from '../../../routes';
import { fetchReviewQueue } from '../../../services/join-review';
import { OCCUPATION_LABELS } from '../../../strings/membership';
import { formatDateTime } from '../../../utils/datetime';

/** Pending applications in the reviewer's subtree, oldest first. */
export default function JoinReviewQueuePage() {
  const { items, nextCursor, loaded, error, busy, load, loadMore } = usePagedList(fetchReviewQueue);

  // Reloaded on every show so decisions made on the detail page leave the queue.
  useDidShow(() => void load('pending'));

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
          onClick={() => void Taro.navigateTo({ url: `${ROUTES.joinReviewDetail}?id=${application.id}` })}
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
        <Button className="btn" disabled={busy} onClick={() => void loadMore()}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
