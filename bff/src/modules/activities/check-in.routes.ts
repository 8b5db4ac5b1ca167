/** Activities: 签到与出勤（会员卡扫码、场次动态码、离线同步、出勤与统计）. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';
import { attendanceList, memberCheckIn, sessionCode, staffCheckIn, syncCheckIns } from './check-in.service';

const endpoints = contract.activityCheckIn;

export function activityCheckInRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);
  mount(endpoints.staffCheckIn, ({ actor, params, body }) => staffCheckIn(app, actor, params.id, body, new Date()));
  mount(endpoints.sessionCode, ({ actor, params }) => sessionCode(app, actor, params.id, new Date()));
  mount(endpoints.memberCheckIn, ({ actor, params, body }) =>
    memberCheckIn(app, actor, params.id, body.code, new Date()),
  );
  mount(endpoints.syncCheckIns, ({ actor, params, body }) =>
    syncCheckIns(app, actor, params.id, body.items, new Date()),
  );
  mount(endpoints.attendance, ({ actor, params, query }) => attendanceList(actor, params.id, query.sessionIndex));
  return router;
}
