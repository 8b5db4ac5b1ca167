import Router from '@koa/router';
import type { AppContext } from '../../app-context';

export function paymentRoutes(_app: AppContext): Router {
  const router = new Router();
  return router;
}
