import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { ROUTES } from '../../../../routes';
import { fetchNotifications } from '../../../../services/notifications';
import { openPage } from '../../../../utils/navigation';

/** 我的助学申请 and 消息 (with how many are unread, refreshed whenever 我的 shows). */
export function AidEntries() {
  const [unread, setUnread] = useState(0);

  useDidShow(() => {
    fetchNotifications()
      .then((list) => setUnread(typeof list.unreadCount === 'number' ? list.unreadCount : 0))
      .catch(() => undefined);
  });

  return (
    <View className="panel" data-testid="mine-aid">
      <View className="row" onClick={() => openPage(ROUTES.aidApplications)} data-testid="mine-aid-applications">
        <Text>我的助学申请</Text>
        <Text className="muted">›</Text>
      </View>
      <View className="row" onClick={() => openPage(ROUTES.myActivities)} data-testid="mine-activities">
        <Text>我的活动</Text>
        <Text className="muted">›</Text>
      </View>
      <View className="row" onClick={() => openPage(ROUTES.judging)} data-testid="mine-judging">
        <Text>评委打分</Text>
        <Text className="muted">›</Text>
      </View>
      <View className="row" onClick={() => openPage(ROUTES.messages)} data-testid="mine-messages">
        <Text>消息</Text>
        {unread > 0 ? (
          <Text className="tag tag--pending" data-testid="mine-unread-count">
            {unread > 99 ? '99+' : String(unread)}
          </Text>
        ) : (
          <Text className="muted">›</Text>
        )}
      </View>
    </View>
  );
}
