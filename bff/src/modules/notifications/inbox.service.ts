/** A member's in-app inbox: the latest messages and marking one read. */
import type { Actor } from '../auth/actor';
import { updateIf } from '../../db/conditional-update';
import { NotFoundError } from '../../http/errors';
import { NotificationModel, type NotificationDoc } from './notification.model';
import { presentNotification } from './presenter';

const INBOX_SIZE = 50;

export async function myNotifications(actor: Actor) {
  const items = await NotificationModel.find({ accountId: actor.accountId })
    .sort({ createdAt: -1 })
    .limit(INBOX_SIZE)
    .lean<NotificationDoc[]>();
  const unreadCount = await NotificationModel.countDocuments({ accountId: actor.accountId, readAt: null });
  return { items: items.map(presentNotification), unreadCount };
}

export async function markRead(actor: Actor, id: string): Promise<{ ok: true }> {
  // Someone else's message looks exactly like a missing one.
  const updated = await updateIf(
    NotificationModel,
    { key: { _id: id }, when: { accountId: actor.accountId } },
    { $set: { readAt: new Date() } },
  );
  if (!updated) throw NotFoundError('消息不存在');
  return { ok: true };
}
