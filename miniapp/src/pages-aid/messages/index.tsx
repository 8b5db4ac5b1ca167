import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { Notification } from '@union/shared';
import { useState } from 'react';
import { errorMessage } from '../../services/http';
import { fetchNotifications, markNotificationRead } from '../../services/notifications';
import { formatDateTime } from '../../utils/datetime';
import { openPage } from '../../utils/navigation';
import '../aid.css';

/** In-app messages, newest first; opening one marks it read and goes where it points. */
export default function MessagesPage() {
  const [items, setItems] = useState<Notification[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useDidShow(() => {
    fetchNotifications()
      .then((list) => {
        setItems(list.items);
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  });

  function open(message: Notification) {
    if (!message.read) {
      setItems((current) => current?.map((item) => (item.id === message.id ? { ...item, read: true } : item)) ?? null);
      // Marking read must not hold up opening the page; a failure only leaves the dot for next time.
      markNotificationRead(message.id).catch(() => undefined);
    }
    if (message.link) openPage(message.link);
  }

  return (
    <View className="page">
      {error ? <Text className="notice notice--error">{error}</Text> : null}
      {items?.length === 0 ? (
        <Text className="notice notice--info" data-testid="messages-empty">
          暂无消息
        </Text>
      ) : null}
      {items?.map((message) => (
        <View
          key={message.id}
          className="panel"
          onClick={() => open(message)}
          data-testid="message-item"
          data-read={message.read ? 'true' : 'false'}
        >
          <View className="row">
            <Text className="panel__title">
              {message.read ? null : <Text className="aid-unread" data-testid="message-unread" />}
              {message.title}
            </Text>
            <Text className="muted">{formatDateTime(message.createdAt)}</Text>
          </View>
          <Text>{message.body}</Text>
        </View>
      ))}
    </View>
  );
}
