/**
 * Tells a member something changed: always an in-app message, and a WeChat subscribe
 * message when they allowed it. The push is best effort: a member who declined, or a
 * WeChat outage, never fails the action that caused the message.
 */
import { chinaDateTime, type NotificationKind } from '@union/shared';
import type { Runtime } from '../../runtime';
import { AccountModel } from '../auth/account.model';
import { NotificationModel } from './notification.model';

export interface NotifyInput {
  accountId: string | { toString(): string };
  kind: NotificationKind;
  /** Short: it becomes a 20-character template field. */
  title: string;
  body: string;
  link?: string;
  /** The time the template shows (a reminder's session start); the message's own time by default. */
  at?: Date;
}

/** WeChat template `thing` fields take at most 20 characters. */
const clip = (text: string) => (Array.from(text).length > 20 ? `${Array.from(text).slice(0, 19).join('')}…` : text);

export async function notify(app: Pick<Runtime, 'wechat' | 'config' | 'logger'>, input: NotifyInput): Promise<void> {
  const createdAt = new Date();
  const notification = await NotificationModel.create({
    accountId: input.accountId,
    kind: input.kind,
    title: input.title,
    body: input.body,
    link: input.link ?? null,
    createdAt,
  });
  const templateId = templateFor(app.config, input.kind);
  if (!templateId) return;
  const account = await AccountModel.findById(input.accountId, { openid: 1 }).lean();
  if (!account?.openid) return;
  try {
    const pushed = await app.wechat.sendSubscribeMessage({
      openid: account.openid,
      templateId,
      page: input.link ?? 'pages/home/index',
      data: {
        thing1: { value: clip(input.title) },
        thing2: { value: clip(input.body) },
        time3: { value: chinaDateTime(input.at ?? createdAt) },
      },
    });
    if (pushed) await NotificationModel.updateOne({ _id: notification._id }, { $set: { pushed: true } });
  } catch (error) {
    app.logger.warn({ err: error, kind: input.kind }, 'subscribe message not sent');
  }
}

export function templateFor(config: Runtime['config'], kind: NotificationKind): string | null {
  switch (kind) {
    case 'aid_status':
      return config.WECHAT_AID_TEMPLATE_ID || null;
    case 'activity_status':
    case 'activity_changed':
      return config.WECHAT_ACTIVITY_TEMPLATE_ID || null;
    case 'activity_reminder':
      return config.WECHAT_ACTIVITY_REMINDER_TEMPLATE_ID || null;
  }
}
