import { createHash } from 'node:crypto';
import type { ParameterizedContext } from 'koa';
import type { AppContext } from '../../app-context';
import { HttpError } from '../../http/errors';
import { AccountModel } from './account.model';

/**
 * Password login's budgets, on top of the limit per address. Per account: this many wrong
 * passwords within the window lock the account's password login for PASSWORD_LOCK_SECONDS,
 * from however many addresses they came. Per account and address, a smaller budget: one
 * address that used it up is refused for that account alone, so it cannot spend the account's
 * budget and lock the real staff member out at no cost; that takes several addresses. Keyed by
 * the normalised username, so a name that does not exist is limited and answered alike.
 */
export const PASSWORD_FAILURES_PER_ACCOUNT = 20;
export const PASSWORD_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
export const PASSWORD_FAILURE_WINDOW_SECONDS = 15 * 60;
export const PASSWORD_LOCK_SECONDS = 15 * 60;

export const normaliseUsername = (username: string) => username.trim().toLowerCase();

/** Identifies the username in logs without writing it out. */
export const usernameHash = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 16);

const usernameOf = (ctx: ParameterizedContext) => (ctx.state.input as { body: { username: string } }).body.username;

const isWrongPassword = (error: unknown) => error instanceof HttpError && error.code === 'invalid_credentials';

/** The smaller budget of one address for one account; the account stays open to others. */
export function passwordLoginBudgetPerAddress(app: AppContext) {
  return app.failureBudget({
    name: 'password-login-account-address',
    failures: PASSWORD_FAILURES_PER_ACCOUNT_AND_ADDRESS,
    windowSeconds: PASSWORD_FAILURE_WINDOW_SECONDS,
    lockSeconds: PASSWORD_LOCK_SECONDS,
    keyOf: (ctx) => `${normaliseUsername(usernameOf(ctx))}|${ctx.ip}`,
    isFailure: isWrongPassword,
    lockedMessage: (minutes) => `密码错误次数过多，此设备暂时不能登录该账号，请 ${minutes} 分钟后再试`,
  });
}

export function passwordLoginBudget(app: AppContext) {
  return app.failureBudget({
    name: 'password-login-account',
    failures: PASSWORD_FAILURES_PER_ACCOUNT,
    windowSeconds: PASSWORD_FAILURE_WINDOW_SECONDS,
    lockSeconds: PASSWORD_LOCK_SECONDS,
    keyOf: (ctx) => normaliseUsername(usernameOf(ctx)),
    isFailure: isWrongPassword,
    lockedMessage: (minutes) => `该账号密码错误次数过多，已暂时锁定，请 ${minutes} 分钟后再试`,
    onLock: async (ctx, key, failures) => {
      // The account behind the budget: as typed in the attempt that used it up, or as normalised.
      // A failed lookup must not turn the client's 401 into a 500: the warning is written without the id.
      const account = await AccountModel.findOne(
        { username: { $in: [usernameOf(ctx), key] }, kind: 'staff' },
        { _id: 1 },
      )
        .lean()
        .catch(() => null);
      const log = (ctx.state.log as AppContext['logger'] | undefined) ?? app.logger;
      log.warn(
        {
          event: 'password_login_locked',
          usernameHash: usernameHash(key),
          accountId: account ? String(account._id) : null,
          failures,
          lockSeconds: PASSWORD_LOCK_SECONDS,
          ip: ctx.ip,
        },
        'password login locked for an account after repeated wrong passwords',
      );
    },
  });
}
