/** Activities: 抽签（承诺、开奖、公开结果与验证）. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';
import { drawActivityLottery, lotteryResult } from './lottery.service';

const endpoints = contract.activityLottery;

export function activityLotteryRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);
  mount(endpoints.activityLottery, ({ actor, params }) => lotteryResult(actor, params.id));
  mount(endpoints.drawLottery, ({ actor, params }) => drawActivityLottery(app, actor, params.id, new Date()));
  return router;
}
