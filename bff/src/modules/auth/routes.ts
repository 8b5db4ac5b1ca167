import Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { handle } from '../../http/handle';
import { validate } from '../../http/validate';
import { AuthenticationError } from '../../http/errors';
import { AccountModel, type AccountDoc } from './account.model';
import { loginForDevelopment, loginWithPassword, loginWithWechatCode, refreshSession } from './login.service';
import { passwordLoginBudget, passwordLoginBudgetPerAddress } from './login-budget';
import { presentMe } from './presenter';
import { apiRouter } from '../../http/api-router';

const endpoints = contract.auth;

export function authRoutes(app: AppContext): Router {
  const router = apiRouter();
  const { handleOptions } = app;
  const loginLimit = () => app.rateLimit({ name: 'login', points: 60, durationSeconds: 60 });

  router.post(
    endpoints.wechatLogin.path,
    loginLimit(),
    validate(endpoints.wechatLogin),
    handle(endpoints.wechatLogin, ({ body }) => loginWithWechatCode(app, body.code), handleOptions),
  );
  router.post(
    endpoints.devLogin.path,
    loginLimit(),
    validate(endpoints.devLogin),
    handle(endpoints.devLogin, ({ body }) => loginForDevelopment(app, body.openid), handleOptions),
  );
  router.post(
    endpoints.passwordLogin.path,
    app.rateLimit({ name: 'password-login', points: 10, durationSeconds: 300 }),
    validate(endpoints.passwordLogin),
    // After the per-address limit; one address's share of an account's budget is capped first.
    passwordLoginBudgetPerAddress(app),
    passwordLoginBudget(app),
    handle(endpoints.passwordLogin, ({ body }) => loginWithPassword(app, body.username, body.password), handleOptions),
  );
  router.post(
    endpoints.refresh.path,
    loginLimit(),
    validate(endpoints.refresh),
    handle(endpoints.refresh, ({ body }) => refreshSession(app, body.refreshToken), handleOptions),
  );
  router.post(
    endpoints.logout.path,
    validate(endpoints.logout),
    handle(
      endpoints.logout,
      async ({ body }) => {
        await app.tokens.revoke(body.refreshToken);
        return { ok: true as const };
      },
      handleOptions,
    ),
  );
  router.get(
    endpoints.me.path,
    app.authenticate,
    handle(
      endpoints.me,
      async ({ actor }) => {
        const account = await AccountModel.findById(actor.accountId).lean<AccountDoc>();
        if (!account) throw AuthenticationError();
        return presentMe(account);
      },
      handleOptions,
    ),
  );
  return router;
}
