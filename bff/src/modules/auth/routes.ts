/** Signing in and out, refreshing the session, and the caller's own account. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';
import { passwordLoginBudget, passwordLoginBudgetPerAddress } from './login-budget';
import {
  currentMe,
  loginForDevelopment,
  loginWithPassword,
  loginWithWechatCode,
  logout,
  refreshSession,
} from './login.service';

const endpoints = contract.auth;

export function authRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);
  // After the per-address limit; one address's share of an account's budget is capped first.
  const passwordBudgets = [passwordLoginBudgetPerAddress(app), passwordLoginBudget(app)];

  mount(endpoints.wechatLogin, ({ body }) => loginWithWechatCode(app, body.code));
  mount(endpoints.devLogin, ({ body }) => loginForDevelopment(app, body.openid));
  mount(endpoints.passwordLogin, passwordBudgets, ({ body }) => loginWithPassword(app, body.username, body.password));
  mount(endpoints.refresh, ({ body }) => refreshSession(app, body.refreshToken));
  mount(endpoints.logout, ({ body }) => logout(app, body.refreshToken));
  mount(endpoints.me, ({ actor }) => currentMe(app, actor));
  return router;
}
