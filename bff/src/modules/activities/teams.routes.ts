/** Activities: 队伍与代报名. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';
import { signUpOnBehalf } from './on-behalf.service';
import { createTeam, joinTeam, leaveTeam, myTeam, removeTeamMember } from './team.service';

const endpoints = contract.activityTeams;

export function activityTeamRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);
  mount(endpoints.createTeam, ({ actor, params, body }) => createTeam(app, actor, params.id, body, new Date()));
  mount(endpoints.joinTeam, ({ actor, body }) => joinTeam(app, actor, body, new Date()));
  mount(endpoints.myTeam, ({ actor, query }) => myTeam(actor, query.activityId, new Date()));
  mount(endpoints.leaveTeam, ({ actor, params }) => leaveTeam(actor, params.id, new Date()));
  mount(endpoints.removeTeamMember, ({ actor, params }) =>
    removeTeamMember(actor, params.id, params.memberId, new Date()),
  );
  mount(endpoints.signUpOnBehalf, ({ actor, params, body }) => signUpOnBehalf(app, actor, params.id, body, new Date()));
  return router;
}
