import type { Notification } from '@union/shared';
import type { NotificationDoc } from './notification.model';

export function presentNotification(notification: NotificationDoc): Notification {
  return {
    id: String(notification._id),
    kind: notification.kind,
    title: notification.title,
    body: notification.body,
    link: notification.link ?? null,
    createdAt: notification.createdAt.toISOString(),
    read: notification.readAt !== null,
  };
}
