/** The cadre workbench: to-dos across modules and notices, within the caller's org subtree and roles. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';
import { workbenchNotices } from './notices.service';
import { workbenchTodos } from './todos.service';

const endpoints = contract.workbench;

export function workbenchRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);
  mount(endpoints.workbench, async ({ actor }) => {
    const now = new Date();
    const [todos, notices] = await Promise.all([workbenchTodos(actor, now), workbenchNotices(actor, now)]);
    return { todos, notices };
  });
  return router;
}
