import Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { updateIf } from '../../db/conditional-update';
import { NotFoundError } from '../../http/errors';
import { handle } from '../../http/handle';
import { validate } from '../../http/validate';
import { NotificationModel, type NotificationDoc } from './notification.model';
import { templateFor } from './notify';
import { apiRouter } from '../../http/api-router';

const endpoints = contract.notifications;

const present = (notification: NotificationDoc) => ({
  id: String(notification._id),
  kind: notification.kind,
  title: notification.title,
  body: notification.body,
  link: notification.link ?? null,
  createdAt: notification.createdAt.toISOString(),
  read: notification.readAt !== null,
});

export function notificationRoutes(app: AppContext): Router {
  const router = apiRouter();
  router.get(
    endpoints.list.path,
    app.authenticate,
    handle(
      endpoints.list,
      async ({ actor }) => {
        const items = await NotificationModel.find({ accountId: actor.accountId })
          .sort({ createdAt: -1 })
          .limit(50)
          .lean<NotificationDoc[]>();
        const unreadCount = await NotificationModel.countDocuments({ accountId: actor.accountId, readAt: null });
        return { items: items.map(present), unreadCount };
      },
      app.handleOptions,
    ),
  );
  router.get(
    endpoints.templates.path,
    app.authenticate,
    handle(endpoints.templates, async () => ({ aidStatus: templateFor(app.config, 'aid_status') }), app.handleOptions),
  );
  router.post(
    endpoints.markRead.path,
    app.authenticate,
    validate(endpoints.markRead),
    handle(
      endpoints.markRead,
      async ({ actor, params }) => {
        // Someone else's message looks exactly like a missing one.
        const updated = await updateIf(
          NotificationModel,
          { key: { _id: params.id }, when: { accountId: actor.accountId } },
          { $set: { readAt: new Date() } },
        );
        if (!updated) throw NotFoundError('消息不存在');
        return { ok: true as const };
      },
      app.handleOptions,
    ),
  );
  return router;
}
