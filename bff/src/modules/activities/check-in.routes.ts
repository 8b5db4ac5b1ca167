/** Activities: 签到与出勤（会员卡扫码、场次动态码、离线同步、出勤与统计）. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';

const endpoints = contract.activityCheckIn;

export function activityCheckInRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);
  void endpoints;
  void mount;
  return router;
}
