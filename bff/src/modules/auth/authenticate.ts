import type { Middleware } from 'koa';
import { STAFF_ROLES, type Role } from '@union/shared';
import { AuthenticationError, ForbiddenError } from '../../http/errors';
import type { Actor } from './actor';
import { AccountModel } from './account.model';
import type { SessionTokens } from './session-tokens';

/** Requires a valid access token and puts the caller in `ctx.state.actor`. */
export function authenticate(tokens: SessionTokens): Middleware {
  return async (ctx, next) => {
    const header = ctx.get('Authorization');
    const match = /^Bearer (\S+)$/.exec(header);
    if (!match) throw AuthenticationError();
    const { accountId } = await tokens.verifyAccessToken(match[1]!);
    const account = await AccountModel.findById(accountId).lean();
    if (!account || account.disabled) throw AuthenticationError('账号不可用，请联系工会', 'account_disabled');
    ctx.state.actor = {
      accountId: String(account._id),
      kind: account.kind,
      memberId: account.memberId ? String(account.memberId) : null,
      merchantId: account.merchantId ? String(account.merchantId) : null,
      grants: account.grants.map((grant) => ({ role: grant.role as Role, orgId: String(grant.orgId) })),
    } satisfies Actor;
    await next();
  };
}

/** Lets through only accounts holding one of `roles` somewhere (object scope is checked by policies). */
export function requireRole(roles: readonly Role[] = STAFF_ROLES): Middleware {
  return async (ctx, next) => {
    const actor = ctx.state.actor as Actor | undefined;
    if (!actor) throw AuthenticationError();
    if (!actor.grants.some((grant) => roles.includes(grant.role))) throw ForbiddenError('此功能仅限工作人员使用');
    await next();
  };
}
