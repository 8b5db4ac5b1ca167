/** In-app messages, and the WeChat subscribe-message templates the mini-program asks the member to allow. */
import { z } from 'zod';
import { DateTimeSchema, ObjectIdSchema, OkSchema } from '../common';
import { defineEndpoint } from '../endpoint';

/** `activity_changed`: an activity's time or place changed after members signed up. */
export const NOTIFICATION_KINDS = ['aid_status', 'activity_status', 'activity_reminder', 'activity_changed'] as const;
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKindSchema>;

export const NotificationSchema = z.object({
  id: ObjectIdSchema,
  kind: NotificationKindSchema,
  title: z.string(),
  body: z.string(),
  /** A mini-program page to open, e.g. /pages-aid/application/index?id=…; null when there is none. */
  link: z.string().nullable(),
  createdAt: DateTimeSchema,
  read: z.boolean(),
});
export type Notification = z.infer<typeof NotificationSchema>;

export const notificationEndpoints = {
  list: defineEndpoint({
    method: 'get',
    path: '/api/notifications',
    access: 'user',
    tag: '消息',
    summary: '我的消息（最新在前）',
    response: z.object({ items: z.array(NotificationSchema), unreadCount: z.number().int() }),
  }),
  markRead: defineEndpoint({
    method: 'post',
    path: '/api/notifications/:id/read',
    access: 'user',
    tag: '消息',
    summary: '标记为已读',
    response: OkSchema,
  }),
  templates: defineEndpoint({
    method: 'get',
    path: '/api/notifications/templates',
    access: 'user',
    tag: '消息',
    summary: '订阅消息模板编号（小程序在提交申请时请求用户授权）',
    response: z.object({ aidStatus: z.string().nullable() }),
  }),
};
