/** Activities: 抽签（承诺、开奖、公开结果与验证）. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';

const endpoints = contract.activityLottery;

export function activityLotteryRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);
  void endpoints;
  void mount;
  return router;
}
