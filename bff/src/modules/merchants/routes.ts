import Router from '@koa/router';
import type { AppContext } from '../../app-context';

export function merchantRoutes(_app: AppContext): Router {
  const router = new Router();
  return router;
}
