/** The member's in-app inbox and the subscribe-message templates the mini-program asks for. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';
import { markRead, myNotifications } from './inbox.service';
import { templateFor } from './notify';

const endpoints = contract.notifications;

export function notificationRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);

  mount(endpoints.list, ({ actor }) => myNotifications(actor));
  mount(endpoints.templates, () => ({ aidStatus: templateFor(app.config, 'aid_status') }));
  mount(endpoints.markRead, ({ actor, params }) => markRead(actor, params.id));
  return router;
}
